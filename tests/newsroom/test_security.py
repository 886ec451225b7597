"""Security proofs: draft privacy, stored XSS, hostile query input, CSRF, Host header, request limits.

CI runs them on SQLite and on PostgreSQL.
"""

import datetime
import json
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Author, Department, Township
from articles.roles import CHIEF_EDITOR
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    IssueFactory,
    PageFactory,
    PhotoFactory,
    staff_member,
)
from tests.newsroom.test_public_queries import PUBLIC_URLS

pytestmark = pytest.mark.django_db

MARKER = "绝密草稿标记XQ7"
HIDDEN = [status for status in Article.Status if status != Article.Status.PUBLISHED]


def public_urls(story):
    """Every public page of test_public_queries.py, the story itself, and searches for its words."""
    return [*PUBLIC_URLS, story.get_absolute_url(), "/issues/1/2/", "/search/?q=引题"]


@pytest.fixture
def edition():
    """A published issue with one published story, and beside it on the page a story in every other state,
    each carrying the marker in every field readers could see, tagged and signed like the public one."""
    issue = IssueFactory(number=1, date=datetime.date(2021, 1, 5), published=True)
    page = PageFactory(issue=issue, number=2)
    township = Township.objects.get(name="城北街道")
    department = Department.objects.get(name="离石区妇女联合会")
    author = Author.objects.create(name="王艳")
    public = ArticleFactory(published=True, page=page, position=1, headline="城北街道开展健步走活动")
    stories = [public]
    for position, status in enumerate(HIDDEN, start=2):
        stories.append(
            ArticleFactory(
                page=page,
                position=position,
                status=status,
                published_at=datetime.datetime(2021, 1, 5, tzinfo=datetime.UTC),
                kicker=f"{MARKER}引题",
                headline=f"{MARKER}健步走{status}",
                subtitle=f"——{MARKER}",
                body=f"{MARKER}城北街道健步走活动。",
            )
        )
    for story in stories:
        story.townships.add(township)
        story.departments.add(department)
        BylineFactory(article=story, author=author)
    PhotoFactory(article=stories[-1], caption=f"{MARKER}图片说明。")
    return public, stories[1:]


@pytest.mark.parametrize(
    "extra", ["", "status=draft", "preview=1", "published=0", "status=draft&preview=1&published=0"]
)
def test_no_public_url_ever_shows_a_story_that_is_not_published(client, edition, extra):
    public, hidden = edition
    for url in public_urls(public):
        full = f"{url}{'&' if '?' in url else '?'}{extra}" if extra else url
        response = client.get(full)
        assert response.status_code in (200, 404), full
        assert MARKER not in response.content.decode(), full
    for story in hidden:
        gone = story.status == Article.Status.WITHDRAWN  # 410 with a notice, never the story
        for suffix in ("", "?preview=1", "?status=draft", "?published=0"):
            response = client.get(story.get_absolute_url() + suffix)
            assert response.status_code == (410 if gone else 404)
            assert MARKER not in response.content.decode()


def test_the_published_story_itself_is_shown(client, edition):
    public, _hidden = edition
    assert "城北街道开展健步走活动" in client.get(public.get_absolute_url()).content.decode()


PAYLOAD = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(2)>'


@pytest.fixture
def hostile_story():
    issue = IssueFactory(number=1, date=datetime.date(2021, 1, 5), published=True)
    page = PageFactory(issue=issue, number=2)
    story = ArticleFactory(
        published=True,
        page=page,
        position=1,
        kicker=f"引题{PAYLOAD}",
        headline=f"标题{PAYLOAD}{ATTRIBUTE}",
        subtitle=f"——副题{ATTRIBUTE}",
        body=f"正文{PAYLOAD}\n第二段{ATTRIBUTE}",
    )
    BylineFactory(article=story, author=Author.objects.create(name=f"王{PAYLOAD}"))
    PhotoFactory(article=story, page=page, caption=f"说明{PAYLOAD}{ATTRIBUTE}")
    return story


def assert_inert(content, where):
    """No payload came out as markup: every < of it was escaped (as &lt; in HTML, \u003c in JSON)."""
    assert "<script>alert(1)" not in content, where
    assert "<img src=x" not in content, where


