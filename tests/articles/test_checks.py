import pytest
from django.db import connection

from articles.checks import tsvector_match_is_priced

pytestmark = pytest.mark.django_db


def test_the_database_check_warns_when_tsvector_matching_is_not_priced():
    assert tsvector_match_is_priced(None, databases=["default"]) == []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST 1")
        [warning] = tsvector_match_is_priced(None, databases=["default"])
        assert warning.id == "articles.W001"


def test_the_first_migrate_prints_no_warning_the_pricing_migration_will_answer():
    """Before articles.0015 has run (a fresh database), the check says nothing: that migration fixes it."""
    from django.db.migrations.recorder import MigrationRecorder

    from articles.checks import PRICING_MIGRATION

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST 1")
    MigrationRecorder(connection).migration_qs.filter(
        app=PRICING_MIGRATION[0], name=PRICING_MIGRATION[1]
    ).delete()
    assert tsvector_match_is_priced(None, databases=["default"]) == []
