"""Read replicas: readers' pages read from a replica, everything else from the primary.

DATABASE_REPLICA_URLS names the replicas (comma-separated URLs). PublicReadsMiddleware marks an anonymous
GET or HEAD request as one that may read from a replica; the admin, previews and every write stay on the
primary, so an editor always sees what they just saved. A replica lags the primary by a moment; a story
published on the primary reaches readers when its transaction has replicated, and the page cache is
dropped on commit (infrastructure/caching.py), so a page cached from a lagging replica lives at most
PUBLIC_CACHE_SECONDS.
"""

import contextvars
import random

from django.conf import settings

_public_read = contextvars.ContextVar("public_read", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _public_read.get() and settings.DATABASE_REPLICAS:
            return random.choice(settings.DATABASE_REPLICAS)
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, one, other, **hints):
        return True  # the replicas hold the same data as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class PublicReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        token = _public_read.set(public)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)
