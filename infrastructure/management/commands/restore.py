from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from infrastructure.backup import BackupError, restore


class Command(BaseCommand):
    help = "Rebuild this instance's database and media from a backup folder written by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument(
            "--replace", action="store_true", help="restore over an instance that already has stories"
        )

    def handle(self, *args, folder, replace, **options):
        # An empty database (not even migrated) is a fresh instance too: the dump brings the tables.
        tables = connection.introspection.table_names()
        content = [apps.get_model(label) for label in settings.RESTORE_REFUSES_OVER]
        holds = any(model._meta.db_table in tables and model.objects.exists() for model in content)
        if not replace and holds:
            raise CommandError(
                "This instance already has stories; restore into a fresh one, or pass --replace."
            )
        try:
            manifest = restore(folder)
        except (BackupError, OSError, KeyError, ValueError) as error:
            raise CommandError(f"Restore failed: {error}") from None
        self.stdout.write(
            f"Restored {sum(manifest['rows'].values())} rows and {len(manifest['media'])} files."
        )
