import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from infrastructure import pdfs
from issues import page_import
from issues.management.importing import ImportCommand, parse_date, parse_number, read_bytes, report, summary


class Command(ImportCommand):
    help = _(
        "Import a printed page, from its PDF or from the text extracted from it, as a draft page of "
        "stories for the editors."
    )
    file_help = _("the page's PDF, or its extracted text (UTF-8 or GBK)")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--page", required=True, help=_("the page number (版次)"))
        parser.add_argument("--name", default="", help=_("the page's name (版名), for a new page"))
        parser.add_argument(
            "--pdf-page", default="1", help=_("which page of the PDF, from 1 (default: the first)")
        )
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, file, date, page, name, number, pdf_page, dry_run, format, **options):
        issue_date = parse_date(date)
        page_number = parse_number(page, "--page")
        issue_number = parse_number(number, "--number") if number is not None else None
        index = parse_number(pdf_page, "--pdf-page") - 1
        if len(name) > 20:
            raise CommandError(_("--name is at most 20 characters."))
        try:
            data = read_bytes(file)
            parsed = page_import.read_page(data, issue_date, index)
            result = None
            if not dry_run:
                result = page_import.import_page(
                    parsed,
                    issue_date,
                    page_number,
                    name,
                    issue_number,
                    source=Path(file).name,
                    pdf=pdfs.single_page(data, index) if page_import.is_pdf(data) else None,
                )
        except ValidationError as error:
            raise CommandError(f"{file}: {' '.join(error.messages)}") from None
        if format == "json":
            self.stdout.write(json.dumps(page_import.as_json(parsed), ensure_ascii=False, indent=2))
            if result is not None:
                self.stderr.write(summary(result))
            return
        self.stdout.write(
            report(parsed, page_import.imported_keys(issue_date, page_number) if dry_run else set())
        )
        self.stdout.write(summary(result) if result else _("Dry run: nothing was written."))
