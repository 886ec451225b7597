"""Search latency by query class, the plans behind it, and indexing throughput.

Seed an archive first, then run against it, e.g. on PostgreSQL:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_synthetic --articles 100000
    .venv/bin/python bench/search.py

Each query runs as /search/ runs it: the hit count, the ranked window, and the first page of stories
with everything a result list shows. Results go to docs/benchmarks.md by hand, with the command.
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

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles import dictionary, search  # noqa: E402
from articles.filters import ArticleFilter  # noqa: E402
from articles.models import Article, Township  # noqa: E402

QUERIES = {
    "common word": ["工作", "群众", "乡村振兴", "志愿者"],
    "rare word": ["沙棘采摘", "核桃嫁接", "弓箭舞", "量子计算"],
    "multi-word": ["乡村振兴 群众", "区妇联 志愿服务", "核桃嫁接 村民", "疫情防控 党员干部 宣讲"],
}


def run(query, township=None):
    filters = ArticleFilter({"township": township.slug} if township else {}, Article.objects.published())
    results = search.SearchResults(filters.untagged_qs(), query, tags=filters.chosen_tags())
    count = f"{results.count()}{'+' if results.capped else ''}"
    page = results[0:20]
    return count, page


def shorten(text, length):
    return text[:length] + ("…" if len(text) > length else "")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def latency(repeat):
    print(f"## Latency ({connection.vendor}, {Article.objects.count()} stories, {repeat} runs per query)\n")
    print("| class | query | hits | p50 ms | p95 ms |")
    print("| --- | --- | ---: | ---: | ---: |")
    township = Township.objects.get(name="信义镇")
    classes = {**QUERIES, "word + township filter": ["工作", "核桃嫁接"]}
    summary = {}
    for name, queries in classes.items():
        pooled = []
        for query in queries:
            filtered = township if name == "word + township filter" else None
            run(query, filtered)  # warm the plan cache and the segmenter
            timings = []
            for _run in range(repeat):
                started = time.perf_counter()
                count, _page = run(query, filtered)
                timings.append((time.perf_counter() - started) * 1000)
            pooled += timings
            print(
                f"| {name} | {query} | {count} | {statistics.median(timings):.1f} | "
                f"{percentile(timings, 0.95):.1f} |"
            )
        summary[name] = (statistics.median(pooled), percentile(pooled, 0.95))
    print("\n| class | p50 ms | p95 ms |\n| --- | ---: | ---: |")
    for name, (p50, p95) in summary.items():
        print(f"| {name} | {p50:.1f} | {p95:.1f} |")


def plans():
    if connection.vendor != "postgresql":
        return
    print("\n## Plans (EXPLAIN ANALYZE of every query one search runs)\n")
    township = Township.objects.get(name="信义镇")
    for query, within in (("工作", None), ("沙棘采摘", None), ("工作", township)):
        with CaptureQueriesContext(connection) as captured:
            run(query, within)
        print(f"### {query}{f' in {within}' if within else ''}\n")
        for executed in captured.captured_queries:
            sql = executed["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or "articles_article" not in sql:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
                plan = "\n".join(shorten(row[0], 160) for row in cursor.fetchall())
            seq = "Seq Scan on articles_article" in plan
            print("```\n" + shorten(sql, 300) + "\n")
            print(plan + "\n```")
            print(f"sequential scan over all stories: {'YES' if seq else 'no'}\n")


def indexing(sample):
    import jieba

    stories = list(Article.objects.order_by("pk")[:sample])
    texts = [f"{story.headline}\n{story.body}" for story in stories]
    characters = sum(len(text) for text in texts)
    segmenter = dictionary.segmenter()
    segmenter.keywords(texts[0])  # loading jieba's idf table is a once-per-process cost, not throughput
    reference = jieba.Tokenizer()
    reference.initialize()
    print(f"\n## Indexing ({sample} stories, {characters} characters)\n")
    for name, cut in (
        ("rjieba cut_for_search", segmenter.search_tokens),
        ("jieba cut_for_search", lambda text: list(reference.cut_for_search(text))),
    ):
        started = time.perf_counter()
        for text in texts:
            cut(text)
        seconds = time.perf_counter() - started
        print(f"- {name}: {characters / seconds / 1e6:.2f} M characters/s")
    started = time.perf_counter()
    search.reindex(Article.objects.filter(pk__in=[story.pk for story in stories]), batch_size=1000)
    seconds = time.perf_counter() - started
    rate = characters / seconds / 1e6
    print(f"- full re-index (tokens, keywords, database writes): {rate:.2f} M characters/s")
    started = time.perf_counter()
    for text in texts:
        segmenter.search_tokens(text)
        segmenter.keywords(text)
    seconds = time.perf_counter() - started
    print(f"- tokens and keywords, no database: {characters / seconds / 1e6:.2f} M characters/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--index-sample", type=int, default=5000)
    options = parser.parse_args()
    latency(options.repeat)
    plans()
    indexing(options.index_sample)
