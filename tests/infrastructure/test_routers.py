"""Readers' pages read from a replica; editors, previews and writes stay on the primary."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from infrastructure.models import PublicGeneration
from infrastructure.routers import PublicReadsMiddleware, ReplicaRouter
from tests.factories import ArticleFactory, PageFactory, UserFactory

router = ReplicaRouter()


def database_read_for(request):
    middleware = PublicReadsMiddleware(lambda request: HttpResponse(router.db_for_read(Article)))
    return middleware(request).content.decode()


@pytest.fixture
def replicas(settings):
    settings.DATABASE_REPLICAS = ["replica1", "replica2"]


def request(method="get", user=None):
    made = getattr(RequestFactory(), method)("/articles/")
    made.user = user or AnonymousUser()
    return made


def test_an_anonymous_reader_reads_from_a_replica(replicas):
    assert database_read_for(request()) in {"replica1", "replica2"}
    assert database_read_for(request("head")) in {"replica1", "replica2"}


@pytest.mark.django_db
def test_signed_in_staff_and_posts_read_from_the_primary(replicas):
    assert database_read_for(request(user=UserFactory())) == "default"
    assert database_read_for(request("post")) == "default"


def test_outside_a_request_and_without_replicas_everything_is_the_primary(settings, replicas):
    assert router.db_for_read(Article) == "default"
    settings.DATABASE_REPLICAS = []
    assert database_read_for(request()) == "default"


def test_writes_and_migrations_go_to_the_primary_only(replicas):
    assert database_read_for(request()) != "default"
    assert router.db_for_write(Article) == "default"
    assert router.allow_migrate("default", "articles") and not router.allow_migrate("replica1", "articles")


@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", "replica1"])
@pytest.mark.parametrize("path", ["/", "/articles/", "/search/?q=健步走", "story"])
def test_a_readers_page_reads_only_from_the_replica(client, settings, path):
    settings.DATABASE_REPLICAS = ["replica1"]
    story = ArticleFactory(published=True, page=PageFactory(issue__published=True), position=1)
    path = story.get_absolute_url() if path == "story" else path
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica1"]) as replica,
    ):
        response = client.get(path)
    assert response.status_code == 200 and story.get_absolute_url() in response.content.decode()
    assert len(replica) > 0 and [query["sql"] for query in primary] == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", "replica1"])
def test_a_page_made_while_a_replica_may_trail_a_change_is_served_but_not_cached(
    client, settings, time_machine
):
    settings.DATABASE_REPLICAS = ["replica1"]
    settings.PUBLIC_CACHE_SECONDS = 300
    settings.REPLICA_LAG_ALLOWANCE = 2
    time_machine.move_to("2026-01-05 08:00:00+08:00", tick=False)
    PublicGeneration.objects.update(changed_at_ms=0)  # the row restored is from the real clock, not this one
    ArticleFactory(published=True, headline="刚发布的稿件")  # the generation moves on at commit

    def replica_queries():
        with CaptureQueriesContext(connections["replica1"]) as replica:
            assert "刚发布的稿件" in client.get("/articles/").content.decode()
        return len(replica)

    assert replica_queries() > 0 and replica_queries() > 0  # made afresh each time: not stored
    time_machine.move_to("2026-01-05 08:00:02.5+08:00", tick=False)
    assert replica_queries() > 0 and replica_queries() == 0  # stored, then served from the cache
