"""The assembly board's rules (articles/workflow/board.py, desk.py): moves keep each page's printed
order, take a story's photos along, are recorded and undoable, and are refused when stale or not
allowed; the fill, the checklist and the time an issue goes out."""

import datetime

import pytest

from articles import workflow
from articles.models import Article
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from issues.models import BoardMove, Issue, IssueTemplate
from tests.factories import ArticleFactory, IssueFactory, PageFactory, PhotoFactory, ZoneFactory, staff_member

pytestmark = pytest.mark.django_db
APPROVED = Article.Status.APPROVED


@pytest.fixture
def desk():
    """An issue of two pages: page 1 holds stories a, b, c in that order; one story waits in the pool."""
    issue = IssueFactory()
    one, two = PageFactory(issue=issue, number=1, budget=1000), PageFactory(issue=issue, number=2)
    placed = [
        ArticleFactory(status=APPROVED, page=one, position=n, headline=h) for n, h in enumerate("abc", 1)
    ]
    waiting = ArticleFactory(status=APPROVED, headline="pool")
    return issue, one, two, placed, waiting, staff_member(EDITOR)


def order(page):
    return list(page.articles.order_by("position").values_list("headline", "position"))


def test_a_move_within_a_page_renumbers_it(desk):
    issue, one, _two, (_a, _b, c), _waiting, editor = desk
    workflow.move(issue, c, one, 1, issue.board_version, editor)
    assert order(one) == [("c", 1), ("a", 2), ("b", 3)]
    issue.refresh_from_db()
    workflow.move(issue, c, one, 3, issue.board_version, editor)
    assert order(one) == [("a", 1), ("b", 2), ("c", 3)]


def test_moves_between_pages_from_the_pool_and_back(desk):
    issue, one, two, (a, b, _c), waiting, editor = desk
    workflow.move(issue, b, two, 1, 0, editor)
    workflow.move(issue, waiting, two, 1, 1, editor)
    workflow.move(issue, a, None, None, 2, editor)
    assert order(one) == [("c", 1)]
    assert order(two) == [("pool", 1), ("b", 2)]
    a.refresh_from_db()
    assert (a.page, a.position) == (None, None)
    assert BoardMove.objects.filter(issue=issue).count() == 3


def test_a_storys_photos_go_with_it_unless_placed_apart(desk):
    issue, one, two, (a, _b, _c), _waiting, editor = desk
    along = PhotoFactory(article=a, page=one)
    apart = PhotoFactory(article=a, page=two)
    workflow.move(issue, a, two, 1, 0, editor)
    along.refresh_from_db()
    apart.refresh_from_db()
    assert along.page == two and apart.page == two
    workflow.move(issue, a, one, None, 1, editor)
    along.refresh_from_db()
    apart.refresh_from_db()
    assert along.page == one and apart.page == one  # both were on its page now


def test_a_move_made_on_an_older_board_is_refused_and_changes_nothing(desk):
    issue, one, two, (a, b, _c), _waiting, editor = desk
    workflow.move(issue, a, two, 1, 0, editor)  # another editor's move
    with pytest.raises(workflow.StaleBoard):
        workflow.move(issue, b, two, 1, 0, staff_member(EDITOR))
    assert order(one) == [("b", 1), ("c", 2)]
    assert Issue.objects.get(pk=issue.pk).board_version == 1


def test_undo_puts_the_last_move_back(desk):
    issue, one, two, (a, _b, _c), _waiting, editor = desk
    workflow.move(issue, a, two, 1, 0, editor)
    workflow.undo(issue, 1, editor)
    assert order(one) == [("a", 1), ("b", 2), ("c", 3)] and order(two) == []
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.undo(issue, 2, editor)  # nothing left of this editor's


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.SUBMITTED, Article.Status.WITHDRAWN])
def test_only_approved_stories_are_placed_from_the_pool(desk, status):
    issue, one, _two, _placed, _waiting, editor = desk
    story = ArticleFactory(status=status)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.move(issue, story, one, 1, 0, editor)
    story.refresh_from_db()
    assert story.page is None


