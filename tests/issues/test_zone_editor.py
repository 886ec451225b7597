"""The admin's side of the 数字报: the page's PDF uploaded and checked, its stories imported with their
zones, and the zone editor's saves, refusals and stale-save rule."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from issues.models import Zone
from tests.factories import (
    ArticleFactory,
    IssueFactory,
    PageFactory,
    ZoneFactory,
    page_pdf,
    pdf_of,
    staff_member,
    with_page_pdf,
)

pytestmark = pytest.mark.django_db


def zones_url(page):
    return reverse("admin:issues_page_zones", args=[page.pk])


def editor_state(client, page):
    response = client.get(zones_url(page))
    assert response.status_code == 200
    return response.context["version"], response.context["editor"]


@pytest.fixture
def page():
    page = with_page_pdf(PageFactory(issue=IssueFactory(), number=1))
    ArticleFactory(page=page, position=1, headline="区委召开专题学习会")
    return page


def test_an_upload_without_a_text_layer_is_kept_and_the_editor_told_to_draw_zones(client):
    client.force_login(staff_member(EDITOR))
    issue = IssueFactory()
    scan = SimpleUploadedFile("page1.pdf", pdf_of((842, 1190)))
    response = client.post(
        reverse("admin:issues_page_add"),
        {"issue": issue.pk, "number": 1, "name": "要闻", "scan": scan},
        follow=True,
    )
    assert "没有文字层" in response.content.decode()
    assert issue.pages.get().scan


@pytest.mark.parametrize(
    "data",
    [pdf_of((595, 842), (595, 842)), page_pdf()[:30000], b"%PDF-1.7 nothing"],
    ids=["two pages", "cut short", "only claims"],
)
def test_a_page_refuses_what_is_not_one_readable_pdf_page(client, data):
    client.force_login(staff_member(EDITOR))
    issue = IssueFactory()
    scan = SimpleUploadedFile("page1.pdf", data)
    response = client.post(
        reverse("admin:issues_page_add"), {"issue": issue.pk, "number": 1, "name": "要闻", "scan": scan}
    )
    assert "scan" in response.context["adminform"].form.errors
    assert not issue.pages.exists()


def test_the_stories_of_the_page_pdf_import_as_drafts_with_their_zones(client):
    page = with_page_pdf(PageFactory(issue=IssueFactory(), number=4), "feature_page")
    client.force_login(staff_member(EDITOR))
    response = client.post(reverse("admin:issues_page_import_pdf", args=[page.pk]), follow=True)
    assert "新建草稿 3 篇" in response.content.decode()
    assert set(page.articles.values_list("status", flat=True)) == {Article.Status.DRAFT}
    assert Zone.objects.filter(page=page, article__isnull=False).count() >= 3
    client.force_login(staff_member(REPORTER))
    assert client.post(reverse("admin:issues_page_import_pdf", args=[page.pk])).status_code == 403


def test_the_editor_saves_the_zones_it_was_given(client, page):
    client.force_login(staff_member(EDITOR))
    version, editor = editor_state(client, page)
    story = editor["items"][0]["key"]
    zones = [
        {"item": story, "x": 0.1, "y": 0.1, "w": 0.3, "h": 0.2},
        {"item": "", "x": 0.5, "y": 0.5, "w": 0.1, "h": 0.1},
    ]
    response = client.post(zones_url(page), {"zones": json.dumps(zones), "version": version})
    assert response.status_code == 302
    assert [zone.box for zone in page.zones.order_by("y")] == [[0.1, 0.1, 0.3, 0.2], [0.5, 0.5, 0.1, 0.1]]
    assert page.zones.get(y=0.1).article.headline == "区委召开专题学习会"


def test_a_second_editors_save_is_refused_with_the_zones_as_they_are_now(client, page):
    ZoneFactory(page=page)
    client.force_login(staff_member(EDITOR))
    version, _editor = editor_state(client, page)
    ZoneFactory(page=page, x=0.6)  # another editor saved in between
    response = client.post(zones_url(page), {"zones": "[]", "version": version})
    assert response.status_code == 409
    assert page.zones.count() == 2
    assert len(response.context["editor"]["zones"]) == 2
    assert "别人修改了本版的热区" in response.content.decode()


@pytest.mark.parametrize(
    "zones",
    [
        "not json",
        json.dumps({"x": 1}),
        json.dumps([{"item": "", "x": 0.9, "y": 0.1, "w": 0.3, "h": 0.1}]),
        json.dumps([{"item": "", "x": "NaN", "y": 0.1, "w": 0.3, "h": 0.1}]),
        json.dumps([{"item": "", "x": -0.1, "y": 0.1, "w": 0.3, "h": 0.1}]),
        json.dumps([{"item": "", "x": 0.1, "y": 0.1, "w": 0, "h": 0.1}]),
        json.dumps([{"item": "article-999999", "x": 0.1, "y": 0.1, "w": 0.2, "h": 0.1}]),
        json.dumps([{"item": "", "x": 0.1, "y": 0.1, "w": 0.1, "h": 0.1}] * 401),
    ],
    ids=[
        "not json",
        "not a list",
        "off the page",
        "not a number",
        "negative",
        "no size",
        "not on page",
        "too many",
    ],
)
def test_tampered_zones_are_refused_and_nothing_changes(client, page, zones):
    ZoneFactory(page=page)
    client.force_login(staff_member(EDITOR))
    version, _editor = editor_state(client, page)
    response = client.post(zones_url(page), {"zones": zones, "version": version})
    assert response.status_code == 400
    assert page.zones.count() == 1


def test_a_story_of_another_page_cannot_be_given_a_zone_here(client, page):
    other = ArticleFactory(page=PageFactory(issue=page.issue, number=2), position=1)
    client.force_login(staff_member(EDITOR))
    version, _editor = editor_state(client, page)
    zones = json.dumps([{"item": f"article-{other.pk}", "x": 0.1, "y": 0.1, "w": 0.2, "h": 0.1}])
    assert client.post(zones_url(page), {"zones": zones, "version": version}).status_code == 400
    assert not Zone.objects.exists()


def test_who_edits_zones(client, page):
    client.force_login(staff_member(REPORTER))
    assert client.get(zones_url(page)).status_code == 403
    page.issue.status, page.issue.published_at = "published", page.issue.date
    IssueFactory._meta.model.objects.filter(pk=page.issue.pk).update(
        status="published", published_at="2021-01-05T06:00Z"
    )
    client.force_login(staff_member(EDITOR))
    assert client.get(zones_url(page)).status_code == 403  # once the issue is out, the chief's
    client.force_login(staff_member(CHIEF_EDITOR))
    assert client.get(zones_url(page)).status_code == 200
