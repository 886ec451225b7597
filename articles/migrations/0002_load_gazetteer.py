"""Load the district's townships, places and departments, so a freshly migrated database knows 离石区."""

from django.db import migrations


def load(apps, schema_editor):
    from articles.gazetteer import load_gazetteer

    load_gazetteer(apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
