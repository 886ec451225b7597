"""Indexes for Article.related(): the newest stories of a keyword, township or department, read as an index
range. The many-to-many tables are Django's own, so the indexes are made in SQL (same on both databases)."""

from django.db import migrations

TABLES = {
    "articles_article_keywords": "keyword_id",
    "articles_article_townships": "township_id",
    "articles_article_departments": "department_id",
}

migrations_operations = [
    migrations.RunSQL(
        f"CREATE INDEX {table}_newest ON {table} ({column}, article_id)",
        f"DROP INDEX {table}_newest",
    )
    for table, column in TABLES.items()
]


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_import_keys_and_photos_awaiting_image")]

    operations = migrations_operations
