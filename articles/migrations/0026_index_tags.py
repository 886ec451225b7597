"""The search index holds each story's townships and departments (articles/search.py, PostgreSQL only):
written here for the stories already indexed."""

from django.db import migrations

TAGS = (
    "array_to_tsvector(ARRAY("
    "SELECT '@township' || township_id FROM articles_article_townships "
    "WHERE article_id = articles_article.id UNION ALL "
    "SELECT '@department' || department_id FROM articles_article_departments "
    "WHERE article_id = articles_article.id))"
)


def index_tags(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"UPDATE articles_article SET search_vector = ts_filter(search_vector, '{{a,b}}') || {TAGS} "
            "WHERE search_vector IS NOT NULL"
        )


def drop_tags(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE articles_article SET search_vector = ts_filter(search_vector, '{a,b}') "
            "WHERE search_vector IS NOT NULL"
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0025_printable_char_field")]

    operations = [migrations.RunPython(index_tags, drop_tags, elidable=True)]
