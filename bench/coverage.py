"""The coverage map and the planning gaps on a large archive: their queries, their time, and their plans.

Seed an archive first (docs/benchmarks.md), then, e.g. on PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench .venv/bin/python bench/coverage.py

It times the whole admin page (/admin/planning/proposal/coverage/) for a month and for a year, the one
aggregate query alone, and, as the yardstick in the same run, the same numbers read the obvious way: one
count and one latest date per township and per department. Results go to docs/benchmarks.md by hand.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Department, Township  # noqa: E402
from planning import coverage  # noqa: E402


def timed(function, repeat):
    function()  # warm the caches and the plan
    timings = []
    for _run in range(repeat):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def one_by_one(start, end):
    """The yardstick: each township's and department's numbers, two queries each."""
    published = Article.objects.published().filter(listing_date__range=(start, end))
    for field, places in (("townships", Township.objects.all()), ("departments", Department.objects.all())):
        for place in places:
            tagged = published.filter(**{field: place})
            tagged.count()
            tagged.aggregate(Max("listing_date"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()
    newest = Article.objects.published().aggregate(Max("listing_date"))["listing_date__max"]
    user, _ = get_user_model().objects.get_or_create(
        username="bench-coverage", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    print(
        f"## Coverage ({connection.vendor}, {Article.objects.count()} stories, median of {options.repeat})\n"
    )
    print("| period | queries on the page | page ms | the aggregate ms | one by one ms | ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, days in (("30 days", 30), ("a year", 365)):
        start = newest - datetime.timedelta(days=days - 1)
        query = {"start": start.isoformat(), "end": newest.isoformat()}
        with CaptureQueriesContext(connection) as page_queries:
            assert client.get("/admin/planning/proposal/coverage/", query).status_code == 200
        page_query_count = len(page_queries)
        aggregates = [sql for sql in page_queries if "GROUP BY" in sql["sql"]]
        assert len(aggregates) == 1, aggregates
        page_ms = timed(partial(client.get, "/admin/planning/proposal/coverage/", query), options.repeat)
        aggregate_ms = timed(partial(coverage.coverage, start, newest, today=newest), options.repeat)
        naive_ms = timed(partial(one_by_one, start, newest), max(3, options.repeat // 4))
        print(
            f"| {name} | {page_query_count} | {page_ms:.1f} | {aggregate_ms:.1f} | {naive_ms:.1f} | "
            f"{naive_ms / aggregate_ms:.1f}× |"
        )
    gaps_ms = timed(lambda: list(coverage.planning_gaps(newest)), options.repeat)
    print(f"\nPlanning gaps (one query): {gaps_ms:.1f} ms")
    if connection.vendor == "postgresql":
        start = newest - datetime.timedelta(days=29)
        with CaptureQueriesContext(connection) as captured:
            coverage.coverage(start, newest, today=newest)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + captured.captured_queries[0]["sql"])
            print("\n```\n" + "\n".join(row[0] for row in cursor.fetchall()) + "\n```")
    user.delete()


if __name__ == "__main__":
    main()
