"""Give every stored photo, rendition and scan uploaded before names were unguessable a new random name.

Run once after upgrading; a second run finds nothing to do. Each file is copied under its new name, the
row updated, and the old file deleted after the row is committed, so a failure leaves the old name working.
"""

import re

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Photo
from issues.models import Page

UNGUESSABLE = re.compile(r"(^|/)[0-9a-f]{32}(\.\w+)?$")


def rename(row, field_names):
    """Store each of row's files whose name is guessable under a new one; return how many were renamed."""
    old_names = []
    for field_name in field_names:
        stored = getattr(row, field_name)
        if stored and not UNGUESSABLE.search(stored.name):
            old_names.append(stored.name)
            with stored.open("rb") as content:
                stored.save(stored.name.rsplit("/", 1)[-1], content, save=False)
    if old_names:
        with transaction.atomic():
            type(row).objects.filter(pk=row.pk).update(
                **{name: getattr(row, name).name for name in field_names}
            )
        storage = getattr(row, field_names[0]).storage
        for name in old_names:
            storage.delete(name)
    return len(old_names)


class Command(BaseCommand):
    help = "Give photos, renditions and scans stored under their upload names an unguessable name."

    def handle(self, *args, **options):
        renamed = sum(rename(photo, ["image", "thumbnail", "display"]) for photo in Photo.objects.iterator())
        renamed += sum(rename(page, ["scan"]) for page in Page.objects.exclude(scan="").iterator())
        self.stdout.write(f"{renamed} files renamed.")
