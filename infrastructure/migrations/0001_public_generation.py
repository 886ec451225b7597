from django.db import migrations, models


def first_generation(apps, schema_editor):
    apps.get_model("infrastructure", "PublicGeneration").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    """The generation moved here from the project package (whose app held it as newsroom_publicgeneration).
    Its value need not move: a new one only makes every cached page be made afresh once."""

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PublicGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("changed_at_ms", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "public generation"},
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
        migrations.RunSQL("DROP TABLE IF EXISTS newsroom_publicgeneration", migrations.RunSQL.noop),
    ]
