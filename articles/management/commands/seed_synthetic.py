"""A synthetic archive for benchmarks: published issues 2015–2026, their pages and stories, in bulk.

The text is composed from the district's own names and a newsroom vocabulary, so that segmentation,
keywords and search behave as on real stories. Nothing here is used by the site itself.
"""

import datetime
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import dictionary, search
from articles.models import Article, Author, Byline, Department, Place, Township
from chinese_text.counting import character_count
from chinese_text.slugs import person_slug
from issues.models import Issue, Page

FIRST_DAY, LAST_DAY = datetime.date(2015, 1, 1), datetime.date(2026, 10, 31)
STORIES_PER_ISSUE = 24
PAGE_NAMES = ["要闻", "综合", "乡村振兴", "专题", "民生", "文化", "教育", "党建"]
BATCH = 2000

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁"
GIVEN = "艳华伟芳娜敏静丽强磊军洋勇杰娟涛明超秀霞平刚桂英玉兰晓峰建国海燕鹏飞慧婷雪梅志红文斌宇欣佳琪瑞"

# Common words appear in most stories; rare ones in a few hundred of 100,000 (bench/search.py asks both).
TOPICS = [
    "乡村振兴",
    "脱贫攻坚",
    "产业扶贫",
    "人居环境整治",
    "疫情防控",
    "安全生产",
    "文明城市创建",
    "移风易俗",
    "党史学习教育",
    "基层治理",
    "民生实事",
    "招商引资",
    "项目建设",
    "生态保护",
    "植树造林",
    "防汛抗旱",
    "教育发展",
    "医疗保障",
    "就业创业",
    "养老服务",
    "文化惠民",
    "全民健身",
    "法治宣传",
    "消防安全",
]
RARE_TOPICS = ["沙棘采摘", "核桃嫁接", "剪纸非遗", "弓箭舞", "红枣烘干", "小米深加工", "光伏电站", "地质灾害"]
ACTIVITIES = [
    "专题会议",
    "座谈会",
    "培训班",
    "宣讲活动",
    "志愿服务",
    "观摩活动",
    "现场推进会",
    "签约仪式",
    "健步走活动",
    "文艺演出",
    "义诊活动",
    "知识竞赛",
    "揭牌仪式",
    "调研活动",
    "集中学习",
]
PEOPLE = ["党员干部", "村民", "群众", "志愿者", "企业职工", "师生", "妇女代表", "退役军人", "青年", "老人"]
VERBS = ["召开", "举办", "组织开展", "扎实推进", "深入开展", "启动", "部署", "全面落实"]
RESULTS = [
    "取得了明显成效",
    "受到群众广泛好评",
    "为高质量发展注入新动能",
    "进一步提升了群众的获得感和幸福感",
    "营造了浓厚氛围",
    "推动各项工作落地见效",
    "实现了良好开局",
]
SENTENCES = [
    "近日，{township}{verb}{topic}{activity}，{department}负责同志出席并讲话。",
    "{township}{place}的{people}积极参与，共计{number}余人参加活动。",
    "会议强调，要把{topic}作为当前的重点工作，{result}。",
    "今年以来，{department}围绕{topic}，{verb}各项工作，{result}。",
    "活动现场，{people}纷纷表示，{topic}让生活有了新变化。",
    "据了解，{township}已累计投入资金{number}万元，用于{topic}。",
    "{department}相关负责人介绍，下一步将继续做好{topic}工作。",
    "在{place}，记者看到{people}正在忙着{rare}，一派繁忙景象。",
    "截至目前，全区共有{number}户农户参与{topic}，{result}。",
]


