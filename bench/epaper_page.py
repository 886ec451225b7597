"""The 数字报 page's cost, made afresh and cached, as ratios to the floor, measured in process in one run.

    export DATABASE_URL=sqlite:////tmp/bench-epaper.sqlite3   # or the PostgreSQL archive
    .venv/bin/python manage.py migrate && DEBUG=1 .venv/bin/python manage.py load_demo
    .venv/bin/python manage.py db_worker --batch                 # renders the demo page's images
    SECRET_KEY=x ALLOWED_HOSTS=testserver DJANGO_SETTINGS_MODULE=newsroom.settings.prod \
        .venv/bin/python manage.py collectstatic --noinput
    .venv/bin/python bench/epaper_page.py --repeat 200

Pages: the demo's printed page (/issues/1/2/: its image, 26 zones, 7 stories, 2 photos, the page menu),
the floor (/livez) and the reference page that reads one story (bench/reference_wsgi.py). Made afresh
means with the page cache off; cached means served from the page cache (local memory here, so the
figure is the cache's own cost without Redis's round trip).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.prod")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django

django.setup()

from django.core.cache import caches  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

import bench.reference_wsgi  # noqa: E402, F401  (serves the reference pages' addresses too)
from articles.models import Article  # noqa: E402
from issues.models import Page  # noqa: E402


def median_ms(client, path, repeat):
    assert client.get(path).status_code == 200, path
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    return statistics.median(times) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    options = parser.parse_args()
    page = Page.objects.exclude(screen_image="").filter(zones__isnull=False).distinct().first()
    story = Article.objects.published().first()
    paths = {
        "e-paper page": page.get_absolute_url(),
        "floor (/livez)": "/livez",
        "reference: one query": f"/bench/one-query/{story.pk}",
    }
    client = Client(SERVER_NAME="testserver")
    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(PUBLIC_CACHE_SECONDS=0, CACHES=local):
        fresh = {name: median_ms(client, path, options.repeat) for name, path in paths.items()}
    with override_settings(PUBLIC_CACHE_SECONDS=300, CACHES=local):
        caches["default"].clear()
        cached = median_ms(client, paths["e-paper page"], options.repeat)
    reference, floor = fresh["reference: one query"], fresh["floor (/livez)"]
    print("| page | ms | × one-query page | × floor |")
    print("|---|---:|---:|---:|")
    for name, ms in [*fresh.items(), ("e-paper page, cached", cached)]:
        print(f"| {name} | {ms:.2f} | {ms / reference:.1f} | {ms / floor:.1f} |")


if __name__ == "__main__":
    main()
