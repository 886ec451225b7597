"""What the page and issue importers (commands/import_page.py, import_issue.py) share: their arguments,
reading them, and the report an editor checks."""

import datetime
import re

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from issues import page_import

ROLE_NAMES = {"writer": "文", "photographer": "图"}


class ImportCommand(BaseCommand):
    """What both importers ask: the file (`file_help` says which), the issue's date and number, and
    whether to write."""

    file_help = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)
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
