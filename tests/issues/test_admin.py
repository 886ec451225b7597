import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from articles.roles import CHIEF_EDITOR, EDITOR
from issues.models import Issue, Page
from tests.factories import ArticleFactory, IssueFactory, PageFactory, PhotoFactory, page_pdf, staff_member

pytestmark = pytest.mark.django_db


def test_an_editor_places_a_story_and_the_page_shows_its_totals(client):
    page = PageFactory()
    story = ArticleFactory(status=Article.Status.APPROVED, body="一二三四五")
    client.force_login(staff_member(EDITOR))
    url = reverse("admin:issues_page_place", args=[page.pk])
    assert client.post(url, {"article": story.pk, "position": 1}).status_code == 302
    story.refresh_from_db()
    assert (story.page, story.position) == (page, 1)
    content = client.get(reverse("admin:issues_page_change", args=[page.pk])).content.decode()
    assert "1 篇稿件，5 字" in content


@pytest.mark.parametrize("data", [{}, {"article": "x", "position": "1"}, {"article": "1", "position": "0"}])
def test_bad_placement_requests_are_messages(client, data):
    page = PageFactory()
    client.force_login(staff_member(EDITOR))
    assert client.post(reverse("admin:issues_page_place", args=[page.pk]), data).status_code == 302
    assert not page.articles.exists()


def test_the_chief_editor_publishes_the_issue_from_its_page(client):
    page = PageFactory()
    ArticleFactory(status=Article.Status.APPROVED, page=page, position=1)
    client.force_login(staff_member(CHIEF_EDITOR))
    url = reverse("admin:issues_issue_publish", args=[page.issue.pk])
    confirmed = {"confirm": "1", "reason": "补录旧报"}  # the factory's issues are dated in the past
    assert client.post(url, {**confirmed, "publish_at": "not a time"}).status_code == 302
    assert not Article.objects.published().exists()
    assert client.post(url, confirmed).status_code == 302
    assert Issue.objects.published().get() == page.issue
    assert Article.objects.published().count() == 1


def test_an_editor_cannot_publish_the_issue(client):
    page = PageFactory()
    ArticleFactory(status=Article.Status.APPROVED, page=page, position=1)
    client.force_login(staff_member(EDITOR))
    client.post(
        reverse("admin:issues_issue_publish", args=[page.issue.pk]), {"confirm": "1", "reason": "补录旧报"}
    )
    assert not Article.objects.published().exists()


def test_an_editor_places_a_photo_from_the_page(client):
    page, photo = PageFactory(), PhotoFactory()
    client.force_login(staff_member(EDITOR))
    client.post(reverse("admin:issues_page_place_photo", args=[page.pk]), {"photo": photo.pk, "position": 1})
    photo.refresh_from_db()
    assert (photo.page, photo.position) == (page, 1)
    assert (
        "西属巴街道养驴场。"
        in client.get(reverse("admin:issues_page_change", args=[page.pk])).content.decode()
    )


def test_a_scan_is_checked_by_its_content_and_an_image_scan_re_encoded(client):
    client.force_login(staff_member(EDITOR))
    issue = IssueFactory()
    url = reverse("admin:issues_page_add")
    html = SimpleUploadedFile("page1.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(url, {"issue": issue.pk, "number": 1, "name": "要闻", "scan": html})
    assert response.status_code == 200 and "scan" in response.context["adminform"].form.errors
    assert not Page.objects.exists()
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(buffer, "JPEG", comment=b"scanner serial 123")
    scan = SimpleUploadedFile("page1.jpg", buffer.getvalue())
    assert client.post(url, {"issue": issue.pk, "number": 1, "name": "要闻", "scan": scan}).status_code == 302
    assert b"scanner serial" not in Page.objects.get().scan.read()
    broken = SimpleUploadedFile(
        "page2.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    )
    response = client.post(url, {"issue": issue.pk, "number": 2, "name": "综合", "scan": broken})
    assert "scan" in response.context["adminform"].form.errors
    pdf = SimpleUploadedFile("page2.pdf", page_pdf("general_page"))
    assert client.post(url, {"issue": issue.pk, "number": 2, "name": "综合", "scan": pdf}).status_code == 302
