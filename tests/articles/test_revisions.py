import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from articles import workflow
from articles.models import Article
from articles.roles import REPORTER
from tests.factories import ArticleFactory, BylineFactory, UserFactory, story_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter():
    user = UserFactory(is_staff=True, username="wangyan")
    user.groups.add(Group.objects.get(name=REPORTER))
    return user


@pytest.fixture
def story(reporter):
    article = ArticleFactory(created_by=reporter, headline="城北街道开展健步走活动", body="共计150余人参加。")
    BylineFactory(article=article, author__user=reporter)
    return article


def save_body(client, article, body):
    data = story_form(
        headline=article.headline, body=body, edit_count_seen=Article.objects.get(pk=article.pk).edit_count
    )
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302


def test_every_save_keeps_a_version_with_its_author(client, reporter, story):
    client.force_login(reporter)
    save_body(client, story, "共计160余人参加。")
    save_body(client, story, "共计170余人参加。")
    versions = Version.objects.get_for_object(story)
    assert [version.field_dict["body"] for version in versions] == ["共计170余人参加。", "共计160余人参加。"]
    assert {version.revision.user for version in versions} == {reporter}


def test_two_versions_are_compared_character_by_character(client, reporter, story):
    client.force_login(reporter)
    save_body(client, story, "共计160余人参加。")
    save_body(client, story, "共计160余名职工参加。")
    new, old = Version.objects.get_for_object(story)
    url = reverse("admin:articles_article_versions", args=[story.pk])
    content = client.get(url, {"old": old.pk, "new": new.pk}).content.decode()
    assert "共计160余<del>人</del><ins>名职工</ins>参加。" in content
    assert client.get(url, {"old": "x", "new": "\x00"}).status_code == 200


def test_restoring_an_old_version_adds_a_new_one_and_keeps_the_status(client, reporter, story):
    client.force_login(reporter)
    save_body(client, story, "共计160余人参加。")
    save_body(client, story, "错误的修改。")
    first = Version.objects.get_for_object(story).last()
    url = reverse("admin:articles_article_restore", args=[story.pk, first.pk])
    assert client.post(url).status_code == 302
    story.refresh_from_db()
    assert story.body == "共计160余人参加。"
    assert story.status == Article.Status.DRAFT
    versions = Version.objects.get_for_object(story)
    assert versions.count() == 3
    assert versions.first().field_dict["body"] == "共计160余人参加。"


def test_a_reporter_cannot_restore_a_story_under_review(client, reporter, story):
    client.force_login(reporter)
    save_body(client, story, "共计160余人参加。")
    save_body(client, story, "共计170余人参加。")
    workflow.perform(story, "submit", reporter)
    oldest = Version.objects.get_for_object(story).last()
    assert (
        client.post(reverse("admin:articles_article_restore", args=[story.pk, oldest.pk])).status_code == 403
    )
    story.refresh_from_db()
    assert story.body == "共计170余人参加。"


def test_another_reporter_cannot_see_the_versions(client, story):
    other = UserFactory(is_staff=True)
    other.groups.add(Group.objects.get(name=REPORTER))
    client.force_login(other)
    assert client.get(reverse("admin:articles_article_versions", args=[story.pk])).status_code == 404
