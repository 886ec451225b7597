"""SQL per public page, made afresh: query count, SQL time, total time, and the slowest query's plan.

Run against the benchmark archive with the production settings (the page cache is bypassed here):

    . bench-env.sh && .venv/bin/python bench/page_costs.py --story 50000 --issue 500 --explain

Each page is asked for --repeat times after one warm-up request (which fills the search dictionary and
the connection); the figures are medians.
"""

import argparse
import os
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

PAGES = {
    "home": "/",
    "township filter, page 1": "/articles/?township=chengbei-jiedao",
    "township filter, page 150": "/articles/?township=chengbei-jiedao&page=150",
    "list page 50": "/articles/?page=50",
    "list page 250": "/articles/?page=250",
    "story": "/articles/{story}/",
    "issue": "/issues/{issue}/",
    "feed": "/feed/",
    "search, page 1": "/search/?q=乡村振兴",
    "search, page 150": "/search/?q=乡村振兴&page=150",
    # What any page costs at least: the floor, base.html alone, one query into base.html.
    "floor (/livez)": "/livez",
    "reference: base.html": "/bench/template",
    "reference: one query": "/bench/one-query/{story}",
}


def measure(client, path, repeat):
    client.get(path)
    totals, sql_times, counts, slowest = [], [], set(), (0, "")
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            totals.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
        counts.add(len(captured.captured_queries))
        sql_times.append(sum(float(query["time"]) for query in captured.captured_queries))
        for query in captured.captured_queries:
            slowest = max(slowest, (float(query["time"]), query["sql"]))
    return {
        "queries": sorted(counts),
        "total_ms": statistics.median(totals) * 1000,
        "sql_ms": statistics.median(sql_times) * 1000,
        "slowest_ms": slowest[0] * 1000,
        "slowest_sql": slowest[1],
    }


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--story", type=int, default=50000)
    parser.add_argument("--issue", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--explain", action="store_true", help="print the slowest query's plan per page")
    parser.add_argument("--only", nargs="*")
    arguments = parser.parse_args()
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.DEBUG = False
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    print(f"{'page':<26} {'queries':>8} {'total ms':>9} {'SQL ms':>8} {'slowest':>8}")
    plans = {}
    for name, template in PAGES.items():
        if arguments.only and name not in arguments.only:
            continue
        path = template.format(story=arguments.story, issue=arguments.issue)
        result = measure(client, path, arguments.repeat)
        counts = "/".join(str(count) for count in result["queries"])
        times = f"{result['total_ms']:>9.1f} {result['sql_ms']:>8.1f} {result['slowest_ms']:>8.1f}"
        print(f"{name:<26} {counts:>8} {times}")
        plans[name] = result["slowest_sql"]
    if arguments.explain and connection.vendor == "postgresql":
        for name, sql in plans.items():
            print(f"\n## {name}: slowest query\n{sql}\n{explain(sql)}")


if __name__ == "__main__":
    main()
