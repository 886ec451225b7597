"""Who has a story open in the admin: a short-lived note per story in the cache (Redis in production)."""

import time

from django.core.cache import cache

OPEN_SECONDS = 120


def mark_open(article_id, user):
    """Note that user has the story open now; return the names of the others who have it open."""
    key = f"article-open:{article_id}"
    now = time.time()
    viewers = {
        user_id: (name, seen)
        for user_id, (name, seen) in cache.get(key, {}).items()
        if now - seen < OPEN_SECONDS
    }
    viewers[user.pk] = (user.get_username(), now)
    cache.set(key, viewers, OPEN_SECONDS)
    return sorted(name for user_id, (name, _) in viewers.items() if user_id != user.pk)
