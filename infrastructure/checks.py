"""Deployment checks of the infrastructure the site relies on (run by `manage.py check --deploy`)."""

from django.conf import settings
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


REGISTRATION_VARIABLES = {
    "icp": "SITE_ICP_NUMBER",
    "public_security": "SITE_PUBLIC_SECURITY_NUMBER",
    "news_licence": "SITE_NEWS_LICENCE_NUMBER",
}


@checks.register("registrations", deploy=True)
def registrations_are_shown(app_configs, **kwargs):
    """A news site in China shows its ICP备案号, 公安备案号 and news licence number in every footer."""
    return [
        checks.Warning(
            f"{variable} is not set: the footer does not show this registration, which the site must show.",
            hint='Set it in the environment (docs/deploy.md, "The footer\'s registrations").',
            id="newsroom.W003",
        )
        for key, variable in REGISTRATION_VARIABLES.items()
        if not settings.SITE_REGISTRATIONS.get(key)
    ]
