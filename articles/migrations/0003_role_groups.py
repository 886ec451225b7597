"""Create the 记者, 编辑 and 总编 groups with their permissions."""

from django.db import migrations


def create_role_groups(apps, schema_editor):
    from articles.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_load_gazetteer"),
        ("issues", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
