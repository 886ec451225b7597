"""The month's 稿分 ledger: each person's points, line by line, with how each was reached.

A published story earns text points from its rule set's length band for its kind and 字数, times the
front-page multiplier on page 1, plus the lead-story points at position 1, times the editor's grade; the
writers (文, 文/图, 通讯员) share them equally, a 通讯员's share times the correspondent multiplier. Each of
its published photos earns the photo points for its photographer (times the front-page multiplier on
page 1). Adjustments add their points. A story counts in the month it was published (Beijing time), under
the rules in force that month.

A locked month is read from its kept lines. Whatever changed since in a locked month's stories (a
withdrawal, a new grade) is settled in the first month after the last locked one, as 更正 lines: the
difference between what the story earns now and what the locked lines gave it.
"""

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Byline, Photo
from planning.models import Proposal

from .models import Adjustment, LedgerLine, LedgerMonth, RuleSet

CENT = Decimal("0.01")
WRITING_ROLES = (Byline.Role.WRITER, Byline.Role.WRITER_PHOTOGRAPHER, Byline.Role.CORRESPONDENT)
SEE_ALL = "scoring.view_ledgermonth"
LOCK = "scoring.lock_ledgermonth"


@dataclass
class Line:
    author: object
    article: object
    headline: str
    role: str
    points: Decimal
    explanation: str

    @classmethod
    def kept(cls, ledger_line):
        """A locked month's line as it was kept."""
        return cls(**{field.name: getattr(ledger_line, field.name) for field in fields(cls)})

    def to_keep(self, ledger):
        """This line as a locked month keeps it."""
        return LedgerLine(ledger=ledger, **vars(self))


def month_of(date):
    return date.replace(day=1)


def next_month(month):
    return (month + datetime.timedelta(days=32)).replace(day=1)


def _bounds(month):
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(month, datetime.time(), zone)
    return start, datetime.datetime.combine(next_month(month), datetime.time(), zone)


def rules_for(month):
    return RuleSet.objects.filter(effective_from__lte=month).prefetch_related("bands").first()


def story_kind(article):
    """The kind the story was planned as, else 消息 for news (本报讯…) and 通讯 for the rest."""
    assignment = getattr(article, "assignment", None)
    if assignment is not None:
        return assignment.proposal.kind
    return Proposal.Kind.NEWS if article.source else Proposal.Kind.REPORT


def _band(rules, kind, characters):
    bands = [band for band in rules.bands.all() if band.min_characters <= characters]
    own = [band for band in bands if band.kind == kind] or [band for band in bands if not band.kind]
    return max(own, key=lambda band: band.min_characters, default=None)


def _money(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def story_lines(article, rules):
    """What a published story earns each of its people under `rules`."""
    if rules is None:
        return []
    kind = story_kind(article)
    band = _band(rules, kind, article.character_count)
    text = band.points if band else Decimal(0)
    why = [
        _("%(kind)s, %(count)d characters: %(points)s")
        % {
            "kind": Proposal.Kind(kind).label,
            "count": article.character_count,
            "points": text,
        }
    ]
    front = article.page is not None and article.page.number == 1
    if front:
        text *= rules.front_page_multiplier
        why.append(_("front page ×%(factor)s") % {"factor": rules.front_page_multiplier})
    if article.position == 1 and article.page is not None:
        text += rules.lead_story_points
        why.append(_("lead story +%(points)s") % {"points": rules.lead_story_points})
    grade = getattr(article, "grade", None)
    if grade is not None:
        text *= grade.multiplier
        why.append(
            _("grade %(grade)s ×%(factor)s")
            % {"grade": grade.get_level_display(), "factor": grade.multiplier}
        )
    writers = [byline for byline in article.bylines.all() if byline.role in WRITING_ROLES]
    lines = []
    for byline in writers:
        share = text / len(writers)
        explanation = why + ([_("shared by %(count)d") % {"count": len(writers)}] if len(writers) > 1 else [])
        if byline.role == Byline.Role.CORRESPONDENT:
            share *= rules.correspondent_multiplier
            explanation.append(_("correspondent ×%(factor)s") % {"factor": rules.correspondent_multiplier})
        lines.append(
            Line(
                byline.author,
                article,
                article.headline,
                byline.get_role_display(),
                _money(share),
                "；".join(explanation),
            )
        )
    photos = defaultdict(list)
    for photo in article.photos.all():
        photos[photo.photographer].append(photo)
    for photographer, taken in photos.items():
        each = rules.photo_points * (rules.front_page_multiplier if front else 1)
        explanation = _("%(count)d photos × %(points)s") % {"count": len(taken), "points": rules.photo_points}
        if front:
            explanation += "；" + _("front page ×%(factor)s") % {"factor": rules.front_page_multiplier}
        lines.append(
            Line(photographer, article, article.headline, _("photos"), _money(each * len(taken)), explanation)
        )
    return lines


def _stories():
    return (
        Article.objects.published()
        .select_related("page", "grade", "assignment__proposal")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author").order_by("order", "pk")),
            Prefetch(
                "photos", queryset=Photo.objects.with_image().select_related("photographer").order_by("pk")
            ),
        )
    )


def settling_month():
    """The month in which changes to locked months are settled: the one after the last locked month."""
    last = LedgerMonth.objects.order_by("-month").first()
    return next_month(last.month) if last else None


