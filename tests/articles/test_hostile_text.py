"""Text that would break the site is refused at input; names pinyin cannot spell still get a page."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings, strategies

from articles import search
from articles.models import Article, Author
from articles.roles import REPORTER
from tests.articles.test_admin_workflow import form_data
from tests.factories import ArticleFactory, BylineFactory, staff_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["headline", "body", "kicker", "subtitle", "source"])
def test_a_control_character_is_a_form_error(client, field):
    reporter = staff_member(REPORTER)
    story = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_change", args=[story.pk]),
        form_data(story, **{field: "城北\x08街道\u202e活动"}),
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors[field])
    assert "U+0008" in errors and "U+202E" in errors


def test_a_story_stored_with_a_control_character_does_not_break_the_feeds(client):
    story = ArticleFactory(published=True)
    Article.objects.filter(pk=story.pk).update(headline="旧\x08稿件", body="正文\x0b一段。")
    township = story.townships.model.objects.first()
    story.townships.add(township)
    for path in ("/feed/", reverse("articles:township_feed", args=[township.slug])):
        response = client.get(path)
        assert response.status_code == 200 and "旧稿件" in response.content.decode(), path


def test_a_search_in_fullwidth_digits_finds_the_story_and_the_other_way_round():
    story = ArticleFactory(published=True, headline="２０２１年健步走", body="共计150余人参加。")
    assert list(search.matching(Article.objects.all(), search.query_terms("2021"))) == [story]
    assert list(search.matching(Article.objects.all(), search.query_terms("１５０"))) == [story]


def test_a_comment_with_a_control_character_is_refused(client):
    from articles.models import Comment

    reporter = staff_member(REPORTER)
    story = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    client.post(reverse("admin:articles_article_comment", args=[story.pk]), {"text": "意见\x1b"})
    assert not Comment.objects.exists()


NAMES = strategies.text(
    alphabet=strategies.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=30,
).filter(lambda name: name.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES)
def test_every_author_gets_a_unique_non_empty_slug_and_a_page(client, name):
    author = Author.objects.create(name=name)
    assert author.slug and len(author.slug) <= 60
    assert Author.objects.filter(slug=author.slug).count() == 1
    BylineFactory(article=ArticleFactory(published=True), author=author)
    assert client.get(author.get_absolute_url()).status_code == 200


def test_a_fullwidth_latin_name_is_spelt_and_an_unspellable_one_named_by_kind():
    assert Author.objects.create(name="Ｍａｒｙ").slug == "mary"
    assert Author.objects.create(name="☆☆").slug == "author"
    assert Author.objects.create(name="★").slug == "author-2"
    assert len(Author.objects.create(name="欧阳" + "龘" * 28).slug) <= 60
