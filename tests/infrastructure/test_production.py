"""What production relies on, checked in process: security headers, /healthz, logs, login throttling."""

import json
import logging
import threading

import pytest
from django.db import connections
from django.urls import path, reverse

import newsroom.urls
from infrastructure import health
from infrastructure.logs import JsonLines
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_public_pages_carry_the_security_headers_and_a_content_security_policy(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"database": "ok"})
    assert "no-cache" in response["Cache-Control"]


def test_livez_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert (response.status_code, response.content) == (200, b"ok")


def test_healthz_answers_503_when_the_database_refuses(client, monkeypatch):
    broken = dict(connections.settings["default"])
    if broken["ENGINE"].endswith("sqlite3"):
        broken["NAME"] = "/nonexistent/folder/newsroom.sqlite3"
    else:
        broken["PORT"] = "1"  # nothing listens there: the connection is refused at once
    monkeypatch.setitem(connections.settings, "default", broken)
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (503, {"database": "unavailable"})


def test_healthz_gives_up_on_a_database_that_hangs(client, settings, monkeypatch):
    settings.HEALTHZ_TIMEOUT = 0.05
    released = threading.Event()
    monkeypatch.setattr(health, "database_answers", lambda: released.wait() or True)
    try:
        response = client.get("/healthz")
    finally:
        released.set()
    assert response.status_code == 503


def crash(request):
    raise RuntimeError("secret detail: DATABASE_URL=postgres://user:password@db/newsroom")


# The site's own routes beside it: the 500 page links to the front page and the search.
urlpatterns = [path("crash/", crash), *newsroom.urls.urlpatterns]


@pytest.mark.urls("tests.infrastructure.test_production")
def test_an_error_shows_readers_no_traceback_and_logs_one_json_line(client, capsys):
    client.raise_request_exception = False
    response = client.get("/crash/")
    assert response.status_code == 500
    assert b"secret detail" not in response.content and b"Traceback" not in response.content
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    (error,) = [line for line in lines if line["level"] == "ERROR"]
    assert (error["logger"], error["path"], error["status"]) == ("django.request", "/crash/", 500)
    assert "RuntimeError: secret detail" in error["exception"]


def test_log_lines_are_json_with_chinese_kept_readable():
    record = logging.LogRecord("articles", logging.WARNING, __file__, 1, "稿件 %s 已撤回", ("城北",), None)
    line = JsonLines().format(record)
    assert json.loads(line)["message"] == "稿件 城北 已撤回" and "城北" in line


def login(client, password):
    url = reverse("admin:login")
    return client.post(url, {"username": "editor", "password": password, "next": "/admin/"})


def test_admin_logins_are_locked_after_five_failures(client, settings):
    user = UserFactory(username="editor", is_staff=True)
    user.set_password("correct horse battery")
    user.save()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200  # the form again, with its error
    assert login(client, "wrong").status_code == 429
    locked = login(client, "correct horse battery")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert "登录失败次数过多" in locked.content.decode()


def test_a_successful_login_resets_the_count(client, settings):
    user = UserFactory(username="editor", is_staff=True)
    user.set_password("correct horse battery")
    user.save()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, "correct horse battery").status_code == 302
    client.logout()
    assert login(client, "wrong").status_code == 200


def test_uploads_are_not_served_by_the_application(client, settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "photo.png").write_bytes(b"\x89PNG")
    assert client.get("/media/photo.png").status_code == 404


def test_behind_the_proxy_a_strangers_failures_do_not_lock_the_staff_member_out(client, settings):
    """The load balancer at 10.0.0.2 appends each client's address; a stranger may send any header."""
    from django.test import Client

    settings.PROXY_COUNT = 1
    user = UserFactory(username="editor", is_staff=True)
    user.set_password("correct horse battery")
    user.save()
    stranger = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.66")
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 2):
        login(stranger, "wrong")
    assert login(stranger, "correct horse battery").status_code == 429  # the stranger's address is locked
    editor = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert login(editor, "correct horse battery").status_code == 302
    # Spoofing the editor's address to the left of the proxy's entry changes nothing.
    spoofer = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.10, 203.0.113.66")
    assert login(spoofer, "correct horse battery").status_code == 429


def test_the_client_address_is_the_proxys_entry_or_the_peer(rf, settings):
    from infrastructure.proxies import client_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2, 3.3.3.3")
    settings.PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"
    settings.PROXY_COUNT = 2
    assert client_address(request) == "2.2.2.2"
    settings.PROXY_COUNT = 4
    assert client_address(request) == "10.0.0.2"
