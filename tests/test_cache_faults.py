"""Cache faults: a missed invalidation does not outlive PUBLIC_GENERATION_SECONDS, a hanging or refusing
cache costs one short timeout and then is skipped, and editing never depends on the cache."""

import socket
import threading

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from articles import workflow
from articles.roles import CHIEF_EDITOR, EDITOR
from newsroom import caching
from newsroom.cache_backends import BreakerRedisCache, CacheUnavailable
from tests.factories import ArticleFactory, staff_member

pytestmark = pytest.mark.django_db


def test_a_withdrawal_the_cache_never_heard_of_is_off_every_page_once_the_copy_expires(
    client,
    page_cache,
    monkeypatch,
    settings,
):
    with time_machine.travel("2026-12-01 10:00:00+08:00", tick=False) as clock:
        story = ArticleFactory(published=True, headline="分区期间撤回的稿件")
        paths = ["/", "/articles/", "/feed/", story.get_absolute_url()]
        for path in paths:
            assert "分区期间撤回的稿件" in client.get(path).content.decode()

        # The partition: the withdrawal commits, and telling the cache fails.
        def cut_off(*args, **kwargs):
            raise ConnectionError("partitioned")

        with monkeypatch.context() as partition:
            partition.setattr(cache, "set_many", cut_off)
            page_cache(
                lambda: workflow.perform(story, "withdraw", staff_member(CHIEF_EDITOR), comment="有误")
            )

        # Healed: the cache kept every page and its old copy of the generation, but the copy expires.
        clock.shift(settings.PUBLIC_GENERATION_SECONDS + 0.1)
        for path in paths[:3]:
            assert "分区期间撤回的稿件" not in client.get(path).content.decode(), path
        assert client.get(story.get_absolute_url()).status_code == 404


def test_the_cache_keeps_no_copy_of_the_generation_longer_than_allowed(client, page_cache, settings):
    with time_machine.travel("2026-12-01 10:00:00+08:00", tick=False) as clock:
        ArticleFactory(published=True)
        client.get("/articles/")
        assert cache.get(caching.GENERATION) is not None
        clock.shift(settings.PUBLIC_GENERATION_SECONDS + 0.1)
        assert cache.get(caching.GENERATION) is None


class SilentServer:
    """A TCP server that accepts connections and never answers: a Redis that hangs."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self):
        self.listener.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def hanging_cache():
    server = SilentServer()
    backend = BreakerRedisCache(
        f"redis://127.0.0.1:{server.port}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05, "breaker_seconds": 5}},
    )
    yield backend, server
    server.close()


def test_a_hanging_cache_costs_one_timeout_then_is_skipped(hanging_cache):
    backend, server = hanging_cache
    for _ in range(50):
        with pytest.raises(CacheUnavailable):
            backend.get_many(["a", "b"])
    assert len(server.accepted) == 1  # one attempt on the network; 49 skipped at once
    backend.open_until = 0  # the breaker's time is up: the next call tries again
    with pytest.raises(CacheUnavailable):
        backend.set("a", 1)
    assert len(server.accepted) == 2


def test_a_refusing_cache_opens_the_breaker_too():
    backend = BreakerRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.05}})
    with pytest.raises(CacheUnavailable):
        backend.get("a")
    assert backend.open_until > 0


@pytest.fixture
def broken_cache(monkeypatch):
    """Every call to the cache fails, as with Redis down."""

    def fail(*args, **kwargs):
        raise CacheUnavailable("down")

    for name in ("get", "set", "add", "get_many", "set_many", "delete", "incr"):
        monkeypatch.setattr(cache, name, fail)


def test_editing_and_publishing_never_depend_on_the_cache(client, broken_cache, page_cache, settings):
    from tests.articles.test_admin_workflow import form_data

    staff_member(EDITOR), staff_member(CHIEF_EDITOR)
    editor = staff_member(EDITOR)
    story = ArticleFactory(headline="缓存坏了也能编辑")
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[story.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, form_data(story, headline="改好的标题")).status_code == 302
    story.refresh_from_db()
    assert story.headline == "改好的标题"
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    assert client.get("/search/", {"q": "标题"}).status_code == 200


def test_a_reader_that_read_the_generation_just_before_a_change_does_not_put_the_old_copy_back(
    client, page_cache, monkeypatch, settings
):
    with time_machine.travel("2026-12-01 10:00:00+08:00", tick=False) as clock:
        story = ArticleFactory(published=True, headline="刚好撤回的稿件")
        assert client.get("/articles/").status_code == 200
        clock.shift(settings.PUBLIC_GENERATION_SECONDS + 0.1)  # the copy expired: the next reader refreshes
        read = caching.database_generation
        raced = []

        def reads_then_the_withdrawal_commits():
            seen = read()
            if not raced:
                raced.append(True)
                page_cache(
                    lambda: workflow.perform(story, "withdraw", staff_member(CHIEF_EDITOR), comment="有误")
                )
            return seen

        monkeypatch.setattr(caching, "database_generation", reads_then_the_withdrawal_commits)
        client.get("/")  # this reader's refresh read the database before the withdrawal committed
        assert raced
        assert "刚好撤回的稿件" not in client.get("/articles/").content.decode()
