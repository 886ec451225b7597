"""The production settings with Django's own per-site cache in place of ours, for bench/site_cache.py:
UpdateCacheMiddleware first, FetchFromCacheMiddleware last, as Django's documentation orders them."""

from newsroom.settings.prod import *  # noqa: F403
from newsroom.settings.prod import MIDDLEWARE, PUBLIC_CACHE_SECONDS

MIDDLEWARE = [
    "django.middleware.cache.UpdateCacheMiddleware",
    *(name for name in MIDDLEWARE if name != "infrastructure.caching.PublicPageCacheMiddleware"),
    "django.middleware.cache.FetchFromCacheMiddleware",
]
CACHE_MIDDLEWARE_SECONDS = PUBLIC_CACHE_SECONDS
# Django's middleware stores nothing that says max-age=0, which ours sends so that browsers revalidate.
PUBLIC_PAGE_MAX_AGE = PUBLIC_CACHE_SECONDS
PUBLIC_CACHE_SECONDS = 0  # ours off: remember() and the counts are computed as without a cache
