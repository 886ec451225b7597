"""Load the district gazetteer from fixtures/gazetteer/*.csv.

Called by a data migration with the historical model registry, so it uses no model methods: slugs are
computed here, with the same functions the models use.
"""

import csv
import datetime
import re
from pathlib import Path

from django.conf import settings

from chinese_text.slugs import department_slug, township_slug

GAZETTEER_DIR = Path(settings.BASE_DIR) / "fixtures" / "gazetteer"

TOWNSHIP_KINDS = {"街道": "subdistrict", "镇": "town", "乡": "township"}
DEPARTMENT_KINDS = {
    "party": "party",
    "government": "government",
    "mass organisation": "mass organisation",
    "military": "military",
    "media": "media",
}
PLACE_KINDS = {"village": "village", "scenic area": "scenic area", "landmark": "landmark"}


def read_rows(name):
    with open(GAZETTEER_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split_names(value):
    return [name.strip() for name in value.split("|") if name.strip()]


def parse_abolition(status):
    """'current' → None; 'abolished 2021-05' → 2021-05-01 (the month is all the source gives)."""
    match = re.fullmatch(r"abolished (\d{4})-(\d{2})(?:-(\d{2}))?", status.strip())
    if not match:
        return None
    year, month, day = match.groups()
    return datetime.date(int(year), int(month), int(day or 1))


def load_gazetteer(apps):
    Township = apps.get_model("articles", "Township")
    TownshipAlias = apps.get_model("articles", "TownshipAlias")
    Place = apps.get_model("articles", "Place")
    Department = apps.get_model("articles", "Department")
    DepartmentShortName = apps.get_model("articles", "DepartmentShortName")

    township_rows = read_rows("townships.csv")
    townships = {}
    for row in township_rows:
        township, _ = Township.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": TOWNSHIP_KINDS[row["kind"]],
                "slug": township_slug(row["name"]),
                "abolished_on": parse_abolition(row["status"]),
                "note": row["note"],
            },
        )
        townships[township.name] = township
        for alias in split_names(row["aliases"]):
            TownshipAlias.objects.get_or_create(name=alias, defaults={"township": township})
    for row in township_rows:
        merged = re.search(r"merged into (\S+?)(?:[;,]|$)", row["note"])
        if merged and merged.group(1) in townships:
            Township.objects.filter(name=row["name"]).update(merged_into=townships[merged.group(1)])

    for row in read_rows("places.csv"):
        note = "; ".join(part for part in (row["note"], f"confidence: {row['confidence']}") if part)
        Place.objects.get_or_create(
            name=row["name"],
            township=townships[row["township"]],
            defaults={"kind": PLACE_KINDS[row["kind"]], "note": note},
        )

    for row in read_rows("departments.csv"):
        short_names = split_names(row["short_names"])
        department, _ = Department.objects.update_or_create(
            name=row["name"],
            defaults={
                "kind": DEPARTMENT_KINDS[row["kind"]],
                "slug": department_slug(short_names[0] if short_names else row["name"]),
                "note": f"confidence: {row['confidence']}",
            },
        )
        for order, short_name in enumerate(short_names):
            DepartmentShortName.objects.get_or_create(
                name=short_name, defaults={"department": department, "order": order}
            )
