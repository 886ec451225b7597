from django.core import checks
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

# The migration that prices the match; before it has run (the first migrate), there is nothing to say.
PRICING_MIGRATION = ("articles", "0015_price_tsvector_match")

MATCH_COST_QUERY = (
    "SELECT procost FROM pg_proc WHERE oid = 'pg_catalog.ts_match_vq(tsvector, tsquery)'::regprocedure"
)


@checks.register(checks.Tags.database)
def tsvector_match_is_priced(app_configs, databases=None, **kwargs):
    """Search on PostgreSQL relies on migration articles.0015 having priced up @@ (see docs/search.md)."""
    found = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        if PRICING_MIGRATION not in MigrationRecorder(connection).applied_migrations():
            continue
        with connection.cursor() as cursor:
            cursor.execute(MATCH_COST_QUERY)
            (cost,) = cursor.fetchone()
        if cost < 100:
            found.append(
                checks.Warning(
                    f"ts_match_vq costs {cost:g} in database '{alias}': searches for common words will "
                    "test every story one by one.",
                    hint="As the database owner or a superuser: ALTER FUNCTION "
                    "pg_catalog.ts_match_vq(tsvector, tsquery) COST 10000;",
                    id="articles.W001",
                )
            )
    return found
