"""SQL per public page, made afresh: query count, SQL time, total time, and the slowest query's plan.

Run against the benchmark archive with the production settings (the page cache is bypassed here):

    . bench-env.sh && .venv/bin/python bench/page_costs.py --story 50000 --issue 500 --explain

Each page is asked for --repeat times after one warm-up request (which fills the search dictionary and
the connection); the figures are medians. After each request the one-query reference page is asked
too, and "× ref" is the ratio of the two medians: on a machine whose speed drifts from minute to minute,
requests made moments apart compare better than two runs of the table. Without --story and --issue it
takes the middle published ones, so that it runs on any archive: .ci/run runs it once on a small one, as
a smoke test.
"""

import argparse
import collections
import functools
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.prod")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

import bench.reference_wsgi  # noqa: E402, F401  (serves the reference pages' addresses too)
from articles.models import Article  # noqa: E402
from infrastructure import caching  # noqa: E402
from issues.models import Issue  # noqa: E402

PAGES = {
    "home": "/",
    "township filter, page 1": "/articles/?township=chengbei-jiedao",
    "township filter, page 150": "/articles/?township=chengbei-jiedao&page={deep}",
    "township filter, page 150, by its older link": (
        "/articles/?township=chengbei-jiedao&page={deep}&after={deep_after}"
    ),
    "list page 50": "/articles/?page={p50}",
    "list page 250": "/articles/?page={p250}",
    "list page 250, by its older link": "/articles/?page={p250}&after={p250_after}",
    "story": "/articles/{story}/",
    "issue": "/issues/{issue}/",
    "e-paper page": "/issues/{issue}/1/",
    "feed": "/feed/",
    "search, page 1": "/search/?q=乡村振兴",
    "search, last page (50)": "/search/?q=乡村振兴&page={p50}",
    # What any page costs at least: the floor, base.html alone, one query into base.html.
    "floor (/livez)": "/livez",
    "reference: base.html": "/bench/template",
    "reference: one query": "/bench/one-query/{story}",
}


DEEP_PAGES = {"deep": 150, "p50": 50, "p250": 250}


class Split:
    """Where a page's time goes: each function given to watch() is timed without what it calls of the
    others (a template that runs a query counts the query's compiling and SQL apart), the rest is the
    request's own work (middleware, view, URLs, reading rows into objects)."""

    def __init__(self):
        self.spent = collections.Counter()
        self.stack = []  # [label, started, time spent in watched calls below]

    def watch(self, owner, name, label):
        original = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            self.stack.append([label, time.perf_counter(), 0.0])
            try:
                return original(*args, **kwargs)
            finally:
                label_, started, below = self.stack.pop()
                whole = time.perf_counter() - started
                self.spent[label_] += whole - below
                if self.stack:
                    self.stack[-1][2] += whole

        setattr(owner, name, timed)

    def take(self):
        spent, self.spent = self.spent, collections.Counter()
        return spent


def watched_split():
    from django.db.backends.utils import CursorWrapper
    from django.db.models.sql.compiler import SQLCompiler
    from django.template.backends import django as django_templates
    from django.template.backends import jinja2 as jinja2_templates

    split = Split()
    split.watch(CursorWrapper, "execute", "SQL")
    split.watch(SQLCompiler, "as_sql", "compile")
    split.watch(jinja2_templates.Template, "render", "template")
    split.watch(django_templates.Template, "render", "template")
    return split


SPLIT_LABELS = ("compile", "SQL", "template")


def timed_get(client, path):
    started = time.perf_counter()
    response = client.get(path)
    return time.perf_counter() - started, response


