"""Read replicas for real: readers' pages read from a streaming standby, editors and writes use the primary.

Make a standby of the benchmark database's server on port 5433 (as root, with Debian's tools):

    echo "host replication all 127.0.0.1/32 trust" >> /etc/postgresql/15/main/pg_hba.conf
    pg_ctlcluster 15 main reload
    pg_createcluster 15 replica --port 5433
    cp /etc/postgresql/15/main/pg_hba.conf /etc/postgresql/15/replica/pg_hba.conf
    rm -rf /var/lib/postgresql/15/replica && install -d -o postgres -m 700 /var/lib/postgresql/15/replica
    su postgres -c "pg_basebackup -h 127.0.0.1 -U postgres -D /var/lib/postgresql/15/replica -R -X stream"
    pg_ctlcluster --skip-systemctl-redirect 15 replica start

then, in the benchmark environment (docs/benchmarks.md):

    DATABASE_REPLICA_URLS=postgres://postgres@127.0.0.1:5433/newsroom_bench \\
        .venv/bin/python bench/replica.py --story 50000

With the page cache off, so that every page reads the database, it checks that each reader's page answers
from the standby alone (which refuses every write, so a page that wrote would fail), that the admin and a
signed-in editor read the primary alone, and how long a change on the primary takes to reach readers.
Prints what it saw; the exit status is 1 if any expectation fails.
"""

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.prod")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402

from articles.models import Article  # noqa: E402
from bench.load import PAGES  # noqa: E402

failures = []


def expect(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def queries_by_database(client, path):
    """The response to GET path, and how many queries it ran on the primary and on the replica."""
    counts = {"default": 0, "replica1": 0}

    def counter(alias):
        def count(execute, sql, params, many, context):
            counts[alias] += 1
            return execute(sql, params, many, context)

        return count

    with (
        connections["default"].execute_wrapper(counter("default")),
        connections["replica1"].execute_wrapper(counter("replica1")),
    ):
        response = client.get(path)
    return response, counts["default"], counts["replica1"]


def in_recovery(alias):
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        return cursor.fetchone()[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--story", type=int, default=50000)
    parser.add_argument("--issue", type=int, default=500)
    arguments = parser.parse_args()
    if settings.DATABASE_REPLICAS != ["replica1"]:
        sys.exit("Set DATABASE_REPLICA_URLS to the one standby.")
    settings.PUBLIC_CACHE_SECONDS = 0
    expect(not in_recovery("default") and in_recovery("replica1"), "replica1 is a standby of the primary")

    reader = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    for name, template in PAGES.items():
        if name.startswith("floor"):
            continue  # /livez reads no database
        path = template.format(story=arguments.story, issue=arguments.issue)
        response, primary, replica = queries_by_database(reader, path)
        expect(
            response.status_code == 200 and replica > 0 and primary == 0,
            f"reader {name}: {response.status_code}; queries on replica {replica}, primary {primary}",
        )

    editor, _ = get_user_model().objects.get_or_create(
        username="replica-check", defaults={"is_staff": True, "is_superuser": True}
    )
    staff = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    staff.force_login(editor)
    for path in ("/admin/articles/article/", f"/admin/articles/article/{arguments.story}/change/", "/"):
        response, primary, replica = queries_by_database(staff, path)
        expect(
            response.status_code == 200 and primary > 0 and replica == 0,
            f"editor {path}: {response.status_code}; queries on primary {primary}, replica {replica}",
        )

    story = Article.objects.get(pk=arguments.story)
    marker = f"replica-check-{uuid.uuid4().hex[:8]}"
    for headline in (marker, story.headline):
        Article.objects.filter(pk=story.pk).update(headline=headline)
        started = time.monotonic()
        while headline not in reader.get(f"/articles/{story.pk}/").content.decode():
            if time.monotonic() - started > 10:
                break
            time.sleep(0.005)
        lag = time.monotonic() - started
        expect(lag < 10, f"a headline changed on the primary reached readers after {lag * 1000:.0f} ms")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
