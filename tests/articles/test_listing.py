"""What a list shows of each story (Article.listing), read with the stories in one query."""

from unittest import mock

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Department, Township, issue_contents
from articles.models.listing import JSONRow
from issues.models import Issue
from tests.factories import ArticleFactory, BylineFactory, PageFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def listed(**filters):
    return Article.objects.published().filter(**filters).for_listing().get()


def test_a_story_lists_its_townships_in_code_order_its_departments_as_printed_and_its_first_picture():
    story = ArticleFactory(published=True)
    story.townships.add(Township.objects.get(name="信义镇"), Township.objects.get(name="城北街道"))
    story.departments.add(Department.objects.get(name="离石区教育科技局"))
    PhotoFactory(article=story, image="", caption="图片待补")  # imported, its picture not yet supplied
    first, _second = PhotoFactory(article=story), PhotoFactory(article=story)

    with CaptureQueriesContext(connection) as captured:
        listing = listed(pk=story.pk).listing
        urls = [tag.get_absolute_url() for tag in (*listing.townships, *listing.departments)]

    assert len(captured) == 1
    assert [town.name for town in listing.townships] == ["城北街道", "信义镇"]
    assert [unit.printed_name for unit in listing.departments] == ["区教科局"]
    assert urls[0] == Township.objects.get(name="城北街道").get_absolute_url()
    assert urls[2] == Department.objects.get(name="离石区教育科技局").get_absolute_url()
    assert listing.photo.thumbnail_url == first.thumbnail_url
    assert (listing.photo.width, listing.photo.height) == (first.width, first.height)


def test_a_story_without_tags_or_pictures_lists_none():
    story = ArticleFactory(published=True)
    PhotoFactory(article=ArticleFactory(published=True))  # another story's

    listing = listed(pk=story.pk).listing

    assert (listing.townships, listing.departments, listing.photo) == ([], [], None)


def test_a_window_further_down_a_list_keeps_the_lists_order():
    page = PageFactory(issue__published=True)
    stories = [ArticleFactory(published=True, page=page, position=number) for number in range(1, 8)]
    for story in stories[::2]:
        PhotoFactory(article=story)
    newest_first = Article.objects.published().newest_first()

    window = list(newest_first[2:5].for_listing())

    assert window == list(newest_first[2:5])
    assert [story.listing.photo is not None for story in window] == [True, False, True]


def test_an_issues_stories_name_their_authors_in_byline_order():
    page = PageFactory(issue__published=True)
    story = ArticleFactory(published=True, page=page, position=1)
    BylineFactory(article=story, author__name="王艳", order=2)
    BylineFactory(article=story, author__name="吴夏峰", order=1)
    ArticleFactory(published=True, page=page, position=2)  # no byline

    issue = Issue.objects.prefetch_related(*issue_contents()).get()

    stories = issue.pages.all()[0].published_articles
    assert [story.author_names for story in stories] == [["吴夏峰", "王艳"], []]


@pytest.mark.parametrize("key", ["名称", "name'); DROP TABLE articles_article; --", "a b", ""])
def test_a_json_row_takes_only_plain_names_as_keys_since_they_are_written_into_the_sql(key):
    with pytest.raises(ValueError):
        JSONRow(**{key: "pk"})


def test_a_json_row_reads_its_fields_under_their_keys():
    story = ArticleFactory(published=True, headline="信义镇红枣丰收")
    row = Article.objects.annotate(row=JSONRow(pk="pk", title="headline")).values_list("row", flat=True)
    assert row.get(pk=story.pk) == {"pk": story.pk, "title": "信义镇红枣丰收"}


def test_the_listing_reads_its_own_story_wherever_the_stories_table_stands_in_the_query():
    """The listing's SQL is compiled once for each place of the stories' table: read as a list, and as a
    subquery of another query of stories, each reads the pictures of its own story."""
    with_photo = ArticleFactory(published=True)
    ArticleFactory(published=True)
    PhotoFactory(article=with_photo)
    for _ in range(2):  # compiled the first time, written as it was the second
        with_pictures = Article.objects.for_listing().filter(listed_photo__isnull=False)
        assert [story.pk for story in with_pictures] == [with_photo.pk]
        assert list(Article.objects.filter(pk__in=with_pictures.values("pk"))) == [with_photo]


def test_the_listing_is_compiled_once_for_every_query_that_reads_it():
    story = ArticleFactory(published=True)
    PhotoFactory(article=story)
    first_sql = Article.objects.filter(pk=story.pk).for_listing().query.sql_with_params()[0]
    resolve = mock.Mock(wraps=models.Subquery.resolve_expression)

    with mock.patch.object(
        models.Subquery, "resolve_expression", lambda *args, **kwargs: resolve(*args, **kwargs)
    ):
        second = Article.objects.filter(pk=story.pk).for_listing()
        assert second.query.sql_with_params()[0] == first_sql
        assert second.get().listing.photo.thumbnail_url == story.photos.get().thumbnail_url

    resolve.assert_not_called()
