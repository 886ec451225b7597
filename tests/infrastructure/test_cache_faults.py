"""Cache faults: a withdrawal the cache missed is off every page at once, a hanging or refusing cache
costs one short timeout and then is skipped, and editing never depends on the cache."""

import socket
import threading

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles import workflow
from articles.roles import CHIEF_EDITOR, EDITOR
from infrastructure import caching
from infrastructure.cache_backends import BreakerRedisCache, CacheUnavailable
from tests.factories import ArticleFactory, staff_member

pytestmark = pytest.mark.django_db

WITHDRAWN = "分区期间撤回的稿件"


@pytest.fixture
def withdrawn_in_a_partition(client, page_cache, monkeypatch):
    """A published story, on every cached page, then withdrawn while nothing reaches the cache."""
    story = ArticleFactory(published=True, headline=WITHDRAWN)
    paths = ["/", "/articles/", "/feed/", story.get_absolute_url()]
    for path in paths:
        assert WITHDRAWN in client.get(path).content.decode()

    def cut_off(*args, **kwargs):
        raise ConnectionError("partitioned")

    with monkeypatch.context() as partition:
        for name in ("get", "set", "add", "get_many", "set_many", "delete"):
            partition.setattr(cache, name, cut_off)
        page_cache(lambda: workflow.perform(story, "withdraw", staff_member(CHIEF_EDITOR), comment="有误"))
    return story, paths


def test_a_withdrawal_the_cache_never_heard_of_is_off_every_page_the_moment_it_heals(
    client, withdrawn_in_a_partition
):
    story, paths = withdrawn_in_a_partition
    for path in paths[:3]:
        assert WITHDRAWN not in client.get(path).content.decode(), path
    assert client.get(story.get_absolute_url()).status_code == 410  # gone, with a notice


def test_an_old_copy_of_the_generation_put_back_in_the_cache_is_not_believed(
    client, page_cache, withdrawn_in_a_partition
):
    story, _ = withdrawn_in_a_partition
    old_copy = cache.get(caching.GENERATION)
    client.get("/")  # a reader after the heal copies the new generation
    cache.set(caching.GENERATION, old_copy)  # say, a reader that read the database before the commit
    assert WITHDRAWN not in client.get("/articles/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 410  # gone, with a notice


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
