"""What the editors' desk shows of an issue: the board's pages with their cards and fill, the pool of
stories ready to place and those still in review, and the checklist before the issue is published.
Each is read in a fixed number of queries, however many pages and stories the issue has."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Photo, bylines_with_authors
from issues.models import Zone

from .access import REVIEW_STAGES, TransitionNotAllowed
from .assembly import PLACEABLE, awaiting_page

PUBLICATION_TIME = datetime.time(6, 0)  # the paper reaches readers at 6 in the morning of its date
FAR_UNDER = 0.7  # a page filled to less than this share of its budget is flagged
POOL_SIZE = 100


@dataclass
class PageFill:
    """A page's placed 字数 (its stories', and its photos counted at the template's rate) against its
    budget."""

    characters: int
    budget: int | None

    @property
    def state(self):
        if not self.budget:
            return "unbudgeted"
        if self.characters > self.budget:
            return "over"
        return "under" if self.characters < FAR_UNDER * self.budget else "fits"

    @property
    def difference(self):
        return abs((self.budget or 0) - self.characters)


def board_pages(issue, only=None):
    """The issue's pages (or those of them with the primary keys `only`), each with `cards` (its
    stories in printed order, each with `card_photos`, the photos that go with it), `loose_photos`
    (photos placed on their own) and `fill`."""
    has_zone = Zone.objects.filter(article=OuterRef("pk"), page=OuterRef("page"))
    chosen = issue.pages.all() if only is None else issue.pages.filter(pk__in=only)
    pages = list(
        chosen.select_related("editor").prefetch_related(
            Prefetch(
                "articles",
                queryset=Article.objects.annotate(has_zone=Exists(has_zone))
                .order_by("position")
                .prefetch_related(bylines_with_authors()),
                to_attr="cards",
            ),
            Prefetch(
                "photos",
                queryset=Photo.objects.select_related("photographer").order_by("position", "pk"),
                to_attr="placed_photos",
            ),
        )
    )
    for page in pages:
        with_story = {card.pk for card in page.cards}
        for card in page.cards:
            card.card_photos = [photo for photo in page.placed_photos if photo.article_id == card.pk]
        page.loose_photos = [photo for photo in page.placed_photos if photo.article_id not in with_story]
        photos = len(page.placed_photos) * page.photo_characters
        page.fill = PageFill(sum(card.character_count for card in page.cards) + photos, page.budget)
    return pages


def pool(township=None, department=None, author=None, day=None):
    """Stories ready to place (approved, on no page), newest first, with the given tags."""
    stories = awaiting_page()
    if township:
        stories = stories.filter(townships=township)
    if department:
        stories = stories.filter(departments=department)
    if author:
        stories = stories.filter(authors=author)
    if day:
        stories = stories.filter(updated_at__date=day)
    stories = stories.distinct().order_by("-updated_at").prefetch_related(bylines_with_authors())
    return list(stories[:POOL_SIZE])


def loose_pool_photos():
    """Photos of no story and on no page: stand-alone photos for a page."""
    return list(Photo.objects.filter(page=None, article=None).select_related("photographer")[:POOL_SIZE])


def in_review():
    """Stories still in review, on no page: shown apart, each with the review it waits for."""
    return list(
        Article.objects.filter(status__in=REVIEW_STAGES, page=None)
        .order_by("-updated_at")
        .prefetch_related(bylines_with_authors())[:POOL_SIZE]
    )


@dataclass
class Check:
    """One item of the checklist before publishing: what it checks, whether it holds, and the things
    to fix, each (label, admin address)."""

    label: str
    passed: bool
    fixes: list = field(default_factory=list)
    blocks: bool = True  # publishing waits for it


def checklist(issue, pages, today=None):
    """The checks before the issue goes out, over board_pages(issue)."""
    today = today or timezone.localdate()
    cards = [card for page in pages for card in page.cards]
    photos = [photo for page in pages for photo in page.placed_photos]

    def change(item):
        meta = item._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk])

    unapproved = [card for card in cards if card.status not in PLACEABLE]
    unfinished = [photo for photo in photos if not (photo.image and photo.caption and photo.photographer_id)]
    unmanned = [page for page in pages if not page.editor_id or not page.cards]
    over = [page for page in pages if page.fill.state == "over"]
    return [
        Check(
            _("Every placed story is approved"),
            not unapproved,
            [(f"{card.headline}（{card.get_status_display()}）", change(card)) for card in unapproved],
        ),
        Check(
            _("Every photo has its image, caption and credit"),
            not unfinished,
            [(photo.caption or _("(no caption)"), change(photo)) for photo in unfinished],
        ),
        Check(
            _("Every page has a responsible editor and at least one story"),
            not unmanned,
            [(str(page), change(page)) for page in unmanned],
            blocks=False,
        ),
        Check(
            _("No page is over its budget"),
            not over,
            [(str(page), reverse("admin:issues_issue_board", args=[issue.pk])) for page in over],
            blocks=False,
        ),
        Check(
            date_check_label(issue.date, today),
            issue.date == today,
            [],
            blocks=False,
        ),
    ]


def date_check_label(date, today):
    if date == today:
        return _("The issue's date is today")
    if date > today:
        return _("The issue's date is %(date)s: it will be scheduled for 6:00 that day") % {"date": date}
    return _("The issue's date, %(date)s, is past: publishing it needs a reason") % {"date": date}


def publication_time(issue, reason, today=None):
    """When the issue goes out if published now: at once when dated today; at 6:00 of its date, Beijing
    time, when dated later; at once with a reason (for the record) when its date is past."""
    today = today or timezone.localdate()
    if issue.date > today:
        return timezone.make_aware(datetime.datetime.combine(issue.date, PUBLICATION_TIME))
    if issue.date < today and not reason.strip():
        raise TransitionNotAllowed(
            _("The issue's date is past: say why it is published now."), code="past_date"
        )
    return None
