"""Readers' pages, cached whole in the shared cache (Redis in production) and dropped the moment what
readers may see changes.

Every cached page is stored with the generation number it was made under, and served only while that
is still the current one (both read in one round trip). Anything that changes what readers see (a story
published, withdrawn, corrected or edited while published; an issue published; a photo, author or
gazetteer entry changed) moves the generation on when its transaction commits, so no reader is served a
page from before the change. A story scheduled for later changes what readers see without any write;
the time of the next such release is kept beside the generation, and the first request after it moves
the generation on.

Browsers and proxies are told to revalidate every time (max-age=0 with an ETag), so they never show a
withdrawn story either; a revalidation is answered from the cache.
"""

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.views.decorators.cache import cache_control
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

GENERATION = "public-pages:generation"
NEXT_RELEASE = "public-pages:next-release"
CACHE_ERRORS = (RedisError, ConnectionError, OSError)


def _fresh_generation():
    # Milliseconds since the epoch: a cache that lost its keys never hands out an old generation again.
    return int(time.time() * 1000)


def _lookup(page_key):
    """(current generation, cached page or None), in one round trip to the cache; the generation is
    moved on first if a scheduled story or issue has come out since."""
    values = cache.get_many([GENERATION, NEXT_RELEASE, page_key])
    current, release = values.get(GENERATION), values.get(NEXT_RELEASE)
    if current is None or (release is not None and release <= timezone.now()):
        return _move_on(), None
    generation, response = values.get(page_key) or (None, None)
    return current, response if generation == current else None


def _move_on():
    from articles.models import next_scheduled_release

    current = _fresh_generation()
    cache.set_many({GENERATION: current, NEXT_RELEASE: next_scheduled_release()}, timeout=None)
    return current


def public_content_changed(**kwargs):
    """Call, or connect as a signal receiver, when what readers see changes; takes effect on commit."""
    transaction.on_commit(_invalidate)


def _invalidate():
    try:
        _move_on()
    except CACHE_ERRORS:
        # Pages cached before the outage expire within PUBLIC_CACHE_SECONDS.
        logger.exception("Could not invalidate the public page cache")


def public_page(view):
    """A reader's page: served from the shared cache when it is there, and stored there when it is not.

    The pages do not vary by reader (no cookies, no per-user content), so one copy per URL serves all.
    A cache that is down is skipped: the page is made afresh. PUBLIC_CACHE_SECONDS = 0 turns it off.
    """

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not settings.PUBLIC_CACHE_SECONDS:
            return view(request, *args, **kwargs)
        key = f"public-page:{hashlib.sha256(request.get_full_path().encode()).hexdigest()}"
        try:
            generation, response = _lookup(key)
        except CACHE_ERRORS:
            logger.warning("Public page cache unavailable; serving uncached", exc_info=True)
            return view(request, *args, **kwargs)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            if hasattr(response, "add_post_render_callback") and not response.is_rendered:
                response.add_post_render_callback(lambda rendered: _store(key, generation, rendered))
            else:
                _store(key, generation, response)
        return response

    return cache_control(public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE, must_revalidate=True)(cached_view)


def _store(key, generation, response):
    try:
        cache.set(key, (generation, response), settings.PUBLIC_CACHE_SECONDS)
    except CACHE_ERRORS:
        logger.warning("Public page cache unavailable; page not stored", exc_info=True)