class Command(BaseCommand):
    help = _("Create N published synthetic stories, spread over issues and pages 2015–2026, for benchmarks.")

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, articles, seed, **options):
        if articles < 1:
            raise CommandError(_("--articles must be at least 1."))
        started = time.perf_counter()
        self.random = random.Random(seed)
        self.townships = list(Township.objects.all())
        self.departments = list(Department.objects.prefetch_related("short_names"))
        self.places = list(Place.objects.select_related("township"))
        if not self.townships or not self.departments:
            raise CommandError(_("The gazetteer is empty: run migrate first."))
        self.segmenter = dictionary.segmenter()
        authors = self.make_authors(300)
        pages = self.make_issues(articles)
        for start in range(0, articles, BATCH):
            with transaction.atomic():
                self.make_stories(pages[start : start + BATCH], authors)
            self.stdout.write(f"\r{min(start + BATCH, articles)}/{articles}", ending="")
            self.stdout.flush()
        self.stdout.write("")
        self.stdout.write(
            _("Created %(count)d stories in %(seconds).0f s.")
            % {"count": articles, "seconds": time.perf_counter() - started}
        )

    def make_authors(self, count):
        taken = set(Author.objects.values_list("slug", flat=True))
        authors = []
        for _index in range(count):
            given = self.random.sample(GIVEN, self.random.choice((1, 2)))
            name = self.random.choice(SURNAMES) + "".join(given)
            slug, suffix = person_slug(name), 1
            while slug in taken:
                suffix += 1
                slug = f"{person_slug(name)}-{suffix}"
            taken.add(slug)
            authors.append(Author(name=name, slug=slug))
        return Author.objects.bulk_create(authors)

    def make_issues(self, story_count):
        """Issues on free dates, evenly over the period; returns each story's (page, position) in order."""
        issue_count = max(1, story_count // STORIES_PER_ISSUE)
        taken = set(Issue.objects.values_list("date", flat=True))
        days = [
            day
            for offset in range((LAST_DAY - FIRST_DAY).days + 1)
            if (day := FIRST_DAY + datetime.timedelta(days=offset)) not in taken
        ]
        step = max(1, len(days) // issue_count)
        number = (Issue.objects.aggregate(Max("number"))["number__max"] or 0) + 1
        issues = []
        for index, day in enumerate(days[::step][:issue_count]):
            published_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(6)))
            status = Issue.Status.PUBLISHED
            issues.append(Issue(number=number + index, date=day, status=status, published_at=published_at))
        issues = Issue.objects.bulk_create(issues)
        pages = Page.objects.bulk_create(
            Page(issue=issue, number=number, name=name)
            for issue in issues
            for number, name in enumerate(PAGE_NAMES[:4], start=1)
        )
        slots = []
        for index in range(story_count):
            page = pages[index % len(pages)]
            slots.append((page, index // len(pages) + 1))
        return slots

    def sentence(self, township):
        places = [place for place in self.places if place.township_id == township.pk] or self.places
        department = self.random.choice(self.departments)
        short_names = list(department.short_names.all())
        return self.random.choice(SENTENCES).format(
            township=township.name,
            place=self.random.choice(places).name,
            department=self.random.choice(short_names).name if short_names else department.name,
            topic=self.random.choice(TOPICS),
            rare=self.random.choice(RARE_TOPICS) if self.random.random() < 0.05 else "农活",
            activity=self.random.choice(ACTIVITIES),
            people=self.random.choice(PEOPLE),
            verb=self.random.choice(VERBS),
            result=self.random.choice(RESULTS),
            number=self.random.randint(10, 900),
        )

    def make_stories(self, slots, authors):
        stories, tags = [], []
        for page, position in slots:
            township = self.random.choice(self.townships)
            department = self.random.choice(self.departments)
            body = "\n".join(
                "".join(self.sentence(township) for _sentence in range(self.random.randint(2, 4)))
                for _paragraph in range(self.random.randint(3, 7))
            )
            headline = (
                f"{township.name}{self.random.choice(VERBS)}{self.random.choice(TOPICS)}"
                f"{self.random.choice(ACTIVITIES)}"
            )
            article = Article(
                headline=headline,
                source="本报讯",
                body=body,
                page=page,
                position=position,
                status=Article.Status.PUBLISHED,
                published_at=page.issue.published_at,
                listing_date=page.issue.date,
                character_count=character_count(body),
                edit_count=1,
            )
            stories.append(article)
            tags.append((township, department))
        stories = Article.objects.bulk_create(stories)
        Article.townships.through.objects.bulk_create(
            Article.townships.through(article_id=story.pk, township_id=township.pk)
            for story, (township, _department) in zip(stories, tags, strict=True)
        )
        Article.departments.through.objects.bulk_create(
            Article.departments.through(article_id=story.pk, department_id=department.pk)
            for story, (_township, department) in zip(stories, tags, strict=True)
        )
        Byline.objects.bulk_create(
            Byline(article=story, author=self.random.choice(authors)) for story in stories
        )
        search.index(stories, self.segmenter)
