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
