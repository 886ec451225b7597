"""Editors grade and adjust, the chief sets the rules and locks months (articles/roles.py); and a first
rule set, as county papers commonly score: by length (一般消息 from 5 points), 头版 ×1.5, 头条 +5, each
published photo 3 points, a 通讯员's share ×0.6."""

import datetime
from decimal import Decimal

from django.db import migrations

BANDS = [
    ("", 0, "5"),
    ("", 500, "8"),
    ("", 1000, "12"),
    ("", 2000, "18"),
    ("report", 1500, "16"),
    ("report", 3000, "24"),
    ("special", 0, "20"),
    ("photo", 0, "6"),
]


def forward(apps, schema_editor):
    from articles.roles import sync_role_groups

    sync_role_groups(apps)
    RuleSet = apps.get_model("scoring", "RuleSet")
    LengthBand = apps.get_model("scoring", "LengthBand")
    if RuleSet.objects.exists():
        return
    rules = RuleSet.objects.create(name="稿分办法", effective_from=datetime.date(2015, 1, 1))
    LengthBand.objects.bulk_create(
        LengthBand(rule_set=rules, kind=kind, min_characters=start, points=Decimal(points))
        for kind, start, points in BANDS
    )


class Migration(migrations.Migration):
    dependencies = [("scoring", "0001_initial"), ("planning", "0002_role_groups")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
