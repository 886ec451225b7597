import datetime
import zoneinfo

import pytest
import time_machine

from articles import workflow
from articles.models import Article
from articles.roles import CHIEF_EDITOR, EDITOR
from issues.models import Issue, Page
from tests.factories import ArticleFactory, IssueFactory, PageFactory, PhotoFactory, UserFactory, staff_member

pytestmark = pytest.mark.django_db
Status = Article.Status
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def issue():
    issue = IssueFactory()
    PageFactory(issue=issue, number=1, name="要闻")
    PageFactory(issue=issue, number=2, name="综合")
    return issue


def approved(**kwargs):
    return ArticleFactory(status=Status.APPROVED, **kwargs)


def test_an_editor_places_approved_stories_in_order(issue):
    editor, page = staff_member(EDITOR), issue.pages.get(number=1)
    first, second = approved(), approved()
    workflow.place(second, page, 2, editor)
    workflow.place(first, page, 1, editor)
    assert list(page.articles.order_by("position")) == [first, second]


def test_unapproved_stories_and_taken_positions_are_refused(issue):
    editor, page = staff_member(EDITOR), issue.pages.get(number=1)
    with pytest.raises(workflow.TransitionNotAllowed) as raised:
        workflow.place(ArticleFactory(status=Status.FIRST_REVIEWED), page, 1, editor)
    assert raised.value.code == "not_approved"
    workflow.place(approved(), page, 1, editor)
    with pytest.raises(workflow.TransitionNotAllowed) as raised:
        workflow.place(approved(), page, 1, editor)
    assert raised.value.code == "position_taken"


def test_pages_total_their_stories_and_characters(issue):
    page = issue.pages.get(number=2)
    approved(page=page, position=1, body="一二三四五")
    approved(page=page, position=2, body="六七八")
    totals = {
        p.number: (p.story_count, p.total_characters) for p in Page.objects.with_totals().filter(issue=issue)
    }
    assert totals == {1: (0, 0), 2: (2, 8)}


def test_the_chief_editor_publishes_the_whole_issue_at_once(issue):
    stories = [approved(page=page, position=1) for page in issue.pages.all()]
    workflow.publish_issue(issue, staff_member(CHIEF_EDITOR))
    issue.refresh_from_db()
    assert issue.status == Issue.Status.PUBLISHED
    assert set(Article.objects.published()) == set(stories)
    assert len({story.published_at for story in Article.objects.all()}) == 1
    assert all(story.transitions.get().action == "publish" for story in stories)


def test_an_issue_with_a_story_still_in_review_publishes_nothing(issue):
    approved(page=issue.pages.get(number=1), position=1)
    ArticleFactory(
        page=issue.pages.get(number=2), position=1, status=Status.SECOND_REVIEWED, headline="还在复审"
    )
    with pytest.raises(workflow.TransitionNotAllowed) as raised:
        workflow.publish_issue(issue, staff_member(CHIEF_EDITOR))
    assert "还在复审" in raised.value.messages[0]
    assert not Article.objects.filter(status=Status.PUBLISHED).exists()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.PLANNING


def test_only_the_chief_editor_publishes_an_issue(issue):
    approved(page=issue.pages.get(number=1), position=1)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.publish_issue(issue, staff_member(EDITOR))
    assert not Article.objects.published().exists()


def test_a_scheduled_issue_appears_exactly_at_its_time(issue):
    story = approved(page=issue.pages.get(number=1), position=1)
    at = datetime.datetime(2026, 12, 1, 6, 0, tzinfo=SHANGHAI)
    with time_machine.travel(at - datetime.timedelta(hours=10), tick=False):
        workflow.publish_issue(issue, staff_member(CHIEF_EDITOR), publish_at=at)
        assert not Article.objects.published().exists()
        assert not Issue.objects.published().exists()
    with time_machine.travel(at - datetime.timedelta(microseconds=1), tick=False):
        assert not Article.objects.published().exists()
    with time_machine.travel(at, tick=False):
        assert list(Article.objects.published()) == [story]
        assert Issue.objects.published().get() == issue


def test_an_editor_places_photos_on_a_page_in_order(issue):
    editor, page = staff_member(EDITOR), issue.pages.get(number=2)
    donkeys, potatoes = PhotoFactory(caption="西属巴街道养驴场。"), PhotoFactory(caption="加工土豆。")
    workflow.place_photo(potatoes, page, 2, editor)
    workflow.place_photo(donkeys, page, 1, editor)
    assert list(page.photos.order_by("position").values_list("caption", flat=True)) == [
        "西属巴街道养驴场。",
        "加工土豆。",
    ]


def test_photos_of_unapproved_stories_stay_off_the_page(issue):
    photo = PhotoFactory(article=ArticleFactory(status=Status.SUBMITTED))
    with pytest.raises(workflow.TransitionNotAllowed) as raised:
        workflow.place_photo(photo, issue.pages.get(number=1), 1, staff_member(EDITOR))
    assert raised.value.code == "not_approved"
    with pytest.raises(workflow.TransitionNotAllowed) as raised:
        workflow.place_photo(PhotoFactory(), issue.pages.get(number=1), 1, UserFactory())
    assert raised.value.code == "forbidden"
