"""Deployment checks of the infrastructure the site relies on (run by `manage.py check --deploy`)."""

from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache


@checks.register(checks.Tags.caches, deploy=True)
def redis_memory_is_bounded(app_configs, **kwargs):
    """Pages keyed by their address, counts and rankings: without a limit and eviction, Redis grows until
    the machine runs out of memory (docs/deploy.md, "Redis as the shared cache")."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return []
    try:
        memory = backend._cache.get_client().info("memory")
    except Exception as error:  # any connection or permission failure: say so, do not stop the check
        return [checks.Warning(f"Could not read Redis's memory settings: {error}", id="newsroom.W002")]
    if not int(memory.get("maxmemory", 0)) or memory.get("maxmemory_policy") == "noeviction":
        return [
            checks.Warning(
                "Redis has no memory limit with eviction: the page cache can fill the machine's memory.",
                hint="In redis.conf: maxmemory 512mb and maxmemory-policy allkeys-lru.",
                id="newsroom.W001",
            )
        ]
    return []
