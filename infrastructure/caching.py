"""Readers' pages, cached whole in the shared cache (Redis in production) and dropped the moment what
readers may see changes.

Every cached page is stored with the generation it was made under, and served only while that is still
the current one. The generation is decided by the database, never by the cache: the time, in ms, of the
last change to what readers see (infrastructure.models.PublicGeneration), and of the latest scheduled
publication that has come. Anything that changes what readers see (a story published, withdrawn,
corrected or edited while published; an issue published; a photo, author or gazetteer entry changed)
moves the first on inside its own transaction, so the change and the invalidation commit together or not
at all.

Each request reads that one row from the primary database (a primary-key read) beside its one round trip
to the cache, and believes the cache's copy of the rest only while the copy names that same change. So
no page made before a change is served once the change has committed, whatever the cache did or missed
in between (refused, hung, partitioned, restored from an old dump).

With read replicas, a page made just after a change may have been read from a replica that has not
replayed the change yet; pages made within REPLICA_LAG_ALLOWANCE of the change are served but not
stored, so the cache never keeps a page from before a change.

Browsers and proxies are told to revalidate every time (max-age=0 with an ETag), so they never show a
withdrawn story either; a revalidation is answered from the cache.
"""

import contextvars
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from redis.exceptions import RedisError

from infrastructure.models import PublicGeneration

logger = logging.getLogger(__name__)

# The cache's copy of what the database holds. Named apart from the keys that held the generation
# before (a bare number), so that a cache from then is not believed.
GENERATION = "public-pages:generation-of-database"
CACHE_ERRORS = (RedisError, ConnectionError, OSError)
GENERATION_ROW = 1  # the primary key of PublicGeneration's one row

# The generation a page is being made under, so that the counts and rankings it remembers are kept under
# the same one without reading it again.
_making_under = contextvars.ContextVar("public_generation", default=None)


def _now_ms():
    return int(time.time() * 1000)


def _lookup(key):
    """(current generation, the value stored under key for it, or None). One round trip to the cache and
    one primary-key read of the database's generation; the scheduled releases are read too when the
    cache's copy is missing, out of date, or a scheduled story or issue has come out since it was made."""
    values = cache.get_many([GENERATION, key])
    changed = database_changed_at()
    copy = values.get(GENERATION)
    if copy is None or copy[0] != changed or (copy[2] is not None and copy[2] <= timezone.now()):
        return _copy_generation(changed), None
    current = copy[:2]
    return current, _made_under(current, values.get(key))


def _made_under(generation, stored):
    """The value of a stored (generation, value) pair if it was made under this generation."""
    made, value = stored or (None, None)
    return value if made == generation else None


def database_changed_at():
    """The time, in ms, of the last change to what readers see, as the primary database has it. Every page
    served from the cache pays for this read, so it is written by hand: through the ORM it costs five
    times as much (0.25 ms against 0.05 ms on PostgreSQL here)."""
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('changed_at_ms')} FROM {quote(PublicGeneration._meta.db_table)} "
            f"WHERE {quote('id')} = %s",
            [GENERATION_ROW],
        )
        row = cursor.fetchone()
    return row[0] if row else 0


_scheduled_sources = []


def publishes_on_schedule(published):
    """Register what a domain app publishes at a set time: published(using) gives those rows (with a
    published_at), read from the database `using`. A row whose time comes changes what readers see
    without any write, so the generation follows the latest of those times that has come."""
    _scheduled_sources.append(published)


def release_times(using):
    """(the latest publication time that has come, the next one still to come) over every registered
    source; either may be None. Two index reads a source."""
    now = timezone.now()
    passed, coming = [], []
    for published in _scheduled_sources:
        times = published(using).values_list("published_at", flat=True)
        passed.append(times.filter(published_at__lte=now).order_by("-published_at").first())
        coming.append(times.filter(published_at__gt=now).order_by("published_at").first())
    return (
        max((found for found in passed if found is not None), default=None),
        min((found for found in coming if found is not None), default=None),
    )


def _copy_generation(changed):
    """The generation (the last change, the latest release that has come), with a copy for the cache
    that also holds the next release still to come."""
    released, coming = release_times(using=DEFAULT_DB_ALIAS)
    generation = (changed, int(released.timestamp() * 1000) if released is not None else 0)
    cache.set(GENERATION, (*generation, coming), timeout=settings.PUBLIC_CACHE_SECONDS)
    return generation


