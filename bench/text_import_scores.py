"""The text importer's scores, field by field, on composed pages (scripts/compose_pages.py): the text
pdfminer.six extracts from each page's PDF, parsed as the archive's text is, against the page's
expected JSON.

    .venv/bin/python bench/text_import_scores.py             # the pages tuned on
    .venv/bin/python bench/text_import_scores.py --held-out  # the pages kept back (issue 19)
    .venv/bin/python bench/text_import_scores.py --others    # the 数字报's composed pages, read as text

Run against a migrated database (the dictionary and the gazetteer come from the migrations), e.g.
DATABASE_URL=sqlite:////tmp/bench-import.sqlite3 after `manage.py migrate`.
"""

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

GROUPS = {
    "tuned": sorted((ROOT / "tests/data/text_pages").glob("*.txt")),
    "held_out": sorted((ROOT / "bench/held_out_pages").glob("held_out_text_*.txt")),
    "others": [
        *sorted((ROOT / "tests/data/pdf_pages").glob("*.txt")),
        *(ROOT / f"bench/held_out_pages/held_out_{name}.txt" for name in "ef"),
    ],
}
FIELDS = ("headlines", "subtitles", "bylines", "dates", "body_ends")


def page_scores(paths):
    import django

    django.setup()
    from issues import page_import
    from tests.issues.page_scoring import Score, score

    total, rows = Score(), []
    for path in paths:
        spec = json.loads(path.with_suffix(".page.json").read_text())
        issue_date = datetime.date.fromisoformat(spec["page"]["date"])
        parsed = page_import.read_page(path.read_bytes(), issue_date)
        found = score(page_import.as_json(parsed), path.with_suffix(".json"))
        total.add(found)
        rows.append((path.stem, found))
    return rows, total


def row(name, found):
    fields = " | ".join(f"{getattr(found, field)}/{found.found}" for field in FIELDS)
    return (
        f"| {name} | {found.found}/{found.expected} | {found.spurious} | {fields} | "
        f"{found.photos_found}/{found.photos_expected} |"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--others", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list what each page got wrong")
    options = parser.parse_args()
    group = "held_out" if options.held_out else "others" if options.others else "tuned"
    rows, total = page_scores(GROUPS[group])
    print("| page | stories found | spurious | " + " | ".join(FIELDS).replace("_", " ") + " | photos |")
    print("|---|---:|---:|" + "---:|" * len(FIELDS) + "---:|")
    for name, found in rows:
        print(row(name, found))
    print(row("**all**", total))
    if options.misses:
        for name, found in rows:
            for miss in found.misses:
                print(f"{name}: {miss}")


if __name__ == "__main__":
    main()
