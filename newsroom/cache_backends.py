"""The shared cache with a circuit breaker: after a failure the process skips the cache for a while, so a
cache that hangs costs at most one short socket timeout now and then, not one per call."""

import logging
import time

from django.core.cache.backends.redis import RedisCache
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

    def _call(self, method, *args, **kwargs):
        if time.monotonic() < self.open_until:
            raise CacheUnavailable("cache skipped after a recent failure")
        try:
            return method(*args, **kwargs)
        except (RedisError, OSError) as error:
            self.open_until = time.monotonic() + self.breaker_seconds
            logger.warning("cache failed (%s); skipped for %.0f s", error, self.breaker_seconds)
            raise CacheUnavailable(str(error)) from error

    def add(self, *args, **kwargs):
        return self._call(super().add, *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call(super().get, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call(super().set, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call(super().touch, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call(super().delete, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call(super().get_many, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call(super().set_many, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call(super().delete_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call(super().has_key, *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call(super().incr, *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._call(super().clear, *args, **kwargs)
