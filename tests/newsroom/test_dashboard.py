import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from tests.factories import ArticleFactory, IssueFactory, PageFactory, staff_member

pytestmark = pytest.mark.django_db


def waiting(client):
    return {
        str(label): [story.headline for story in stories]
        for label, stories in client.get(reverse("admin:index")).context["waiting"]
    }


def test_an_editor_sees_stories_waiting_for_review_by_stage(client):
    ArticleFactory(status=Article.Status.SUBMITTED, headline="待初审稿")
    ArticleFactory(status=Article.Status.FIRST_REVIEWED, headline="待复审稿")
    ArticleFactory(status=Article.Status.SECOND_REVIEWED, headline="待终审稿")
    staff_member(EDITOR)  # a colleague, left to sign the second review
    chief = staff_member(CHIEF_EDITOR)
    client.force_login(staff_member(EDITOR))
    stages = waiting(client)
    assert stages["待初审"] == ["待初审稿"]
    assert stages["待复审"] == ["待复审稿"]
    assert "待终审" not in stages
    client.force_login(chief)
    assert waiting(client)["待终审"] == ["待终审稿"]


def test_a_reporter_sees_their_returned_stories(client):
    reporter = staff_member(REPORTER)
    ArticleFactory(status=Article.Status.RETURNED, headline="被退回的稿件", created_by=reporter)
    ArticleFactory(status=Article.Status.RETURNED, headline="别人的稿件")
    client.force_login(reporter)
    stages = waiting(client)
    assert stages["退回修改"] == ["被退回的稿件"]
    assert "待初审" not in stages


def test_the_dashboard_shows_how_full_the_coming_issues_pages_are(client):
    issue = IssueFactory(date=timezone.localdate() + datetime.timedelta(days=1))
    page = PageFactory(issue=issue, number=1, name="要闻")
    ArticleFactory(status=Article.Status.APPROVED, page=page, position=1, body="一二三")
    client.force_login(staff_member(EDITOR))
    content = client.get(reverse("admin:index")).content.decode()
    assert "1 · 要闻" in content and "1 篇稿件，3 字" in content


def test_a_reporter_sees_their_own_stories_by_state(client):
    reporter = staff_member(REPORTER)
    for status, headline in [
        (Article.Status.DRAFT, "草稿一"),
        (Article.Status.RETURNED, "退回一"),
        (Article.Status.FIRST_REVIEWED, "审核中一"),
        (Article.Status.APPROVED, "签发一"),
    ]:
        ArticleFactory(status=status, headline=headline, created_by=reporter)
    ArticleFactory(published=True, headline="发布一", created_by=reporter)
    ArticleFactory(headline="别人的草稿")
    client.force_login(reporter)
    rows = client.get(reverse("admin:index")).context["my_stories"]
    assert [(str(label), count, [s.headline for s in stories]) for label, count, stories in rows] == [
        ("草稿", 1, ["草稿一"]),
        ("退回修改", 1, ["退回一"]),
        ("审核中", 1, ["审核中一"]),
        ("已签发", 1, ["签发一"]),
        ("已发布", 1, ["发布一"]),
    ]


def test_the_queue_costs_one_query_a_waiting_story(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff_member(EDITOR), staff_member(CHIEF_EDITOR)
    editor = staff_member(EDITOR)
    client.force_login(editor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("admin:index"))
        return len(captured)

    ArticleFactory(status=Article.Status.SUBMITTED)
    few = queries()
    for _ in range(10):
        ArticleFactory(status=Article.Status.SUBMITTED)
    # One query a story for its signers of this round, none for who may sign.
    assert queries() - few <= 10
