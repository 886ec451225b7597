"""Tell PostgreSQL's planner what testing a story's tsvector costs.

The @@ operator (ts_match_vq) is priced like an integer comparison, but each test reads a 2 KB tsvector from
TOAST. So for a common word the planner tests all 100,000 stories one by one (250 ms) instead of reading the
GIN index (20 ms). Pricing it up makes the planner use the index when that is cheaper, and walk the date
index when matches are dense. pg_proc is per database, so this changes nothing outside ours.

It needs the function's owner (a superuser). Without that privilege the migration warns and goes on: search
stays correct but slower, and `manage.py check --database default` repeats the warning.
"""

import warnings

from django.db import migrations, transaction

MATCH_COST = 10000
ALTER = "ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST %s"


def price(cost):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute(ALTER % cost)
        except Exception as error:  # noqa: BLE001 - any refusal leaves search correct, only slower
            warnings.warn(f"Could not set the cost of ts_match_vq ({error}); see docs/search.md.", stacklevel=1)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_narrow_article_rows")]

    operations = [migrations.RunPython(price(MATCH_COST), price(1))]
