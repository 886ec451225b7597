"""Who has a story open in the admin: a short-lived note per story in the cache (Redis in production).

The open page renews its note every HEARTBEAT_SECONDS and drops it when it is closed (static/js/
presence.js), so a note outlives its reader by at most OPEN_SECONDS. Presence is a courtesy: when the
cache fails, nobody is shown and editing goes on.
"""

import logging
import time

from django.core.cache import cache

from .people import display_name

OPEN_SECONDS = 45
HEARTBEAT_SECONDS = 15
logger = logging.getLogger(__name__)


def _key(article_id):
    return f"article-open:{article_id}"


def _update(article_id, user, leaving=False):
    now = time.time()
    try:
        viewers = {
            user_id: (name, seen)
            for user_id, (name, seen) in cache.get(_key(article_id), {}).items()
            if now - seen < OPEN_SECONDS and user_id != user.pk
        }
        if not leaving:
            viewers[user.pk] = (display_name(user), now)
        cache.set(_key(article_id), viewers, OPEN_SECONDS)
    except Exception:  # any cache backend's failure; presence must never stop an edit
        logger.warning("presence note for story %s not updated: cache unavailable", article_id, exc_info=True)
        return []
    return sorted(name for user_id, (name, _seen) in viewers.items() if user_id != user.pk)


def mark_open(article_id, user):
    """Note that user has the story open now; return the real names of the others who have it open."""
    return _update(article_id, user)


def mark_left(article_id, user):
    _update(article_id, user, leaving=True)
