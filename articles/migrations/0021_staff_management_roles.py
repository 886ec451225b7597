"""The chief editor and a new 管理员 role manage staff accounts (人员管理) without a superuser."""

from django.db import migrations


def sync(apps, schema_editor):
    from articles.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_private_media"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
