"""Reporters propose; editors and the chief plan (articles/roles.py)."""

from django.db import migrations


def sync(apps, schema_editor):
    from articles.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial"), ("articles", "0025_printable_char_field")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
