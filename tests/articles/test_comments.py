import pytest
from django.urls import reverse

from articles.models import Comment
from articles.roles import EDITOR, REPORTER
from tests.factories import ArticleFactory, staff_member

pytestmark = pytest.mark.django_db


def test_editor_and_reporter_exchange_comments_shown_in_order(client):
    reporter, editor = staff_member(REPORTER, username="wangyan"), staff_member(EDITOR, username="editor1")
    story = ArticleFactory(created_by=reporter)
    url = reverse("admin:articles_article_comment", args=[story.pk])
    client.force_login(editor)
    client.post(url, {"text": "第二段人数请核实。"})
    client.force_login(reporter)
    client.post(url, {"text": "已核实，为150余人。"})
    assert list(story.comments.values_list("author__username", "text")) == [
        ("editor1", "第二段人数请核实。"),
        ("wangyan", "已核实，为150余人。"),
    ]
    content = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert content.index("第二段人数请核实。") < content.index("已核实，为150余人。")


@pytest.mark.parametrize("text", ["", "   ", "\x00", "长" * 5001])
def test_empty_or_oversized_comments_are_refused_with_a_message(client, text):
    editor = staff_member(EDITOR, username="editor1")
    story = ArticleFactory()
    client.force_login(editor)
    response = client.post(reverse("admin:articles_article_comment", args=[story.pk]), {"text": text})
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_a_reporter_cannot_comment_on_another_reporters_story(client):
    story = ArticleFactory(created_by=staff_member(REPORTER, username="wangyan"))
    client.force_login(staff_member(REPORTER, username="other"))
    response = client.post(reverse("admin:articles_article_comment", args=[story.pk]), {"text": "插话"})
    assert response.status_code == 404
    assert not Comment.objects.exists()
