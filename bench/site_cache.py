"""Warm pages: our page cache against Django's own per-site cache middleware, on our application, side by
side in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench .venv/bin/python bench/site_cache.py

Two gunicorns as production runs them (2 workers each, preloaded), one with our PublicPageCacheMiddleware
and one with bench/django_cache_settings.py, on one own Redis (separate databases). Each page is asked
once to fill both caches, then loaded on each server in turn, twice over, 4 connections.

Ours does one thing more on every hit: it reads the database's generation (one primary-key read), so that
a withdrawn story is never served from the cache, whatever the cache holds (docs/deploy.md). Django's
middleware serves whatever it stored until it expires.
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import load
from servers import gunicorn, own_redis

PAGES = {"home": "/", "story": "/articles/50000/", "list": "/articles/?page=3", "issue": "/issues/500/"}
ROUNDS = 2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=4)
    options = parser.parse_args()
    with (
        own_redis() as redis_url,
        gunicorn(8151, f"{redis_url}/0") as (ours, _),
        gunicorn(8152, f"{redis_url}/1", DJANGO_SETTINGS_MODULE="bench.django_cache_settings") as (django, _),
    ):
        print("| page | ours req/s | ours p50 ms | Django's req/s | Django's p50 ms | ours ÷ Django's |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, path in PAGES.items():
            rates = {ours: [], django: []}
            medians = {ours: [], django: []}
            for base in (ours, django):
                load(base, lambda _number, path=path: path, 0.5, 1)
            for _round in range(ROUNDS):
                for base in (ours, django):
                    result = load(base, lambda _number, path=path: path, options.seconds, 4)
                    assert not result["errors"] and set(result["statuses"]) == {200}, result
                    rates[base].append(result["per_second"])
                    medians[base].append(result["p50_ms"])
            ours_rate, django_rate = statistics.mean(rates[ours]), statistics.mean(rates[django])
            print(
                f"| {name} | {ours_rate:.0f} | {statistics.mean(medians[ours]):.2f} | {django_rate:.0f} | "
                f"{statistics.mean(medians[django]):.2f} | {ours_rate / django_rate:.2f} |"
            )


if __name__ == "__main__":
    main()
