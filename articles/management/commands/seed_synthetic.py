"""A synthetic archive for benchmarks: published issues 2015–2026, their pages and stories, in bulk.

The text is composed from the district's own names and a newsroom vocabulary, so that segmentation,
keywords and search behave as on real stories. Nothing here is used by the site itself.
"""

import datetime
import random
import time
import tomllib
from pathlib import Path

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
BATCH = 2000
WORDS = tomllib.loads(Path(__file__).with_name("synthetic_words.toml").read_text(encoding="utf-8"))


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
            given = self.random.sample(WORDS["given_names"], self.random.choice((1, 2)))
            name = self.random.choice(WORDS["surnames"]) + "".join(given)
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
            for number, name in enumerate(WORDS["page_names"][:4], start=1)
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
        return self.random.choice(WORDS["sentences"]).format(
            township=township.name,
            place=self.random.choice(places).name,
            department=self.random.choice(short_names).name if short_names else department.name,
            topic=self.random.choice(WORDS["topics"]),
            rare=self.random.choice(WORDS["rare_topics"]) if self.random.random() < 0.05 else "农活",
            activity=self.random.choice(WORDS["activities"]),
            people=self.random.choice(WORDS["people"]),
            verb=self.random.choice(WORDS["verbs"]),
            result=self.random.choice(WORDS["results"]),
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
                f"{township.name}{self.random.choice(WORDS['verbs'])}{self.random.choice(WORDS['topics'])}"
                f"{self.random.choice(WORDS['activities'])}"
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