def test_stored_markup_comes_out_escaped_on_public_pages_and_feeds(client, hostile_story):
    for url in [
        "/",
        "/articles/",
        hostile_story.get_absolute_url(),
        "/issues/1/",
        "/issues/1/2/",
        "/feed/",
        "/townships/",
        "/search/?q=标题",
        f"/authors/{hostile_story.authors.get().slug}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)


def test_stored_markup_stays_data_in_the_json_ld(client, hostile_story):
    content = client.get(hostile_story.get_absolute_url()).content.decode()
    (block,) = re.findall(r'<script[^>]*type="application/ld\+json"[^>]*>(.*?)</script>', content, re.S)
    assert "<" not in block  # json_script escapes < > & so the block cannot close early
    data = json.loads(block)
    assert data["headline"] == f"标题{PAYLOAD}{ATTRIBUTE}"


def test_stored_markup_comes_out_escaped_in_the_admin(client, hostile_story):
    client.force_login(staff_member(CHIEF_EDITOR))
    for url in [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[hostile_story.pk]),
        reverse("admin:articles_photo_changelist"),
        reverse("admin:articles_author_changelist"),
        reverse("admin:issues_page_change", args=[hostile_story.page.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)
    # A message naming the story (the workflow's confirmation) is escaped too.
    response = client.post(
        reverse("admin:articles_article_transition", args=[hostile_story.pk]),
        {"action": "withdraw", "comment": "撤回"},
        follow=True,
    )
    messages = [str(message) for message in response.context["messages"]]
    assert any(PAYLOAD in message for message in messages)  # the message holds the headline as typed…
    content = response.content.decode()
    assert_inert(content, "message")  # …and the page shows it escaped
    assert unescape(content).count(PAYLOAD) >= 1


QUERY_KEYS = ["q", "page", "township", "department", "author", "date_after", "date_before", "status", "x"]
HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\x00", "%00", str(10**30), "-1", "0", "2021-02-30", "9999999-01-01", "长" * 10_000]),
    st.dates().map(str),
    st.integers().map(str),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(
        ["/articles/", "/search/", "/townships/chengbei-jiedao/", "/archive/2021/", "/feed/"]
    ),
    pairs=st.lists(st.tuples(st.sampled_from(QUERY_KEYS), HOSTILE_TEXT), max_size=6),
)
def test_no_query_string_makes_a_public_list_fail(client, path, pairs):
    response = client.get(path, data=_multi(pairs))
    assert response.status_code in (200, 400, 404)


def _multi(pairs):
    data = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)  # repeated keys
    return data


def test_an_admin_post_without_a_csrf_token_is_refused(hostile_story):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff_member(CHIEF_EDITOR))
    response = browser.post(
        reverse("admin:articles_article_transition", args=[hostile_story.pk]), {"action": "withdraw"}
    )
    assert response.status_code == 403
    hostile_story.refresh_from_db()
    assert hostile_story.status == Article.Status.PUBLISHED


def test_a_bad_host_header_gets_a_400(client):
    assert client.get("/", headers={"host": "evil.example.com"}).status_code == 400


def test_too_many_fields_or_files_get_a_400(client, settings):
    client.force_login(staff_member(CHIEF_EDITOR))
    url = reverse("admin:issues_page_import")
    fields = {f"field{index}": "x" for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert client.post(url, fields).status_code == 400
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = {
        f"file{index}": SimpleUploadedFile(f"{index}.txt", b"x")
        for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    }
    assert client.post(url, files).status_code == 400


def test_a_login_whose_next_is_refused_lands_on_the_editorial_desk(client):
    from tests.factories import staff_member

    user = staff_member("编辑", username="zhang")
    user.set_password("Long-enough-password-1")
    user.save()
    response = client.post(
        "/admin/login/?next=https://evil.example/",
        {"username": "zhang", "password": "Long-enough-password-1", "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_every_response_carries_the_content_security_policy(client, settings):
    """Static files too: tests/infrastructure/test_static_files.py."""
    from tests.factories import ArticleFactory

    settings.PUBLIC_CACHE_SECONDS = 300
    story = ArticleFactory(published=True)
    first = client.get(story.get_absolute_url())
    answers = {
        "page": first,
        "304": client.get(story.get_absolute_url(), headers={"if-none-match": first["ETag"]}),
        "404": client.get("/no-such-page/"),
        "400": client.get("/", headers={"host": "evil.example"}),
    }
    assert answers["304"].status_code == 304 and answers["400"].status_code == 400
    for name, response in answers.items():
        assert "default-src 'self'" in response.get("Content-Security-Policy", ""), name


def test_absolute_addresses_name_the_configured_site_not_the_requests_host(settings):
    from django.test import Client

    from tests.factories import ArticleFactory

    settings.SITE_URL = "https://news.lishi.gov.cn"
    settings.ALLOWED_HOSTS = ["news.lishi.gov.cn"]
    story = ArticleFactory(published=True)
    client = Client(headers={"host": "news.lishi.gov.cn:8443"})
    page = client.get(story.get_absolute_url()).content.decode()
    assert f'content="https://news.lishi.gov.cn/articles/{story.pk}/"' in page
    assert '"mainEntityOfPage": "https://news.lishi.gov.cn/articles/' in page
    assert ":8443" not in page
    for path in ("/feed/", "/sitemap.xml"):
        content = client.get(path).content.decode()
        assert "https://news.lishi.gov.cn/articles/" in content and ":8443" not in content, path
    assert Client(headers={"host": "evil.example"}).get("/").status_code == 400
