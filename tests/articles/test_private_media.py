"""Stored files have unguessable names, and an unpublished photo's files cannot be fetched by readers."""

import pytest
from django.utils import timezone

from articles import workflow
from articles.roles import CHIEF_EDITOR, REPORTER
from issues.models import Issue
from tests.factories import ArticleFactory, IssueFactory, PageFactory, PhotoFactory, png_file, staff_member

pytestmark = pytest.mark.django_db
VARIANTS = ("image", "thumbnail", "display")


def fetch(client, photo, variant):
    return client.get(getattr(photo, variant).url)


def test_stored_names_are_unguessable_and_the_upload_name_is_kept_as_data():
    photo = PhotoFactory(image=png_file("IMG_1234.png"))
    names = [getattr(photo, variant).name for variant in VARIANTS]
    assert photo.original_filename == "IMG_1234.png"
    assert not any("IMG_1234" in name for name in names)
    assert len(set(names)) == 3 and all(len(name.rsplit("/", 1)[1]) == 36 for name in names)


def test_a_drafts_photo_and_both_renditions_are_a_404_for_readers_at_addresses_that_serve_staff(client):
    reporter = staff_member(REPORTER)
    photo = PhotoFactory(article=ArticleFactory(created_by=reporter))
    for variant in VARIANTS:
        assert fetch(client, photo, variant).status_code == 404
    client.force_login(reporter)
    for variant in VARIANTS:
        assert fetch(client, photo, variant).status_code == 200
    client.logout()
    assert client.get(photo.image.url.rsplit("/", 1)[0] + "/" + "0" * 32 + ".png").status_code == 404
    assert client.get("/media/photos/../../newsroom/settings/base.py").status_code == 404
    assert client.get("/media/photos/%2e%2e/%2e%2e/manage.py").status_code == 404


def test_a_published_photo_is_served_and_goes_with_a_withdrawal(client):
    story = ArticleFactory(published=True)
    photo = PhotoFactory(article=story)
    for variant in VARIANTS:
        response = fetch(client, photo, variant)
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\x89PNG")
        assert "no-cache" in response["Cache-Control"]
    workflow.perform(story, "withdraw", staff_member(CHIEF_EDITOR), comment="撤稿")
    assert fetch(client, photo, "display").status_code == 404


def test_staff_who_may_see_the_story_fetch_it_privately(client):
    reporter = staff_member(REPORTER)
    own = PhotoFactory(article=ArticleFactory(created_by=reporter))
    other = PhotoFactory(article=ArticleFactory())
    client.force_login(reporter)
    response = fetch(client, own, "thumbnail")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert fetch(client, other, "thumbnail").status_code == 404


def test_the_web_server_sends_the_file_when_configured(client, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    photo = PhotoFactory(article=ArticleFactory(published=True))
    response = fetch(client, photo, "image")
    assert response["X-Accel-Redirect"] == f"/protected-media/{photo.image.name}"


def test_a_scan_is_public_only_once_its_issue_is_published(client):
    page = PageFactory(issue=IssueFactory(), scan=png_file("scan-page1.png"))
    assert "scan-page1" not in page.scan.name
    url = page.scan.url
    assert client.get(url).status_code == 404
    Issue.objects.filter(pk=page.issue.pk).update(status=Issue.Status.PUBLISHED, published_at=timezone.now())
    assert client.get(url).status_code == 200
