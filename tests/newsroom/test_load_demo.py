import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles import workflow
from articles.models import Article, Author, Byline, Photo
from issues.models import Issue, Page
from planning import rules as planning
from planning.models import Assignment, Proposal
from scoring import ledger
from scoring.models import Adjustment, Grade

pytestmark = pytest.mark.django_db

PRINTED_HEADLINES = [
    "城北街道开展“迎新年”健步走活动",
    "离石一中和朝阳小学举行深度合作签约仪式",
    "离石区统一战线同心书画院举行成立揭牌仪式暨首届书画作品展",
    "产业扶贫结硕果",
    "离石区妇联社会治理创新工作成效显著",
    "栉风沐雨砥砺前行",
    "集中学习《论党的宣传思想工作》",
]


DEMO_MODELS = (
    Issue,
    Page,
    Article,
    Author,
    Byline,
    Photo,
    get_user_model(),
    Proposal,
    Assignment,
    Grade,
    Adjustment,
)


@pytest.fixture
def demo(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    call_command("load_demo", verbosity=0)
    return Page.objects.get()


def test_the_demo_is_one_published_issue_with_one_page(demo):
    assert demo.issue.status == Issue.Status.PUBLISHED
    assert Issue.objects.published().get() == demo.issue


def test_the_seven_headlines_are_the_printed_ones_in_page_order(demo):
    assert list(demo.articles.order_by("position").values_list("headline", flat=True)) == PRINTED_HEADLINES
    assert Article.objects.published().count() == 7


def test_the_plan_has_proposals_in_each_state(demo):
    assert sorted(Proposal.objects.values_list("status", flat=True)) == sorted(
        ["proposed", "accepted", "accepted", "accepted", "rejected", "merged"]
    )
    states = {proposal.topic: state for proposal, state in planning.plan(demo.editor, timezone.localdate())}
    assert states == {
        "信义镇红枣加工厂投产": "assigned",
        "城北街道冬季供暖入户走访": "overdue",
        "吴城镇羊肚菌大棚丰收": "filed",
    }
    filed = Assignment.objects.get(proposal__topic="吴城镇羊肚菌大棚丰收").article
    assert (filed.status, filed.headline) == (Article.Status.DRAFT, "吴城镇羊肚菌大棚丰收")
    assert Proposal.objects.get(status="merged").merged_into.topic == "信义镇红枣加工厂投产"


def test_the_month_of_the_demo_page_has_its_ledger_exported_to_xlsx(demo):
    month = datetime.date(2021, 1, 1)
    lines = ledger.lines_of(month)
    workbook = openpyxl.load_workbook(io.BytesIO(ledger.as_xlsx(month, lines)))
    detail, summary = workbook.worksheets
    detail_rows = list(detail.values)[1:]
    assert len(detail_rows) == len(lines) > 7
    assert any("差错" in row[5] for row in detail_rows)
    assert any("优" in row[5] for row in detail_rows)
    exported_total = Decimal(str(list(summary.values)[-1][2]))
    assert (
        exported_total
        == sum(Decimal(str(row[4])) for row in detail_rows)
        == sum(line.points for line in lines)
    )


def test_features_keep_subtitle_and_byline_apart_from_the_headline(demo):
    education = Article.objects.get(headline="栉风沐雨砥砺前行")
    assert education.subtitle == "——离石区教育发展工作综述"
    assert education.source == ""
    assert [byline.author.name for byline in education.bylines.all()] == ["王燕华"]
    assert Article.objects.get(headline="产业扶贫结硕果").subtitle == "——离石区产业助力脱贫攻坚工作综述"


def test_news_bylines_become_authors_in_printed_order(demo):
    signing = Article.objects.get(headline="离石一中和朝阳小学举行深度合作签约仪式")
    assert [(b.author.name, b.role) for b in signing.bylines.all()] == [
        ("吴夏峰", Byline.Role.WRITER),
        ("张晋晋", Byline.Role.WRITER),
    ]
    assert signing.source == "本报讯"
    assert signing.event_date.isoformat() == "2020-12-31"
    # 王燕华 wrote two stories on the page: one author, two bylines.
    assert Author.objects.get(name="王燕华").articles.count() == 2


def test_bodies_are_clean_paragraphs(demo):
    for article in demo.articles.all():
        assert len(article.paragraphs) >= 2, article.headline
        for paragraph in article.paragraphs:
            assert not paragraph.startswith("本报讯"), article.headline
            assert not re.search(r"[\u4e00-\u9fff，。、] [\u4e00-\u9fff，。、]", paragraph), paragraph
            assert not re.search(r"（[\u4e00-\u9fff ]{2,12}）$", paragraph), paragraph
            assert "□" not in paragraph
    walk = Article.objects.get(headline__startswith="城北街道")
    assert walk.paragraphs[0].startswith("近日，城北街道办，东泰能源集团、金晖煤业联合工会在吕梁如意湖公园")
    assert walk.paragraphs[-1].endswith("为创建富裕文明和谐城北贡献自己的一份力量。")
    poverty = Article.objects.get(headline="产业扶贫结硕果")
    assert any(p.startswith("产业扶贫是稳定脱贫的根本之策。") for p in poverty.paragraphs)


def test_stories_are_tagged_with_their_townships_and_departments(demo):
    def tags(headline):
        article = Article.objects.get(headline=headline)
        return (
            set(article.townships.values_list("name", flat=True)),
            set(article.departments.values_list("name", flat=True)),
        )

    assert tags("城北街道开展“迎新年”健步走活动")[0] == {"城北街道"}
    assert "信义镇" in tags("产业扶贫结硕果")[0]
    assert tags("离石区妇联社会治理创新工作成效显著")[1] == {"离石区妇女联合会"}
    assert "离石区教育科技局" in tags("栉风沐雨砥砺前行")[1]
    assert tags("集中学习《论党的宣传思想工作》")[0] == {"吴城镇"}


def test_two_photos_stand_alone_and_one_illustrates_the_feature_all_credited_to_liu_heping(demo):
    photos = Photo.objects.all()
    assert sorted(photos.values_list("caption", "article__headline")) == [
        ("吴城镇农产品公司员工正在加工土豆。", None),
        ("新建成的教学楼和塑胶跑道。", "栉风沐雨砥砺前行"),
        ("西属巴街道养驴场。", None),
    ]
    for photo in photos:
        assert photo.photographer.name == "刘和平"
        assert photo.page == demo
        assert (photo.width, photo.height) == (1200, 800)


def test_the_page_has_a_responsible_editor(demo):
    assert demo.editor.get_full_name() == "吴夏峰"


def test_loading_twice_adds_nothing(demo):
    counts = [model.objects.count() for model in DEMO_MODELS]
    call_command("load_demo", verbosity=0)
    assert [model.objects.count() for model in DEMO_MODELS] == counts


def test_loading_twice_copies_each_image_once(demo, settings):
    call_command("load_demo", verbosity=0)
    # Each photo: the image and its two renditions.
    assert len([path for path in (settings.MEDIA_ROOT / "photos").rglob("*") if path.is_file()]) == 9


def test_the_demo_staff_can_walk_a_story_through_every_level_with_the_given_password(demo):
    User = get_user_model()
    expected = {
        "reporter": ("记者", "王艳"),
        "reporter2": ("记者", "张晋晋"),
        "editor": ("编辑", "王燕华"),
        "editor2": ("编辑", "吴夏峰"),
        "chief": ("总编", "李建平"),
    }
    for username, (role, name) in expected.items():
        user = User.objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.check_password("demo-password-for-tests")
        assert user.get_full_name() == name and user.author.name == name
    story = Article.objects.create(
        headline="演示稿件", body="正文。", created_by=User.objects.get(username="reporter")
    )
    Byline.objects.create(article=story, author=User.objects.get(username="reporter").author)
    steps = [
        ("reporter", "submit"),
        ("editor", "first_review"),
        ("editor2", "second_review"),
        ("chief", "final_review"),
        ("chief", "publish"),
    ]
    for username, action in steps:
        workflow.perform(story, action, User.objects.get(username=username))
    assert story.status == Article.Status.PUBLISHED


def test_without_demo_password_a_random_one_is_printed(settings, monkeypatch, capsys):
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("load_demo")
    password = re.search(r"Password of the new demo accounts: (\S+)", capsys.readouterr().out).group(1)
    assert get_user_model().objects.get(username="chief").check_password(password)


def test_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", verbosity=0)
    assert not Issue.objects.exists()
    assert not get_user_model().objects.exists()


def test_dry_run_writes_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo", "--dry-run", verbosity=0)
    assert not Article.objects.exists()
    assert not (settings.MEDIA_ROOT / "photos").exists() or not any(
        (settings.MEDIA_ROOT / "photos").rglob("*.png")
    )


def test_a_failure_part_way_leaves_no_rows_and_no_copied_images(settings, monkeypatch):
    settings.DEBUG = True

    def fail(self):
        raise RuntimeError("the accounts could not be made")

    monkeypatch.setattr("newsroom.demo.management.commands.load_demo.Command.load_accounts", fail)
    with pytest.raises(RuntimeError):
        call_command("load_demo", verbosity=0)
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert not any((settings.MEDIA_ROOT / "photos").rglob("*.png"))