def _corrections(month):
    """What the stories of locked months earn now, less what their locked lines gave them."""
    locked = defaultdict(Decimal)
    months = {}
    for author_id, article_id, ledger_month, points in LedgerLine.objects.filter(
        article__isnull=False
    ).values_list("author_id", "article_id", "ledger__month", "points"):
        locked[author_id, article_id] += points
        months[article_id] = min(months.get(article_id, ledger_month), ledger_month)
    if not months:
        return []
    now = defaultdict(Decimal)
    people, headlines = {}, {}
    for article in _stories().filter(pk__in=months):
        for line in story_lines(article, rules_for(months[article.pk])):
            now[line.author.pk, article.pk] += line.points
            people[line.author.pk] = line.author
    for line in LedgerLine.objects.filter(article__in=list(months)).select_related("author", "article"):
        people.setdefault(line.author_id, line.author)
        headlines[line.article_id] = (line.article, line.headline)
    lines = []
    for key in sorted(set(locked) | set(now)):
        difference = now[key] - locked[key]
        if difference:
            article, headline = headlines.get(key[1], (None, ""))
            lines.append(
                Line(
                    people[key[0]],
                    article,
                    headline,
                    _("correction"),
                    difference,
                    _("changed after %(month)s was locked: now %(now)s, locked %(locked)s")
                    % {"month": f"{months[key[1]]:%Y-%m}", "now": now[key], "locked": locked[key]},
                )
            )
    return lines


def compute(month):
    """The month's lines as they stand now (an open month)."""
    rules = rules_for(month)
    lines = []
    for article in (
        _stories()
        .filter(published_at__gte=_bounds(month)[0], published_at__lt=_bounds(month)[1])
        .order_by("published_at", "pk")
    ):
        lines += story_lines(article, rules)
    for adjustment in Adjustment.objects.filter(month=month).select_related("author", "article"):
        lines.append(
            Line(
                adjustment.author,
                adjustment.article,
                adjustment.article.headline if adjustment.article else "",
                _("adjustment"),
                adjustment.points,
                adjustment.reason,
            )
        )
    if month == settling_month():
        lines += _corrections(month)
    return lines


def is_locked(month):
    return LedgerMonth.objects.filter(month=month).exists()


def lines_of(month):
    """The month's lines: kept ones once it is locked, else computed now."""
    ledger = LedgerMonth.objects.filter(month=month).first()
    if ledger is None:
        return compute(month)
    return [Line.kept(line) for line in ledger.lines.select_related("author", "article").order_by("pk")]


def visible_lines(lines, user):
    """Editors and the chief see everyone's lines; anyone else only their own."""
    if user.has_perm(SEE_ALL):
        return lines
    author = getattr(user, "author", None)
    return [line for line in lines if author is not None and line.author.pk == author.pk]


def totals(lines):
    """Each person's total, in the order of their names."""
    found = defaultdict(Decimal)
    people = {}
    for line in lines:
        found[line.author.pk] += line.points
        people[line.author.pk] = line.author
    return sorted(
        ((people[pk], total) for pk, total in found.items()), key=lambda pair: (pair[0].name, pair[0].pk)
    )


def check_open(month):
    if is_locked(month):
        raise ValidationError(
            _("%(month)s is locked: record the change in an open month.") % {"month": f"{month:%Y-%m}"},
            code="locked",
        )


def lock(month, user):
    """Keep the month's lines for good. Only a month that has ended, once, by the chief."""
    if not user.has_perm(LOCK):
        raise PermissionDenied(_("Only the chief editor locks a month."))
    if next_month(month) > month_of(timezone.localdate()):
        raise ValidationError(_("A month is locked once it has ended."), code="open")
    with transaction.atomic():
        if LedgerMonth.objects.select_for_update().filter(month=month).exists():
            raise ValidationError(_("This month is already locked."), code="locked")
        lines = compute(month)
        ledger = LedgerMonth.objects.create(month=month, locked_by=user)
        LedgerLine.objects.bulk_create(line.to_keep(ledger) for line in lines)
        return ledger


# Two people may share a name: the exports name each by name and by the slug that tells them apart.
def _header():
    return [_("person"), _("person id"), _("story"), _("role"), _("points"), _("how the points were reached")]


def _rows(lines):
    return [
        [line.author.name, line.author.slug, line.headline, line.role, line.points, line.explanation]
        for line in lines
    ]


def as_xlsx(month, lines):
    """The month's lines and each person's total, as an .xlsx workbook for the finance office."""
    import openpyxl  # here: only the finance office's export needs it, not a web worker's start

    workbook = openpyxl.Workbook()
    detail = workbook.active
    detail.title = _("lines")
    detail.append(_header())
    for row in _rows(lines):
        detail.append([*row[:4], float(row[4]), row[5]])
    summary = workbook.create_sheet(_("totals"))
    summary.append([_("person"), _("person id"), _("points")])
    for author, total in totals(lines):
        summary.append([author.name, author.slug, float(total)])
    summary.append([_("all"), "", float(sum((line.points for line in lines), Decimal(0)))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_csv(month, lines):
    """The same as CSV (UTF-8 with a byte-order mark, which Excel reads as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header())
    writer.writerows(_rows(lines))
    writer.writerow([])
    for author, total in totals(lines):
        writer.writerow([author.name, author.slug, _("total"), "", total, ""])
    return "\ufeff" + buffer.getvalue()
