"""Concurrent writers on the default SQLite database: editors saving stories while the importer runs.

Run against a migrated SQLite file (tests/infrastructure/test_sqlite_writers.py does exactly this):

    export DATABASE_URL=sqlite:////tmp/writers.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python bench/sqlite_writers.py --seconds 20

Prints one JSON line: writes done by each kind of writer, and every error, by message. With
--options '{}' the database is opened without the settings' transaction mode, timeout and WAL, to show
what they prevent.
"""

import argparse
import datetime
import json
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

import django

PAGES = Path(__file__).resolve().parent.parent / "tests/data/pages"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--editors", type=int, default=3)
    parser.add_argument("--options", help="JSON to use as the database OPTIONS instead of the settings'")
    arguments = parser.parse_args()
    django.setup()
    from django.conf import settings

    if arguments.options is not None:
        settings.DATABASES["default"]["OPTIONS"] = json.loads(arguments.options)

    from django.db import connection, transaction

    from articles.models import Article
    from issues import page_import

    assert connection.vendor == "sqlite", "this measures SQLite"
    stop = time.monotonic() + arguments.seconds
    writes, errors = Counter(), Counter()
    pages = sorted(PAGES.glob("*.txt"))

    def importer():
        number = 0
        while time.monotonic() < stop:
            number += 1
            data = pages[number % len(pages)].read_bytes()
            issue_date = datetime.date(2020, 1, 1) + datetime.timedelta(days=number)
            try:
                page_import.import_page(page_import.read_page(data, issue_date), issue_date, 1, "综合")
                writes["import"] += 1
            except Exception as error:  # counted and reported below
                errors[f"import: {error}"] += 1
        connection.close()

    def editor(index):
        story = None
        while time.monotonic() < stop:
            try:
                with transaction.atomic():
                    if story is None:
                        story = Article.objects.create(
                            headline=f"编辑{index}的稿件", body="近日，城北街道举办活动。"
                        )
                    else:
                        story = Article.objects.get(pk=story.pk)
                        story.body += "\n又一段。"
                        story.save()
                writes["editor save"] += 1
            except Exception as error:  # counted and reported below
                errors[f"editor: {error}"] += 1
                story = None
        connection.close()

    threads = [threading.Thread(target=importer)]
    threads += [threading.Thread(target=editor, args=(index,)) for index in range(arguments.editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"writes": writes, "errors": errors}, ensure_ascii=False))


if __name__ == "__main__":
    main()
