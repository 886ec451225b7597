"""Let reporters read the dictionary terms, editors add and change them, and the chief editor all."""

from django.db import migrations


def sync(apps, schema_editor):
    from articles.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_search")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
