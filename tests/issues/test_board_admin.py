"""The assembly board in the admin: it renders in a fixed number of queries, moves round-trip through
htmx, stale and bad moves are refused with the board as it is, and issues are made from templates and
published from the checklist."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from issues.models import Issue, IssueTemplate
from tests.factories import (
    ArticleFactory,
    IssueFactory,
    PageFactory,
    PhotoFactory,
    filled_issue,
    staff_member,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def board_url(issue, view="board"):
    return reverse(f"admin:issues_issue_{view}", args=[issue.pk])


def queries_for(client, issue):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(board_url(issue)).status_code == 200
    return len(captured.captured_queries)


def test_the_board_renders_in_a_fixed_number_of_queries(client):
    client.force_login(staff_member(EDITOR))
    small = queries_for(client, filled_issue(1, 1))
    assert queries_for(client, filled_issue(8, 10)) == small  # 8 pages, 80 stories, 80 photos


def test_a_move_answers_with_the_board_as_it_now_is(client):
    issue = filled_issue(2, 2)
    one, two = issue.pages.order_by("number")
    story = one.articles.get(position=1)
    client.force_login(staff_member(EDITOR))
    data = {"kind": "article", "id": story.pk, "page": two.pk, "position": 1, "version": 0}
    response = client.post(board_url(issue, "board_move"), data, **HTMX)
    assert response.status_code == 200
    assert 'data-version="1"' in response.content.decode()
    story.refresh_from_db()
    assert (story.page, story.position) == (two, 1)
    assert client.post(board_url(issue, "board_undo"), {"version": 1}, **HTMX).status_code == 200
    story.refresh_from_db()
    assert (story.page, story.position) == (one, 1)


def test_a_second_editors_stale_move_is_refused_with_the_current_board(client):
    issue = filled_issue(2, 2)
    one, two = issue.pages.order_by("number")
    first, second = one.articles.order_by("position")
    client.force_login(staff_member(EDITOR))
    client.post(
        board_url(issue, "board_move"),
        {"kind": "article", "id": first.pk, "page": two.pk, "version": 0},
        **HTMX,
    )
    client.force_login(staff_member(EDITOR))
    stale = {"kind": "article", "id": second.pk, "page": two.pk, "version": 0}
    response = client.post(board_url(issue, "board_move"), stale, **HTMX)
    assert response.status_code == 409
    content = response.content.decode()
    assert "别人改动了版面规划" in content and 'data-version="1"' in content
    second.refresh_from_db()
    assert second.page == one


def test_polling_answers_no_content_while_the_board_is_unchanged(client):
    issue = filled_issue(1, 1)
    client.force_login(staff_member(EDITOR))
    assert client.get(board_url(issue), {"version": 0}, **HTMX).status_code == 204
    Issue.objects.filter(pk=issue.pk).update(board_version=3)
    assert client.get(board_url(issue), {"version": 0}, **HTMX).status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "article", "id": "x", "page": "pool", "version": 0},
        {"kind": "story", "id": 1, "page": "pool", "version": 0},
        {"kind": "article", "id": 999999, "page": "pool", "version": 0},
        {"kind": "article", "id": 1, "page": 999999, "version": 0},
        {"kind": "article", "id": 1, "page": "front", "version": 0},
        {"kind": "article", "id": 1, "page": "pool", "position": 0, "version": 0},
    ],
)
def test_bad_moves_are_refused_with_a_message(client, data):
    issue = filled_issue(1, 1)
    client.force_login(staff_member(EDITOR))
    response = client.post(board_url(issue, "board_move"), data, **HTMX)
    assert response.status_code == 400
    assert "errornote" in response.content.decode()


def test_a_story_of_another_issue_cannot_be_moved_here(client):
    issue, other = filled_issue(1, 1), filled_issue(1, 1)
    foreign = other.pages.get().articles.get()
    client.force_login(staff_member(EDITOR))
    data = {"kind": "article", "id": foreign.pk, "page": issue.pages.get().pk, "version": 0}
    assert client.post(board_url(issue, "board_move"), data, **HTMX).status_code == 400
    foreign.refresh_from_db()
    assert foreign.page.issue == other


def test_reporters_have_no_board(client):
    issue = filled_issue(1, 1)
    client.force_login(staff_member(REPORTER))
    assert client.get(board_url(issue)).status_code == 403
    assert client.post(board_url(issue, "board_move"), {}).status_code == 403


def test_a_new_issue_from_a_template_suggests_the_next_number_and_date(client):
    IssueFactory(number=99, date=datetime.date(2021, 6, 1))
    client.force_login(staff_member(EDITOR))
    url = reverse("admin:issues_issue_new_from_template")
    form = client.get(url).context["form"]
    assert (form.initial["number"], form.initial["date"]) == (100, datetime.date(2021, 6, 2))
    template = IssueTemplate.objects.get()
    response = client.post(url, {"template": template.pk, "number": 100, "date": "2021-06-02"})
    issue = Issue.objects.get(number=100)
    assert response.status_code == 302 and response["Location"] == board_url(issue)
    assert issue.pages.count() == 4
    again = client.post(url, {"template": template.pk, "number": 100, "date": "2021-06-02"})
    assert again.status_code == 200 and set(again.context["form"].errors) == {"number", "date"}


def test_publishing_shows_the_checklist_and_summary_and_needs_a_confirmation(client):
    page = PageFactory(issue=IssueFactory(date=datetime.date.today()), editor=staff_member(EDITOR))
    ArticleFactory(status=Article.Status.APPROVED, page=page, position=1)
    missing = PhotoFactory(page=page, image="")
    client.force_login(staff_member(CHIEF_EDITOR))
    url = reverse("admin:issues_issue_publish", args=[page.issue.pk])
    content = client.get(url).content.decode()
    assert "共 1 个版面、1 篇稿件、1 张图片" in content
    assert f"/admin/articles/photo/{missing.pk}/change/" in content and "publish-form" not in content
    missing.image = PhotoFactory.build().image
    missing.save()
    assert "publish-form" in client.get(url).content.decode()
    client.post(url, {})  # no confirmation: nothing happens
    assert not Issue.objects.published().exists()
    client.post(url, {"confirm": "1"})
    assert Issue.objects.published().get() == page.issue


def test_staff_preview_the_whole_issue_before_it_is_out(client):
    page = PageFactory(issue=IssueFactory(number=12), number=1)
    story = ArticleFactory(status=Article.Status.APPROVED, page=page, position=1, headline="尚未发布的头条")
    previews = [reverse(name, args=[12]) for name in ("issues:preview", "issues:home_preview")]
    previews.append(reverse("issues:page_preview", args=[12, 1]))
    for url in previews:
        assert client.get(url).status_code == 404
    client.force_login(staff_member(EDITOR))
    content = client.get(reverse("issues:page_preview", args=[12, 1])).content.decode()
    assert "尚未发布的头条" in content and reverse("articles:preview", args=[story.pk]) in content
    for url in previews:
        assert "尚未发布的头条" in client.get(url).content.decode()
        assert "no-cache" in client.get(url)["Cache-Control"]
    assert client.get(page.get_absolute_url()).status_code == 404  # readers still see nothing
