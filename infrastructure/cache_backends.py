"""The shared cache with a circuit breaker: after a failure the process skips the cache for a while, so a
cache that hangs costs at most one short socket timeout now and then, not one per call."""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class CacheUnavailable(ConnectionError):
    """A cache call that failed, or was skipped at once while the breaker is open."""


class BreakerRedisCache(RedisCache):
    """RedisCache whose calls raise CacheUnavailable for `breaker_seconds` (an OPTIONS entry, 5 by
    default) after one fails, without touching the network. Callers treat a cache error as a miss."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.breaker_seconds = float(options.pop("breaker_seconds", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self.open_until = 0.0

    @cached_property
    def _cache(self):
        # Every operation of RedisCache goes through its client: guarding the client guards them all.
        return _Guarded(RedisCache._cache.func(self), self)

    def call(self, method, *args, **kwargs):
        if time.monotonic() < self.open_until:
            raise CacheUnavailable("cache skipped after a recent failure")
        try:
            return method(*args, **kwargs)
        except (RedisError, OSError) as error:
            self.open_until = time.monotonic() + self.breaker_seconds
            logger.warning("cache failed (%s); skipped for %.0f s", error, self.breaker_seconds)
            raise CacheUnavailable(str(error)) from error


class _Guarded:
    """The cache client, each of whose methods goes through the breaker."""

    def __init__(self, client, breaker):
        self._client, self._breaker = client, breaker

    def __getattr__(self, name):
        method = getattr(self._client, name)

        def guarded(*args, **kwargs):
            return self._breaker.call(method, *args, **kwargs)

        return guarded
