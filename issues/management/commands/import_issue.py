from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from issues import page_import
from issues.management.importing import ImportCommand, parse_date, parse_number, read_bytes, report, summary


class Command(ImportCommand):
    help = _(
        "Import a whole issue's PDF: split it into its pages, keep each page's PDF for the 数字报, and "
        "import each page's stories, with their zones, as drafts for the editors."
    )
    file_help = _("the issue's PDF, one printed page to a PDF page")

    def handle(self, *args, file, date, number, dry_run, **options):
        issue_date = parse_date(date)
        issue_number = parse_number(number, "--number") if number is not None else None
        data = read_bytes(file)
        if not page_import.is_pdf(data):
            raise CommandError(
                _("%(file)s: this file is not a PDF, whatever its name says.") % {"file": file}
            )
        try:
            pages = page_import.read_issue(data, issue_date)
            with transaction.atomic():  # the whole issue, or nothing
                results = [
                    page_import.import_page(
                        page.parsed,
                        issue_date,
                        page.number,
                        page.name,
                        issue_number,
                        source=f"{Path(file).name} #{page.number}",
                        pdf=page.pdf,
                    )
                    for page in pages
                    if not dry_run
                ]
        except ValidationError as error:
            raise CommandError(f"{file}: {' '.join(error.messages)}") from None
        for page in pages:
            self.stdout.write(_("Page %(number)s %(name)s") % {"number": page.number, "name": page.name})
            self.stdout.write(page.problem or report(page.parsed, set()))
            self.stdout.write("")
        for result in results:
            self.stdout.write(summary(result))
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
