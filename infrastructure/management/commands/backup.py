from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from infrastructure.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent snapshot of the database and the media (see infrastructure/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(settings.VAR_DIR / "backups"), help="folder for backups")

    def handle(self, *args, output, **options):
        try:
            folder = backup(output)
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from None
        self.stdout.write(str(folder))
