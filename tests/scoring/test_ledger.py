"""The 稿分 ledger (scoring/ledger.py): how a story's points are reached, who gets them, adjustments, the
lock that keeps a month as it was, corrections settled in the next month, a rule change in mid-year, and
exports whose totals are the sum of their lines."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import workflow
from articles.models import Author, Byline
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from scoring import ledger
from scoring.models import Adjustment, Grade, LedgerLine, LengthBand, RuleSet
from tests.factories import ArticleFactory, BylineFactory, PageFactory, PhotoFactory, png_file, staff_member

pytestmark = pytest.mark.django_db
JUNE, JULY, AUGUST = datetime.date(2026, 6, 1), datetime.date(2026, 7, 1), datetime.date(2026, 8, 1)


@pytest.fixture
def chief():
    return staff_member(CHIEF_EDITOR)


def published_on(day, characters=800, page_number=2, position=2, source="本报讯", **fields):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    page = PageFactory(number=page_number, issue__published=True)
    return ArticleFactory(
        status="published",
        published_at=moment,
        page=page,
        position=position,
        source=source,
        body="字" * characters,
        **fields,
    )


def signed(article, *names_and_roles):
    for order, (name, role) in enumerate(names_and_roles):
        BylineFactory(article=article, author=Author.objects.create(name=name), role=role, order=order)
    return article


def points(lines):
    return sorted((line.author.name, line.role, line.points) for line in lines)


def test_a_news_story_of_800_characters_shared_by_two_writers():
    signed(published_on(JUNE), ("王艳", Byline.Role.WRITER), ("吴夏峰", Byline.Role.WRITER))
    lines = ledger.compute(JUNE)
    assert points(lines) == [("吴夏峰", "文", Decimal("4.00")), ("王艳", "文", Decimal("4.00"))]
    assert "消息，800字：8" in lines[0].explanation and "2人平分" in lines[0].explanation


def test_the_front_page_lead_with_a_grade_and_a_correspondent(chief):
    story = signed(
        published_on(JUNE, characters=1200, page_number=1, position=1),
        ("王艳", Byline.Role.WRITER),
        ("张晋晋", Byline.Role.CORRESPONDENT),
    )
    Grade.objects.create(article=story, level=Grade.Level.EXCELLENT, graded_by=chief)
    # (12 × 1.5 + 5) × 1.2 = 27.6, shared by two; the correspondent's half × 0.6
    assert points(ledger.compute(JUNE)) == [
        ("张晋晋", "通讯员", Decimal("8.28")),
        ("王艳", "文", Decimal("13.80")),
    ]


def test_each_published_photo_earns_its_photographer_and_one_awaiting_its_image_nothing():
    story = signed(published_on(JUNE), ("王艳", Byline.Role.WRITER))
    photographer = Author.objects.create(name="刘和平")
    PhotoFactory(article=story, photographer=photographer)
    PhotoFactory(article=story, photographer=photographer)
    PhotoFactory(article=story, photographer=photographer, image="")
    assert ("刘和平", "图片", Decimal("6.00")) in points(ledger.compute(JUNE))


def test_a_story_moved_between_pages_before_publication_counts_on_its_page_when_published():
    story = signed(published_on(JUNE, page_number=1, position=3), ("王艳", Byline.Role.WRITER))
    story.page = PageFactory(number=3, issue=story.page.issue)
    story.save()
    assert points(ledger.compute(JUNE)) == [("王艳", "文", Decimal("8.00"))]


def test_only_published_stories_of_the_month_count():
    signed(published_on(JUNE), ("王艳", Byline.Role.WRITER))
    signed(published_on(JULY), ("吴夏峰", Byline.Role.WRITER))
    draft = ArticleFactory(body="字" * 800)
    signed(draft, ("张晋晋", Byline.Role.WRITER))
    assert [line.author.name for line in ledger.compute(JUNE)] == ["王艳"]


def test_a_rule_change_in_mid_year_applies_from_its_month():
    new = RuleSet.objects.create(name="新办法", effective_from=JULY)
    LengthBand.objects.create(rule_set=new, min_characters=0, points=Decimal("10"))
    signed(published_on(JUNE), ("王艳", Byline.Role.WRITER))
    signed(published_on(JULY), ("王艳", Byline.Role.WRITER))
    assert points(ledger.compute(JUNE)) == [("王艳", "文", Decimal("8.00"))]
    assert points(ledger.compute(JULY)) == [("王艳", "文", Decimal("10.00"))]


def test_adjustments_count_with_their_reason(chief):
    wang = Author.objects.create(name="王艳")
    Adjustment.objects.create(
        author=wang, month=JUNE, points=Decimal("-2"), reason="差错：人名写错", created_by=chief
    )
    (line,) = ledger.compute(JUNE)
    assert (line.author, line.role, line.points, line.explanation) == (
        wang,
        "调整",
        Decimal("-2"),
        "差错：人名写错",
    )


def test_only_the_chief_locks_and_only_a_month_that_has_ended(chief):
    with pytest.raises(PermissionDenied):
        ledger.lock(JUNE, staff_member(EDITOR))
    with pytest.raises(ValidationError):
        ledger.lock(timezone.localdate().replace(day=1), chief)
    ledger.lock(JUNE, chief)
    with pytest.raises(ValidationError) as twice:
        ledger.lock(JUNE, chief)
    assert twice.value.code == "locked"


def test_a_locked_month_never_changes_and_a_later_withdrawal_is_settled_in_the_next_month(chief):
    story = signed(published_on(JUNE), ("王艳", Byline.Role.WRITER))
    ledger.lock(JUNE, chief)
    workflow.perform(story, "withdraw", chief, comment="内容有误")
    assert points(ledger.lines_of(JUNE)) == [("王艳", "文", Decimal("8.00"))]  # as locked
    assert points(ledger.compute(JULY)) == [("王艳", "更正", Decimal("-8.00"))]
    assert ledger.compute(AUGUST) == []  # settled once, in the month after the last locked one
    ledger.lock(JULY, chief)
    assert ledger.compute(AUGUST) == []  # and not again once July is locked


def test_a_grade_given_after_the_lock_becomes_a_correction(chief):
    story = signed(published_on(JUNE), ("王艳", Byline.Role.WRITER))
    ledger.lock(JUNE, chief)
    Grade.objects.create(article=story, level=Grade.Level.EXCELLENT, graded_by=chief)
    (correction,) = ledger.compute(JULY)
    assert (correction.role, correction.points) == ("更正", Decimal("1.60"))
    assert LedgerLine.objects.get().points == Decimal("8.00")


def test_an_adjustment_cannot_be_dated_in_a_locked_month(chief):
    ledger.lock(JUNE, chief)
    with pytest.raises(ValidationError):
        ledger.check_open(JUNE)
    ledger.check_open(JULY)


def test_a_reporter_sees_only_their_own_lines():
    reporter = staff_member(REPORTER, first_name="王艳")
    wang = Author.objects.create(name="王艳", user=reporter)
    signed(published_on(JUNE), ("吴夏峰", Byline.Role.WRITER))
    BylineFactory(article=published_on(JUNE), author=wang)
    lines = ledger.compute(JUNE)
    assert [line.author for line in ledger.visible_lines(lines, reporter)] == [wang]
    assert len(ledger.visible_lines(lines, staff_member(EDITOR))) == 2


def test_the_exports_totals_equal_the_sum_of_their_lines(chief):
    signed(
        published_on(JUNE, page_number=1, position=1),
        ("王艳", Byline.Role.WRITER),
        ("吴夏峰", Byline.Role.WRITER),
    )
    story = signed(published_on(JUNE, characters=2500), ("王艳", Byline.Role.WRITER))
    PhotoFactory(article=story, photographer=Author.objects.create(name="刘和平"), image=png_file())
    Adjustment.objects.create(
        author=Author.objects.get(name="吴夏峰"), month=JUNE, points=3, reason="好稿奖", created_by=chief
    )
    lines = ledger.lines_of(JUNE)
    workbook = openpyxl.load_workbook(io.BytesIO(ledger.as_xlsx(JUNE, lines)))
    detail, summary = workbook.worksheets
    by_person = {}
    for _name, slug, _story, _role, value, _how in list(detail.values)[1:]:
        by_person[slug] = by_person.get(slug, 0) + Decimal(str(value))
    rows = list(summary.values)[1:]
    assert len(by_person) == 4  # two people named 王艳 stay two
    assert {slug: Decimal(str(value)) for _name, slug, value in rows[:-1]} == by_person
    assert Decimal(str(rows[-1][2])) == sum(by_person.values()) == sum(line.points for line in lines)
    table = list(csv.reader(io.StringIO(ledger.as_csv(JUNE, lines).lstrip("\ufeff"))))
    line_rows = table[1 : table.index([])]
    total_rows = table[table.index([]) + 1 :]
    assert sum(Decimal(row[4]) for row in line_rows) == sum(Decimal(row[4]) for row in total_rows)
    assert len(line_rows) == len(lines)
