import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from tests.factories import ArticleFactory, BylineFactory, staff_member, story_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    reporter = staff_member(REPORTER, username="wangyan")
    article = ArticleFactory(created_by=reporter, headline="城北街道开展健步走活动", body="共计150余人参加。")
    BylineFactory(article=article, author__user=reporter)
    workflow.perform(article, "submit", reporter)
    return article


def form_data(article, edit_count_seen, body):
    return story_form(headline=article.headline, body=body, edit_count_seen=edit_count_seen)


def test_the_second_of_two_saves_from_the_same_text_is_refused_and_shows_the_difference(client, story):
    url = reverse("admin:articles_article_change", args=[story.pk])
    first, second = staff_member(EDITOR, username="editor1"), staff_member(EDITOR, username="editor2")
    client.force_login(first)
    seen_by_first = client.get(url).context["adminform"].form["edit_count_seen"].value()
    client.force_login(second)
    seen_by_second = client.get(url).context["adminform"].form["edit_count_seen"].value()
    assert seen_by_first == seen_by_second

    client.force_login(first)
    assert client.post(url, form_data(story, seen_by_first, "共计160余人参加。")).status_code == 302

    client.force_login(second)
    response = client.post(url, form_data(story, seen_by_second, "共计150余名职工参加。"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "有人在你打开稿件后保存了它" in content
    assert "共计1<del>6</del><ins>5</ins>0余<del>人</del><ins>名职工</ins>参加。" in content
    story.refresh_from_db()
    assert story.body == "共计160余人参加。"


def test_a_post_without_the_edit_count_is_refused(client, story):
    client.force_login(staff_member(EDITOR, username="editor1"))
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_data(story, "", "篡改的正文。")
    assert client.post(url, data).status_code == 200
    story.refresh_from_db()
    assert story.body == "共计150余人参加。"


def test_the_story_page_shows_who_else_has_it_open_and_who_saved_last(client, story):
    url = reverse("admin:articles_article_change", args=[story.pk])
    client.force_login(staff_member(EDITOR, username="editor1"))
    seen = client.get(url).context["adminform"].form["edit_count_seen"].value()
    client.post(url, form_data(story, seen, "共计160余人参加。"))
    client.force_login(staff_member(EDITOR, username="editor2"))
    content = client.get(url).content.decode()
    assert "现在也打开了这篇稿件：editor1" in content
    assert "最后保存：editor1" in content


def test_workflow_steps_do_not_make_an_open_form_stale(client, story):
    editor = staff_member(EDITOR, username="editor1")
    staff_member(CHIEF_EDITOR)  # left to sign the final review
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[story.pk])
    seen = client.get(url).context["adminform"].form["edit_count_seen"].value()
    workflow.perform(story, "first_review", staff_member(EDITOR, username="editor2"))
    assert client.post(url, form_data(story, seen, "共计160余人参加。")).status_code == 302
    assert Article.objects.get(pk=story.pk).body == "共计160余人参加。"