def public_content_changed(**kwargs):
    """Call, or connect as a signal receiver, when what readers see changes: moves the database's
    generation on in the caller's transaction, so that the change and the invalidation commit together."""
    now = _now_ms()
    rows = PublicGeneration.objects.using(DEFAULT_DB_ALIAS)
    if not rows.update(changed_at_ms=Greatest(F("changed_at_ms") + 1, Value(now))):
        rows.get_or_create(pk=GENERATION_ROW, defaults={"changed_at_ms": now})


def public_page(view, reads=None):
    """Mark a reader's page: PublicPageCacheMiddleware keeps it in the shared cache, and browsers are told
    to revalidate it. The pages do not vary by reader (no cookies, no per-user content), so one copy per
    address serves all.

    The address is the path and only the query parameters the page reads (`reads`, else its view class's
    query_parameters), in a canonical order; the view sees no others. So ?from=singlemessage from WeChat,
    or a random query string, neither makes a new entry nor forces a page to be made afresh."""
    reads = reads if reads is not None else getattr(getattr(view, "view_class", None), "query_parameters", ())
    view = cache_control(public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE, must_revalidate=True)(view)
    view.public_page = True
    view.query_parameters = frozenset(reads)
    return view


def keep_query_parameters(request, names):
    """Leave the request only the query parameters in names, sorted, as if it had been asked that way."""
    pairs = sorted((name, value) for name, values in request.GET.lists() if name in names for value in values)
    query = urlencode(pairs)
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)


class PublicPageCacheMiddleware:
    """Serves a stored page before the rest of the middleware runs, and stores a page marked
    @public_page after all of it has run, so the stored copy carries every header and no response that
    sets a cookie (a session, a CSRF token, a message) is ever stored.

    Other URLs (the admin, health checks) pass straight through, without a look at the cache. A cache
    that is down is skipped: the page is made afresh. PUBLIC_CACHE_SECONDS = 0 turns it off.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not settings.PUBLIC_CACHE_SECONDS:
            return self.get_response(request)
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            view = None
        if not getattr(view, "public_page", False):
            return self.get_response(request)
        keep_query_parameters(request, view.query_parameters)
        return _cached(page_key(request), lambda: self.get_response(request), keep=_storable)


def _storable(response):
    return response.status_code == 200 and not response.cookies and not response.streaming


def page_key(request):
    # The whole address: the host is checked against ALLOWED_HOSTS here (a bad one is a 400, cached page
    # or not), and pages carry absolute links to the host they were asked on.
    return f"public-page:{hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()}"


def remember(name, compute):
    """A value derived from what readers see (a count, a ranking), kept beside the pages and dropped
    with them, so that the pages of one list or search share it; computed afresh when the cache is off
    or down."""
    if not settings.PUBLIC_CACHE_SECONDS:
        return compute()
    return _cached(f"public-value:{hashlib.sha256(name.encode()).hexdigest()}", compute)


def _cached(key, compute, keep=lambda value: True):
    """The value stored under key for the current generation, or compute() stored there if keep(it)."""
    generation = _making_under.get()
    try:
        if generation is None:
            generation, value = _lookup(key)
        else:
            value = _made_under(generation, cache.get(key))
    except CACHE_ERRORS:
        logger.warning("Public page cache unavailable; made afresh", exc_info=True)
        return compute()
    if value is None:
        making = _making_under.set(generation)
        try:
            value = compute()
        finally:
            _making_under.reset(making)
        if keep(value) and not _replicas_may_trail(generation):
            _store(key, generation, value)
    return value


def _replicas_may_trail(generation):
    """Whether a replica may not have replayed the change that began this generation."""
    changed, _ = generation
    allowance = settings.REPLICA_LAG_ALLOWANCE * 1000
    return bool(settings.DATABASE_REPLICAS) and _now_ms() - changed < allowance


# Where in a list a page is: its number, and the item it starts after (keyset pagination).
LIST_POSITION = ("page", "after")


def list_name(request):
    """A list or search, whichever of its pages is asked for: the path and the query but LIST_POSITION."""
    query = sorted(
        (name, value) for name, values in request.GET.lists() for value in values if name not in LIST_POSITION
    )
    return f"{request.path}?{urlencode(query)}"


class RememberedCountPaginator(Paginator):
    """Counts a list once per generation, not once per page: a filtered count reads every match."""

    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name

    @cached_property
    def count(self):
        return remember(f"count:{self.name}", lambda: Paginator.count.func(self))


def _store(key, generation, value):
    try:
        cache.set(key, (generation, value), settings.PUBLIC_CACHE_SECONDS)
    except CACHE_ERRORS:
        logger.warning("Public page cache unavailable; page not stored", exc_info=True)
