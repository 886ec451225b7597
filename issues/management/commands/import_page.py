import datetime
import json
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from infrastructure import pdfs
from issues import page_import

ROLE_NAMES = {"writer": "文", "photographer": "图"}


class Command(BaseCommand):
    help = _(
        "Import a printed page, from its PDF or from the text extracted from it, as a draft page of "
        "stories for the editors."
    )

    def add_arguments(self, parser):
        add_issue_arguments(parser, _("the page's PDF, or its extracted text (UTF-8 or GBK)"))
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


def add_issue_arguments(parser, file_help):
    """What both importers ask: the file, the issue's date and number, and whether to write."""
    parser.add_argument("file", help=file_help)
    parser.add_argument("--date", required=True, help=_("the issue's date, YYYY-MM-DD"))
    parser.add_argument("--number", help=_("the issue's number, for a new issue (default: the next)"))
    parser.add_argument("--dry-run", action="store_true", help=_("parse and report; write nothing"))


def parse_date(value):
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("--date must be a date written YYYY-MM-DD, e.g. 2021-01-05.")) from None


def parse_number(value, option):
    if not re.fullmatch(r"[0-9]{1,4}", value) or int(value) < 1:
        raise CommandError(_("%(option)s must be a number from 1 to 9999.") % {"option": option})
    return int(value)


def read_bytes(path):
    try:
        with open(path, "rb") as file:
            return page_import.read_limited(file, pdf_allowed=True)
    except OSError as error:
        raise CommandError(
            _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
        ) from None


def report(parsed, imported):
    """The parse, story by story, for the editor who checks it; `imported`: keys already on the page."""
    lines = [
        _("%(stories)d stories, %(photos)d photos")
        % {"stories": len(parsed.articles), "photos": len(parsed.photos)}
    ]
    for number, article in enumerate(parsed.articles, 1):
        lines.append("")
        lines.append(
            _("%(number)d. %(headline)s  [headline match %(confidence)d%%]")
            % {
                "number": number,
                "headline": article.headline or page_import.MISSING_HEADLINE,
                "confidence": round(article.confidence * 100),
            }
            + (_(" (already imported)") if page_import.article_key(article) in imported else "")
        )
        details = [
            (_("kicker"), article.kicker),
            (_("subtitle"), article.subtitle),
            (_("source line"), article.source),
            (
                _("authors"),
                " ".join(
                    f"{author['name']}（{''.join(ROLE_NAMES[role] for role in author['roles'])}）"
                    for author in article.authors
                ),
            ),
            (_("event date"), article.event_date.isoformat() if article.event_date else ""),
            (_("townships"), "、".join(article.townships)),
            (_("departments"), "、".join(article.departments)),
        ]
        optional = {_("kicker"), _("subtitle"), _("source line")}
        lines.extend(
            f"   {label}：{value or '—'}" for label, value in details if value or label not in optional
        )
        text = "".join(article.body)
        lines.append(
            "   "
            + _("%(paragraphs)d paragraphs, %(characters)d characters: %(start)s…")
            % {"paragraphs": len(article.body), "characters": len(text), "start": text[:30]}
        )
    if parsed.photos:
        lines += ["", _("Photos (awaiting image)")]
        lines += [
            f"{number}. {photo.caption} {photo.photographer} 摄  {'、'.join(photo.townships)}"
            for number, photo in enumerate(parsed.photos, 1)
        ]
    if parsed.warnings:
        lines += ["", _("To check")]
        lines += [f"- {page_import.describe(code, details)}" for code, details in parsed.warnings]
    return "\n".join(lines)


def summary(result):
    return "\n".join([result.summary(), *result.notes])
