"""The 数字报's zones: who draws them, what they may point to, and saving a page's zones whole.

A zone points to a story or a photo printed on its page, or to nothing yet. Readers see only the zones of
published stories on that page (articles.models.printed_page_contents); a story placed on another page leaves
its old page's zones unlinked (assembly.place), so no zone shows a story elsewhere.
"""

import hashlib
import json
import math

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from issues.models import Page, Zone

from .access import TransitionNotAllowed, is_out, is_reviewer, may_change_published

MAX_ZONES = 400  # a page holds some 10 stories in a few pieces each
SMALLEST = 0.002  # a rectangle thinner than this share of the page is a slip of the mouse


def can_edit_zones(page, user):
    """Editors draw a page's zones; once its issue is out, only the chief editor changes them."""
    return is_reviewer(user) and (not is_out(page.issue) or may_change_published(user))


def zone_items(page):
    """What a zone of this page may point to: {key: (kind, object)} for its stories and photos."""
    items = {f"article-{article.pk}": ("article", article) for article in page.articles.order_by("position")}
    items |= {f"photo-{photo.pk}": ("photo", photo) for photo in page.photos.order_by("position", "pk")}
    return items


def zone_key(zone):
    if zone.article_id:
        return f"article-{zone.article_id}"
    return f"photo-{zone.photo_id}" if zone.photo_id else ""


def zones_version(page):
    """A digest of the page's zones as they are: the editor sends back the one it loaded."""
    state = [(zone.pk, zone_key(zone), zone.box) for zone in page.zones.order_by("pk")]
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()[:16]


def zones_as_data(page):
    return [
        {"item": zone_key(zone), "x": zone.x, "y": zone.y, "w": zone.width, "h": zone.height}
        for zone in page.zones.order_by("y", "x", "pk")
    ]


def parse_zones(text, items):
    """The editor's zones from its JSON: [{"item": key or "", "x", "y", "w", "h"}], checked. Raises
    TransitionNotAllowed with the reason for anything else."""
    try:
        found = json.loads(text)
    except (TypeError, ValueError):
        found = None
    if not isinstance(found, list) or len(found) > MAX_ZONES:
        raise TransitionNotAllowed(_("The zones sent are not a list of rectangles."), code="invalid")
    zones = []
    for entry in found:
        try:
            item = entry.get("item") or ""
            x, y, width, height = (float(entry[name]) for name in ("x", "y", "w", "h"))
        except (AttributeError, KeyError, TypeError, ValueError):
            raise TransitionNotAllowed(
                _("The zones sent are not a list of rectangles."), code="invalid"
            ) from None
        if not all(math.isfinite(value) for value in (x, y, width, height)):
            raise TransitionNotAllowed(_("The zones sent are not a list of rectangles."), code="invalid")
        if item and item not in items:
            raise TransitionNotAllowed(
                _("A zone points to a story or photo that is not on this page."), code="not_on_page"
            )
        if (
            width < SMALLEST
            or height < SMALLEST
            or x < 0
            or y < 0
            or x + width > 1.0001
            or y + height > 1.0001
        ):
            raise TransitionNotAllowed(_("Every zone must lie on the page and have a size."), code="outside")
        zones.append((item, x, y, width, height))
    return zones


def save_zones(page, text, version, user):
    """Replace a page's zones with the editor's, all or nothing. Refused when someone else changed them
    since the editor loaded them (`version`), so that no one's work is silently overwritten."""
    if not can_edit_zones(page, user):
        raise TransitionNotAllowed(_("You may not change this page's zones."), code="forbidden")
    with transaction.atomic():
        page = Page.objects.select_for_update().get(pk=page.pk)
        if version != zones_version(page):
            raise TransitionNotAllowed(
                _(
                    "Someone else changed this page's zones while you were editing; they are shown as they "
                    "are now. Make your changes again."
                ),
                code="stale",
            )
        items = zone_items(page)
        zones = parse_zones(text, items)
        page.zones.all().delete()
        Zone.objects.bulk_create(
            Zone(
                page=page,
                article=items[item][1] if item.startswith("article-") else None,
                photo=items[item][1] if item.startswith("photo-") else None,
                x=x,
                y=y,
                width=min(width, 1 - x),
                height=min(height, 1 - y),
            )
            for item, x, y, width, height in zones
        )
    return len(zones)


def release_zones(item, page):
    """A story or photo now on `page` (or on none) points from no other page's zones."""
    field = "article" if isinstance(item, Article) else "photo"
    Zone.objects.filter(**{field: item}).exclude(page=page).update(**{field: None})
