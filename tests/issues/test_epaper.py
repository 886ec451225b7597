"""The reader's 数字报: the page image with its published stories' zones, the pages as thumbnails, the
page files readers may have, and the way back from a story to its place on the page."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article
from articles.roles import EDITOR
from issues.models import Zone
from issues.tasks import render_page
from tests.factories import (
    ArticleFactory,
    IssueFactory,
    PageFactory,
    ZoneFactory,
    staff_member,
    with_page_pdf,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def printed():
    """A published issue of two pages; page 1 has its PDF rendered and a published story with two zones."""
    issue = IssueFactory(published=True, number=5)
    page = with_page_pdf(PageFactory(issue=issue, number=1, name="要闻"))
    PageFactory(issue=issue, number=2, name="综合")
    story = ArticleFactory(published=True, page=page, position=1, headline="区委召开专题学习会")
    ZoneFactory(page=page, article=story, x=0.05, y=0.1, width=0.4, height=0.05)
    ZoneFactory(page=page, article=story, x=0.05, y=0.15, width=0.2, height=0.3)
    return page, story


def test_the_page_shows_its_image_with_a_link_zone_for_each_piece_of_a_published_story(client, printed):
    page, story = printed
    content = client.get(page.get_absolute_url()).content.decode()
    assert f'src="{page.screen_url}"' in content and page.zoom_url in content
    assert content.count(f'href="{story.get_absolute_url()}"') == 3  # two zones and the headline list
    assert f'id="story-{story.pk}" aria-label="区委召开专题学习会"' in content  # the first zone is named
    assert 'tabindex="-1" aria-hidden="true"' in content  # the second piece is not a second tab stop
    assert 'x="50.0" y="100.0" width="400.0" height="50.0"' in content
    assert "下载本版（PDF）" in content and page.scan.url in content
    assert "下一版" in content and reverse("issues:page", kwargs={"number": 5, "page": 2}) in content


def test_no_zone_shows_a_story_readers_cannot_see(client, printed):
    page, story = printed
    draft = ArticleFactory(page=page, position=2, headline="尚未签发的稿件")
    ZoneFactory(page=page, article=draft)
    other_page = PageFactory(issue=page.issue, number=3)
    elsewhere = ArticleFactory(published=True, page=other_page, position=1, headline="别版稿件")
    ZoneFactory(page=page, article=elsewhere)  # a zone left pointing at a story now on another page
    content = client.get(page.get_absolute_url()).content.decode()
    assert "尚未签发的稿件" not in content and "别版稿件" not in content
    Article.objects.filter(pk=story.pk).update(status=Article.Status.WITHDRAWN)
    assert story.get_absolute_url() not in client.get(page.get_absolute_url()).content.decode()


def test_placing_a_story_on_another_page_unlinks_its_old_zones(printed):
    page, _story = printed
    moved = ArticleFactory(status=Article.Status.APPROVED, page=page, position=3)
    zone = ZoneFactory(page=page, article=moved)
    other = PageFactory(issue=IssueFactory(), number=1)
    workflow.place(moved, other, 1, staff_member(EDITOR))
    zone.refresh_from_db()
    assert zone.article is None and zone.page == page


def test_page_images_are_the_readers_once_the_issue_is_out_and_kept_for_good(client, printed):
    page, _story = printed
    response = client.get(page.screen_url)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"] and "max-age=31536000" in response["Cache-Control"]


def test_an_unpublished_issues_page_images_are_staff_only(client):
    page = with_page_pdf(PageFactory(issue=IssueFactory(), number=1))
    for url in (page.thumbnail_url, page.screen_url, page.zoom_url, page.scan.url):
        assert client.get(url).status_code == 404
    client.force_login(staff_member(EDITOR))
    response = client.get(page.screen_url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert client.get(page.screen_url.replace(".webp", "x.webp")).status_code == 404


def test_the_story_links_back_to_its_place_on_the_printed_page(client, printed):
    page, story = printed
    content = client.get(story.get_absolute_url()).content.decode()
    assert f'href="{page.get_absolute_url()}#story-{story.pk}"' in content and "在版面中查看" in content
    Zone.objects.all().delete()
    assert "在版面中查看" not in client.get(story.get_absolute_url()).content.decode()


def test_the_issue_and_the_archive_show_page_thumbnails_and_the_calendar_opens_the_first_page(
    client, printed
):
    page, _story = printed
    assert page.thumbnail_url in client.get(page.issue.get_absolute_url()).content.decode()
    archive = client.get(reverse("issues:archive")).content.decode()
    assert page.thumbnail_url in archive
    assert f'href="{page.get_absolute_url()}" title="第5期"' in archive


def test_rendering_is_once_per_file_and_follows_a_new_one(printed):
    page, _story = printed
    first = page.screen_image.name
    assert render_page.call(page.pk) == ""  # current already: nothing to do
    with_page_pdf(page, "general_page")
    page.refresh_from_db()
    assert page.screen_image.name != first and page.text_layer == "readable"


def test_a_cached_page_shows_its_image_once_the_worker_has_rendered_it(client, page_cache):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import page_pdf

    issue = IssueFactory(published=True, number=6)
    page = PageFactory(issue=issue, number=1)
    page_cache(lambda: page.scan.save("page.pdf", SimpleUploadedFile("page.pdf", page_pdf())))
    assert "epaper__image" not in client.get(page.get_absolute_url()).content.decode()  # now cached
    page_cache(lambda: render_page.call(page.pk))
    assert "epaper__image" in client.get(page.get_absolute_url()).content.decode()