def test_who_moves_and_where(desk):
    issue, one, _two, (a, _b, _c), _waiting, editor = desk
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.move(issue, a, one, 2, 0, staff_member(REPORTER))
    elsewhere = PageFactory(issue=IssueFactory(), number=1)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.move(issue, a, elsewhere, 1, 0, editor)
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.PUBLISHED, published_at=datetime.datetime.now(datetime.UTC)
    )
    issue.refresh_from_db()
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.move(issue, a, one, 2, 0, editor)  # what readers see is the chief's
    workflow.move(issue, a, one, 2, 0, staff_member(CHIEF_EDITOR))
    assert order(one)[1] == ("a", 2)


def test_a_story_moved_off_its_page_leaves_its_zones_there_unlinked(desk):
    issue, one, two, (a, _b, _c), _waiting, editor = desk
    zone = ZoneFactory(page=one, article=a)
    workflow.move(issue, a, two, 1, 0, editor)
    zone.refresh_from_db()
    assert zone.article is None


def test_the_fill_counts_stories_and_photos_against_the_budget(desk):
    issue, one, _two, (a, _b, _c), _waiting, _editor = desk
    PhotoFactory(article=a, page=one)
    page = next(page for page in workflow.board_pages(issue) if page.pk == one.pk)
    characters = sum(story.character_count for story in one.articles.all())
    assert page.fill.characters == characters + one.photo_characters
    assert page.fill.state == "under"
    one.budget = 100
    one.save()
    page = next(page for page in workflow.board_pages(issue) if page.pk == one.pk)
    assert page.fill.state == "over" and page.fill.difference == page.fill.characters - 100


def test_the_checklist_flags_what_needs_fixing_with_links(desk):
    issue, one, _two, (a, _b, _c), _waiting, _editor = desk
    Article.objects.filter(pk=a.pk).update(status=Article.Status.FIRST_REVIEWED)
    PhotoFactory(page=one, image="")
    checks = {str(check.label): check for check in workflow.checklist(issue, workflow.board_pages(issue))}
    assert not checks["每篇上版稿件都已通过终审"].passed
    assert f"/admin/articles/article/{a.pk}/change/" in checks["每篇上版稿件都已通过终审"].fixes[0][1]
    assert not checks["每张图片都有图、图说和署名"].passed
    assert not checks["每个版面都有责任编辑，且至少有一篇稿件"].passed  # page 2 is empty
    assert not checks["每个版面都有责任编辑，且至少有一篇稿件"].blocks


def test_an_issue_goes_out_on_its_date(desk):
    issue, *_rest = desk
    today = datetime.date(2021, 3, 1)
    issue.date = today
    assert workflow.publication_time(issue, "", today) is None
    issue.date = today + datetime.timedelta(days=1)
    scheduled = workflow.publication_time(issue, "", today)
    assert (scheduled.date(), scheduled.hour) == (issue.date, 6)
    issue.date = today - datetime.timedelta(days=3)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.publication_time(issue, "  ", today)
    assert workflow.publication_time(issue, "补登", today) is None


def test_a_template_makes_the_next_issue_with_its_pages_and_budgets():
    IssueFactory(number=41, date=datetime.date(2021, 5, 3))
    number, date = Issue.next_number_and_date()
    assert (number, date) == (42, datetime.date(2021, 5, 4))
    template = IssueTemplate.objects.get()  # the four pages the migration gives
    issue = template.create_issue(number, date)
    assert list(issue.pages.values_list("number", "name", "budget")) == [
        (1, "要闻", 6000),
        (2, "综合", 7000),
        (3, "专题", 7000),
        (4, "副刊", 7000),
    ]


def test_a_storys_photo_comes_along_from_the_pool(desk):
    issue, one, _two, _placed, waiting, editor = desk
    photo = PhotoFactory(article=waiting, page=None)
    workflow.move(issue, waiting, one, 1, 0, editor)
    photo.refresh_from_db()
    assert photo.page == one
