"""Let every role read and write editorial comments."""

from django.db import migrations


def sync(apps, schema_editor):
    from articles.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_comments")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
