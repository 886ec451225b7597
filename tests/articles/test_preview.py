import pytest
from django.urls import reverse

from articles.roles import EDITOR, REPORTER
from tests.factories import ArticleFactory, UserFactory, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return ArticleFactory(headline="尚未发布的稿件", kicker="引题", subtitle="——副题")


def test_an_editor_previews_a_draft_through_the_public_template_uncached(client, draft):
    client.force_login(staff_member(EDITOR))
    response = client.get(reverse("articles:preview", args=[draft.pk]))
    assert response.status_code == 200
    assert "articles/article_detail.html" in {template.name for template in response.templates}
    content = response.content.decode()
    assert "尚未发布的稿件" in content and "预览" in content
    assert "qr.svg" not in content  # a draft's address leads nowhere yet
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_anonymous_readers_cannot_preview(client, draft):
    assert client.get(reverse("articles:preview", args=[draft.pk])).status_code == 404


def test_a_reporter_previews_only_their_own_stories(client, draft):
    reporter = staff_member(REPORTER)
    client.force_login(reporter)
    assert client.get(reverse("articles:preview", args=[draft.pk])).status_code == 404
    own = ArticleFactory(created_by=reporter)
    assert client.get(reverse("articles:preview", args=[own.pk])).status_code == 200


def test_a_logged_in_non_staff_user_cannot_preview(client, draft):
    client.force_login(UserFactory())
    assert client.get(reverse("articles:preview", args=[draft.pk])).status_code == 404
