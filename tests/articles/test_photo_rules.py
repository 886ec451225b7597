"""Photos follow their story's rules: who sees them, who changes them, and when readers see them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Photo
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    IssueFactory,
    PageFactory,
    PhotoFactory,
    png_file,
    staff_member,
)

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def published_story():
    page = PageFactory(issue=IssueFactory(published=True))
    return ArticleFactory(published=True, page=page, position=1, headline="已发布的稿件")


@pytest.fixture
def reporter(client):
    user = staff_member(REPORTER)
    client.force_login(user)
    return user


def photo_form(**changes):
    return {"caption": "图片说明。", "photographer": AuthorFactory(name="刘和平").pk, **changes}


def test_a_reporter_cannot_attach_a_photo_to_someone_elses_published_story(client, reporter, published_story):
    response = client.post(
        reverse("admin:articles_photo_add"), photo_form(image=png_file(), article=published_story.pk)
    )
    assert response.status_code == 200 and "article" in response.context["adminform"].form.errors
    assert not Photo.objects.exists()


def test_a_reporters_photo_belongs_to_one_of_their_own_stories(client, reporter):
    response = client.post(reverse("admin:articles_photo_add"), photo_form(image=png_file()))
    assert "article" in response.context["adminform"].form.errors
    assert not Photo.objects.exists()


def test_a_reporter_cannot_rewrite_or_swap_a_published_photo(client, reporter, published_story):
    photo = PhotoFactory(article=published_story, caption="原来的说明。")
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    assert client.get(url).status_code == 302  # not in their list: the admin says it does not exist
    client.post(
        url, photo_form(caption="改写的说明。", image=png_file("other.png"), article=published_story.pk)
    )
    photo.refresh_from_db()
    assert photo.caption == "原来的说明。"


def test_nobody_edits_a_published_storys_photo_the_chief_corrects_it(client, published_story):
    photo = PhotoFactory(article=published_story, caption="原来的说明。")
    for role in (EDITOR, CHIEF_EDITOR):
        client.force_login(staff_member(role))
        url = reverse("admin:articles_photo_change", args=[photo.pk])
        client.post(url, photo_form(caption="改写的说明。", article=published_story.pk))
        photo.refresh_from_db()
        assert photo.caption == "原来的说明。"
        assert not workflow.can_edit_photo(photo, staff_member(role))


def test_the_photo_form_has_no_page_a_tampered_page_is_ignored(client, published_story):
    editor = staff_member(EDITOR)
    client.force_login(editor)
    story = ArticleFactory(status=Status.SUBMITTED)
    response = client.post(
        reverse("admin:articles_photo_add"),
        photo_form(image=png_file(), article=story.pk, page=published_story.page.pk),
    )
    assert response.status_code == 302
    assert Photo.objects.get().page is None


def test_an_editor_cannot_place_a_photo_on_a_published_page(client, published_story):
    photo = PhotoFactory(article=ArticleFactory(status=Status.APPROVED))
    client.force_login(staff_member(EDITOR))
    client.post(
        reverse("admin:issues_page_place_photo", args=[published_story.page.pk]),
        {"photo": photo.pk, "position": 1},
    )
    photo.refresh_from_db()
    assert photo.page is None


def test_the_photo_list_shows_a_reporter_only_their_own_stories_photos(client, reporter):
    PhotoFactory(article=ArticleFactory(headline="别人的稿件"), caption="别人的未发表图片。")
    PhotoFactory(caption="独立的图片。")
    own = PhotoFactory(article=ArticleFactory(created_by=reporter), caption="自己的图片。")
    listed = client.get(reverse("admin:articles_photo_changelist")).context["cl"].result_list
    assert list(listed) == [own]


def test_a_reporter_edits_their_own_photo_while_the_story_is_a_draft(client, reporter):
    story = ArticleFactory(created_by=reporter)
    photo = PhotoFactory(article=story)
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    assert client.post(url, photo_form(caption="改好的说明。", article=story.pk)).status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "改好的说明。"
    Article.objects.filter(pk=story.pk).update(status=Status.SUBMITTED)
    client.post(url, photo_form(caption="再改。", article=story.pk))
    photo.refresh_from_db()
    assert photo.caption == "改好的说明。"


def page_photos(client, page):
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    return [photo.caption for photo in response.context["page"].photos.all()]


def test_the_page_view_shows_a_storys_photo_only_while_the_story_is_published(client, published_story):
    page = published_story.page
    PhotoFactory(article=published_story, page=page, caption="已发布稿件的图片。")
    approved = ArticleFactory(status=Status.APPROVED, page=page, position=2)
    PhotoFactory(article=approved, page=page, caption="未发布稿件的图片。")
    assert page_photos(client, page) == ["已发布稿件的图片。"]
    workflow.perform(published_story, "withdraw", staff_member(CHIEF_EDITOR), comment="撤稿")
    assert page_photos(client, page) == []
    assert "已发布稿件的图片" not in client.get(page.get_absolute_url()).content.decode()


def test_a_stand_alone_photo_shows_once_its_issue_is_published(client):
    issue = IssueFactory()
    page = PageFactory(issue=issue)
    PhotoFactory(page=page, caption="独立的图片。")
    ArticleFactory(published=True, page=page, position=1)
    issue.status, issue.published_at = issue.Status.PUBLISHED, timezone.now()
    issue.save()
    assert page_photos(client, page) == ["独立的图片。"]


def test_the_photo_list_shows_thumbnails_and_marks_photos_awaiting_their_image(client):
    client.force_login(staff_member(EDITOR))
    with_image = PhotoFactory(caption="有图的图片。")
    PhotoFactory(image="", caption="图片待补。")
    content = client.get(reverse("admin:articles_photo_changelist")).content.decode()
    assert f'<img src="{with_image.thumbnail.url}"' in content
    assert 'class="awaiting-image"' in content
