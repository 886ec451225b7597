"""The assembly board's move, as the editor's browser makes it: one POST through the admin, answered
with the whole board redrawn. Goal: under 100 ms on this machine.

    export DATABASE_URL=sqlite:////tmp/bench-board.sqlite3    # or a PostgreSQL database
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/board_move.py --repeat 50

It builds an issue of 8 pages with 10 stories each (with bylines and a photo each) and a pool of 20,
then moves stories between pages and back, medians and p95 over --repeat moves. Every write stays.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from articles.models import Article  # noqa: E402
from articles.roles import EDITOR  # noqa: E402
from issues.models import Issue  # noqa: E402
from tests.factories import ArticleFactory, filled_issue, staff_member  # noqa: E402


def build():
    number, date = Issue.next_number_and_date()  # a fresh issue each run, in the same database
    issue = filled_issue(8, 10, number=number, date=date)
    for _ in range(20):
        ArticleFactory(status=Article.Status.APPROVED)
    return issue, list(issue.pages.order_by("number"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    options = parser.parse_args()
    setup_test_environment()
    issue, pages = build()
    client = Client()
    client.force_login(staff_member(EDITOR, username=f"bench-editor-{issue.number}"))
    url = reverse("admin:issues_issue_board_move", args=[issue.pk])
    times = []
    for number in range(options.repeat):
        issue.refresh_from_db()
        source, target = pages[number % 8], pages[(number + 3) % 8]
        story = source.articles.order_by("position").first()
        data = {
            "kind": "article",
            "id": story.pk,
            "page": target.pk,
            "position": 2,
            "version": issue.board_version,
        }
        started = time.perf_counter()
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content[:300]
    times.sort()
    print(
        f"moves: {len(times)}, median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
