"""On PostgreSQL, keep story rows narrow: long text (body, search tokens, tsvector) goes to TOAST as soon as
a row passes 128 bytes, so counting a common word's matches reads a 21 MB heap, not 150 MB, at 100k stories
(docs/benchmarks.md). Existing rows move on their next update, or at once with VACUUM FULL articles_article."""

from django.db import migrations


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE articles_article SET (toast_tuple_target = 128)")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE articles_article RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_role_groups_terms")]

    operations = [migrations.RunPython(narrow, widen)]
