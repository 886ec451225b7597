"""What Django spends building and compiling the readers' heaviest querysets, before any SQL runs: a plain
list, a list with what it shows of each story (for_listing), the story page's story (for_detail). Minimum
of five rounds of 100, in ms; no database work, so any archive will do:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench .venv/bin/python bench/query_compile.py
"""

import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402

from articles.models import Article  # noqa: E402

QUERYSETS = {
    "plain list page": lambda: Article.objects.published().newest_first()[:20],
    "list page with its listing": lambda: Article.objects.published().newest_first().for_listing()[:20],
    "story page's story": lambda: Article.objects.published().for_detail().filter(pk=1),
}


def compile_ms(make, rounds=5, number=100):
    def build_and_compile():
        make().query.get_compiler(connection.alias).as_sql()

    return min(timeit.timeit(build_and_compile, number=number) for _ in range(rounds)) / number * 1000


if __name__ == "__main__":
    print(f"| queryset ({connection.vendor}) | build and compile, ms |\n| --- | ---: |")
    for name, make in QUERYSETS.items():
        print(f"| {name} | {compile_ms(make):.2f} |")