def measure(client, path, repeat, split=None, reference=None):
    """The page's figures; with a reference page, that page is asked after each request too, so that the
    ratio of the two compares requests made moments apart on this noisy machine."""
    client.get(path)
    totals, sql_times, counts, slowest, references = [], [], set(), (0, ""), []
    parts = collections.defaultdict(list)
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            if split:
                split.take()
            total, response = timed_get(client, path)
            totals.append(total)
            if split:
                spent = split.take()
                for label in SPLIT_LABELS:
                    parts[label].append(spent[label])
                parts["rest"].append(totals[-1] - sum(spent.values()))
        assert response.status_code == 200, (path, response.status_code)
        counts.add(len(captured.captured_queries))
        sql_times.append(sum(float(query["time"]) for query in captured.captured_queries))
        for query in captured.captured_queries:
            slowest = max(slowest, (float(query["time"]), query["sql"]))
        if reference:  # after reading the queries: a request clears the connection's log
            references.append(timed_get(client, reference)[0])
    return {
        "queries": sorted(counts),
        "total_ms": statistics.median(totals) * 1000,
        "sql_ms": statistics.median(sql_times) * 1000,
        "slowest_ms": slowest[0] * 1000,
        "slowest_sql": slowest[1],
        "split_ms": {label: statistics.median(times) * 1000 for label, times in parts.items()},
        "times_reference": statistics.median(totals) / statistics.median(references) if references else None,
    }


def middle(values):
    found = list(values)
    if not found:
        raise SystemExit("The archive has nothing published: seed it first (docs/benchmarks.md).")
    return found[len(found) // 2]


def older_link(key, deep_pages):
    """The story a deep page's "older" link starts after (the last of the page before): `deep_after` for
    the township's page, `p250_after` for the whole list's."""
    stories = Article.objects.published().newest_first().values_list("pk", flat=True)
    if key == "deep_after":
        return stories.filter(townships__slug="chengbei-jiedao")[(deep_pages["deep"] - 1) * 20 - 1]
    return stories[(deep_pages["p250"] - 1) * 20 - 1]


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def pass_by(page_cache, request):
    """The page cache's middleware, keeping no page."""
    return page_cache.get_response(request)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--story", type=int, help="id of a published story (default: the middle one)")
    parser.add_argument("--issue", type=int, help="number of a published issue (default: the middle one)")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--explain", action="store_true", help="print the slowest query's plan per page")
    parser.add_argument(
        "--split", action="store_true", help="also split each page's time: compiling SQL, SQL, template, rest"
    )
    parser.add_argument(
        "--remembered",
        action="store_true",
        help="pages made afresh with the lists' counts remembered, as production serves a page the cache "
        "has not kept between two publications (the first request of each list counts)",
    )
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--small", action="store_true", help="a small archive: the deep pages are page 2")
    arguments = parser.parse_args()
    if arguments.remembered:
        settings.PUBLIC_CACHE_SECONDS = 600
        caching.PublicPageCacheMiddleware.__call__ = pass_by
    else:
        settings.PUBLIC_CACHE_SECONDS = 0
    settings.DEBUG = False
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    story = arguments.story or middle(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    issue = arguments.issue or middle(
        Issue.objects.published().order_by("number").values_list("number", flat=True)
    )
    split = watched_split() if arguments.split else None
    reference = f"/bench/one-query/{story}"
    heading = f"{'page':<46} {'queries':>8} {'total ms':>9} {'× ref':>6} {'SQL ms':>8} {'slowest':>8}"
    print(heading + ("".join(f" {label:>9}" for label in (*SPLIT_LABELS, "rest")) if split else ""))
    plans = {}
    for name, template in PAGES.items():
        if arguments.only and name not in arguments.only:
            continue
        deep_pages = dict.fromkeys(("deep", "p50", "p250"), 2) if arguments.small else DEEP_PAGES
        links = {key: older_link(key, deep_pages) for key in re.findall(r"\{(\w+_after)\}", template)}
        path = template.format(story=story, issue=issue, **deep_pages, **links)
        result = measure(client, path, arguments.repeat, split, reference)
        counts = "/".join(str(count) for count in result["queries"])
        times = (
            f"{result['total_ms']:>9.1f} {result['times_reference']:>6.1f} "
            f"{result['sql_ms']:>8.1f} {result['slowest_ms']:>8.1f}"
        )
        parts = "".join(f" {ms:>9.1f}" for ms in result["split_ms"].values())
        print(f"{name:<46} {counts:>8} {times}{parts}")
        plans[name] = result["slowest_sql"]
    if arguments.explain and connection.vendor == "postgresql":
        for name, sql in plans.items():
            print(f"\n## {name}: slowest query\n{sql}\n{explain(sql)}" if sql else f"\n## {name}: no query")


if __name__ == "__main__":
    main()
