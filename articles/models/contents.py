"""What an issue's pages read of their stories: the issue page's stories in order with their bylines, and
the 数字报 page's photos and clickable zones."""

from django.db import models

from issues.models import Zone

from .photos import Photo
from .stories import Article


def issue_contents(preview=False):
    """An issue's pages, and on each page its published stories in order with their authors, as prefetch
    lookups for a queryset of issues. `preview`: every story placed, for staff before publication."""
    return [
        models.Prefetch(
            "pages__articles",
            queryset=_shown(preview).order_by("position").with_bylines(),
            to_attr="published_articles",
        ),
    ]


def printed_page_contents(preview=False):
    """What the 数字报 shows of one page beyond its stories, as prefetch lookups for pages: its photos,
    and the clickable zones of the published stories printed on it."""
    return [
        models.Prefetch(
            "photos",
            queryset=(Photo.objects.all() if preview else Photo.objects.public())
            .select_related("photographer")
            .order_by("position", "pk"),
        ),
        models.Prefetch(
            "zones",
            queryset=Zone.objects.filter(article__in=_shown(preview), article__page=models.F("page"))
            .select_related("article")
            .order_by("article__position", "y", "x"),
            to_attr="reader_zones",
        ),
    ]


def _shown(preview):
    return Article.objects.all() if preview else Article.objects.published()
