import pytest
from django.contrib import admin
from django.urls import reverse

from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from tests.factories import ArticleFactory, PhotoFactory, staff_member

pytestmark = pytest.mark.django_db

NEWSROOM_MODELS = [model for model in admin.site._registry if model._meta.app_label in {"articles", "issues"}]


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
        {
            "headline": "城北街道开展健步走活动",
            "source": "本报讯",
            "body": "近日，城北街道举办健步走活动。\r\n共计150余人参加。",
            "status": "draft",
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "0",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    article = reporter.created_articles.get()
    assert article.body == "近日，城北街道举办健步走活动。\n共计150余人参加。"
    assert article.character_count == 25


def test_html_in_the_body_is_a_form_error_and_saves_nothing(client):
    client.force_login(staff_member(REPORTER))
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "标题",
            "body": "<script>alert(1)</script>",
            "status": "draft",
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "0",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "不要使用 HTML 标签" in response.content.decode()
    assert not ArticleFactory._meta.model.objects.exists()


def test_a_reporters_own_byline_is_filled_in(client):
    from articles.models import Author

    reporter = staff_member(REPORTER)
    author = Author.objects.create(name="王艳", user=reporter)
    client.force_login(reporter)
    client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "标题",
            "body": "正文。",
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "0",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )
    article = reporter.created_articles.get()
    assert [(b.author, b.role) for b in article.bylines.all()] == [(author, "writer")]
