import pytest

from infrastructure import checks
from infrastructure.cache_backends import BreakerRedisCache


@pytest.fixture
def redis_cache(monkeypatch):
    backend = BreakerRedisCache("redis://127.0.0.1:1/0", {})
    monkeypatch.setattr(checks, "caches", {"default": backend})
    return backend


def reports(backend, monkeypatch, memory):
    client = backend._cache.get_client()
    monkeypatch.setattr(type(client), "info", lambda self, section=None: memory)
    return [warning.id for warning in checks.redis_memory_is_bounded(None)]


@pytest.mark.parametrize(
    "memory, expected",
    [
        ({"maxmemory": 0, "maxmemory_policy": "noeviction"}, ["newsroom.W001"]),
        ({"maxmemory": 536870912, "maxmemory_policy": "noeviction"}, ["newsroom.W001"]),
        ({"maxmemory": 536870912, "maxmemory_policy": "allkeys-lru"}, []),
    ],
)
def test_the_deploy_check_wants_a_memory_limit_with_eviction(redis_cache, monkeypatch, memory, expected):
    assert reports(redis_cache, monkeypatch, memory) == expected


def test_a_redis_that_cannot_be_read_is_said_and_the_check_goes_on(redis_cache):
    assert [warning.id for warning in checks.redis_memory_is_bounded(None)] == ["newsroom.W002"]


def test_the_local_memory_cache_needs_nothing():
    assert checks.redis_memory_is_bounded(None) == []
