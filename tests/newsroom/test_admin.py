import json

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from articles.models import Article, Author
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from issues.models import Issue
from tests.factories import (
    ArticleFactory,
    IssueFactory,
    PageFactory,
    PhotoFactory,
    staff_member,
    story_form,
)

pytestmark = pytest.mark.django_db

NEWSROOM_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"articles", "issues", "planning", "scoring"}
]


@pytest.mark.parametrize("model", NEWSROOM_MODELS, ids=lambda model: model._meta.label)
def test_every_newsroom_admin_page_opens(admin_client, model):
    ArticleFactory()
    PhotoFactory()
    opts = model._meta
    add_allowed = admin.site._registry[model].has_add_permission(admin_client.get("/").wsgi_request)
    assert (
        admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    )
    response = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert response.status_code == (200 if add_allowed else 403)
    first = model._default_manager.first()
    if first is not None:
        response = admin_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
        )
        assert response.status_code == 200


def test_the_admin_speaks_chinese(admin_client):
    content = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "离石区融媒体中心采编系统" in content
    assert "稿件" in content


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ('Choose %s by selecting them and then select the "Choose" arrow button.', "选中要选择的%s"),
        ("Choose all %s", "全选%s"),
        ("Remove all %s", "删除全部%s"),
    ],
)
def test_the_admins_javascript_speaks_chinese_where_djangos_catalogue_has_no_words(
    admin_client, english, chinese
):
    """Django 5.2 reworded the many-to-many selector's help, and its own zh_Hans catalogue lags."""
    catalogue = admin_client.get("/admin/jsi18n/").content.decode()
    assert f"{json.dumps(english)}: {json.dumps(chinese)[:-1]}" in catalogue


def test_a_form_with_errors_is_titled_in_chinese(admin_client):
    content = admin_client.post(reverse("admin:articles_township_add"), {}).content.decode()
    assert "<title>错误：" in content and "Error:" not in content


def test_a_reporter_files_stories_but_cannot_touch_issues_or_the_gazetteer(client):
    client.force_login(staff_member(REPORTER))
    assert client.get(reverse("admin:articles_article_add")).status_code == 200
    assert client.get(reverse("admin:articles_photo_add")).status_code == 200
    assert client.get(reverse("admin:issues_issue_add")).status_code == 403
    assert client.get(reverse("admin:articles_township_add")).status_code == 403
    assert client.get(reverse("admin:articles_township_changelist")).status_code == 200


def test_an_editor_assembles_issues_and_a_chief_editor_maintains_the_gazetteer(client):
    client.force_login(staff_member(EDITOR))
    assert client.get(reverse("admin:issues_issue_add")).status_code == 200
    assert client.get(reverse("admin:articles_township_add")).status_code == 403
    client.force_login(staff_member(CHIEF_EDITOR))
    assert client.get(reverse("admin:articles_township_add")).status_code == 200
    assert client.get(reverse("admin:issues_issue_add")).status_code == 200


def test_creating_a_story_in_the_admin_records_who_created_it(client):
    reporter = staff_member(REPORTER)
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_add"),
        story_form(
            headline="城北街道开展健步走活动",
            source="本报讯",
            body="近日，城北街道举办健步走活动。\r\n共计150余人参加。",
            status="draft",
        ),
    )
    assertRedirects(response, reverse("admin:articles_article_changelist"), fetch_redirect_response=False)
    article = reporter.created_articles.get()
    assert article.body == "近日，城北街道举办健步走活动。\n共计150余人参加。"
    assert article.character_count == 25


def test_html_in_the_body_is_a_form_error_and_saves_nothing(client):
    client.force_login(staff_member(REPORTER))
    response = client.post(
        reverse("admin:articles_article_add"),
        story_form(headline="标题", body="<script>alert(1)</script>", status="draft"),
    )
    assert response.status_code == 200
    assert "不要使用 HTML 标签" in response.content.decode()
    assert not Article.objects.exists()


def test_a_reporters_own_byline_is_filled_in(client):
    reporter = staff_member(REPORTER)
    author = Author.objects.create(name="王艳", user=reporter)
    client.force_login(reporter)
    client.post(
        reverse("admin:articles_article_add"),
        story_form(headline="标题", body="正文。"),
    )
    article = reporter.created_articles.get()
    assert [(b.author, b.role) for b in article.bylines.all()] == [(author, "writer")]


def placed_stories(issues):
    """A story and a photo on page 1 and on page 2 of each of `issues` new issues, numbered 1, 2…"""
    first = Issue.objects.count() + 1
    for number in range(first, first + issues):
        issue = IssueFactory(number=number)
        for page_number in (1, 2):
            page = PageFactory(issue=issue, number=page_number, name=f"{page_number}版")
            ArticleFactory(page=page, position=1, headline=f"第{issue.number}期{page_number}版")
            PhotoFactory(page=page)


@pytest.mark.parametrize(
    "url",
    [
        "admin:articles_article_changelist",
        "admin:articles_photo_changelist",
        "admin:issues_issue_changelist",
        "admin:issues_page_changelist",
    ],
)
def test_admin_lists_run_as_many_queries_for_thirty_issues_as_for_one(admin_client, url):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(reverse(url)).status_code == 200
        return len(captured)

    placed_stories(1)
    few = queries()
    placed_stories(29)
    assert queries() == few


def test_stories_filter_by_issue_then_by_its_pages(admin_client):
    placed_stories(3)
    changelist = reverse("admin:articles_article_changelist")
    response = admin_client.get(changelist, {"issue": "2"})
    listed = sorted(article.headline for article in response.context["cl"].result_list)
    assert listed == ["第2期1版", "第2期2版"]
    assert "?issue=2&amp;page_number=2" in response.content.decode()  # the chosen issue's pages
    response = admin_client.get(changelist, {"issue": "2", "page_number": "2"})
    assert [article.headline for article in response.context["cl"].result_list] == ["第2期2版"]
    response = admin_client.get(changelist, {"page_number": "2"})  # page 2 of every issue
    assert len(response.context["cl"].result_list) == 3


@pytest.mark.parametrize("query", [{"issue": "二"}, {"issue": "9" * 30}, {"page_number": "-1"}])
def test_a_bad_issue_or_page_number_is_an_error_notice_not_a_crash(admin_client, query):
    placed_stories(1)
    response = admin_client.get(reverse("admin:articles_article_changelist"), query)
    assert response.status_code == 302 and response.url.endswith("?e=1")
