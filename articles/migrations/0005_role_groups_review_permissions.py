"""Give the roles the review, final-review and publishing permissions of the workflow."""

from django.db import migrations


def sync(apps, schema_editor):
    from articles.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_workflow")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
