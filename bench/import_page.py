"""Archive import time per page: parsing alone, and parsing with the drafts written.

Run against a migrated database (the gazetteer comes from the migrations), e.g.:

    export DATABASE_URL=sqlite:////tmp/bench-import.sqlite3
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/import_page.py --repeat 20

Every write runs in a transaction that is rolled back, so each repetition imports into the same state.
The first parse in a process also builds the segmenter's dictionary; it is reported apart. Results go to
docs/benchmarks.md by hand, with the command.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from issues import page_import  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests/data"
ISSUE_DATES = {
    "pages/sample_page": datetime.date(2021, 1, 5),
    "pages/township_news": datetime.date(2022, 1, 6),
    "pages/features": datetime.date(2021, 3, 10),
    "pages/front_page_gb18030": datetime.date(2023, 12, 28),
    # Composed and extracted by pdfminer.six: blocks out of order, headlines away from their bodies.
    "text_pages/five_columns": datetime.date(2022, 12, 21),
    "text_pages/six_columns": datetime.date(2022, 12, 21),
    "pdf_pages/feature_page": datetime.date(2021, 1, 5),  # a long feature: the most pieces to chain
}
JOINED = ("five_columns", "six_columns", "round1_four_columns")


def milliseconds(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def write(data, issue_date):
    with transaction.atomic():
        page_import.import_page(page_import.read_page(data, issue_date), issue_date, 2, "综合")
        transaction.set_rollback(True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    arguments = parser.parse_args()
    print(f"database: {connection.vendor}; repeat {arguments.repeat}")
    pages = {name: (DATA / f"{name}.txt").read_bytes() for name in ISSUE_DATES}
    started = time.perf_counter()
    page_import.read_page(pages["pages/sample_page"], ISSUE_DATES["pages/sample_page"])
    print(
        f"first parse in the process (builds the dictionary): {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    print(f"{'page':<26} {'chars':>6} {'stories':>7}  {'parse p50/p95 ms':>17}  {'import p50/p95 ms':>17}")
    for name, data in pages.items():
        issue_date = ISSUE_DATES[name]
        parsed = page_import.read_page(data, issue_date)
        characters = len(page_import.decoded(data))
        parse = milliseconds(lambda: page_import.read_page(data, issue_date), arguments.repeat)  # noqa: B023
        full = milliseconds(lambda: write(data, issue_date), arguments.repeat)  # noqa: B023
        print(
            f"{name:<26} {characters:>6} {len(parsed.articles):>7}  {parse[0]:>8.1f}/{parse[1]:<8.1f}"
            f"  {full[0]:>8.1f}/{full[1]:<8.1f}"
        )
    # Three pages' text run together: some 70 pieces to chain, where the cap on the moves weighed tells.
    joined = b"\n\n".join((DATA / f"text_pages/{name}.txt").read_bytes() for name in JOINED)
    issue_date = ISSUE_DATES["text_pages/five_columns"]
    parse = milliseconds(lambda: page_import.read_page(joined, issue_date), arguments.repeat)
    characters = len(page_import.decoded(joined))
    print(f"{'three text pages as one':<26} {characters:>6} {'':>7}  {parse[0]:>8.1f}/{parse[1]:<8.1f}")


if __name__ == "__main__":
    main()
