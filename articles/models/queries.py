"""How stories are read: who may see them (published), in which order lists show them, a page of a list
read from where the last one ended, and what a list, the story page or its related stories read with them.
Article is self.model here: this module comes before the model that uses it."""

import functools

from django.db import connections, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from .listing import PHOTO_FIELDS, byline_annotation, gathered, listing_annotations
from .photos import Photo

# How many of the newest stories of each keyword, township and department related_to() ranks: an index
# range each, so the cost does not grow with the archive.
RELATED_CANDIDATES = 50


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what readers may see: every public view, feed and sitemap uses it."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=timezone.now())

    def withdrawn(self):
        """Stories taken back from readers (撤稿): their address answers 410 Gone, never with their text."""
        return self.filter(status=self.model.Status.WITHDRAWN)

    def for_listing(self):
        """What a list of stories shows of each (Article.listing), read in the stories' own query. A slice
        further down picks its window first: PostgreSQL would reckon the listing of every story its OFFSET
        passes over."""
        if not self.query.low_mark:
            return self.annotate(**listing_annotations())
        window = self.model.objects.filter(pk__in=self.values("pk"))
        return window.annotate(**listing_annotations()).order_by(*self.query.order_by)

    def with_bylines(self):
        """Each story's bylines (Article.bylines_in_order, author_names), read in the stories' own query."""
        return self.annotate(**byline_annotation())

    def newest_first(self):
        """The order of every public list: by the day the story was printed (or published), then as the
        page ran, newest first. One index (article_listing_order) reads it in this order. Stories published
        online only have no position: the database puts them after the printed ones of their day
        (PostgreSQL) or before (SQLite)."""
        return self.order_by("-listing_date", "position", "-pk")

    def after(self, listing_date, position, pk):
        """The stories after the one with these values, newest first: the next page of a list read from
        where the last one ended (keyset pagination), so a deep page reads 20 stories, not every one above
        them."""
        nulls_last = connections[self.db].features.nulls_order_largest
        if position is None:
            later_that_day = models.Q(position__isnull=True, pk__lt=pk)
            if not nulls_last:
                later_that_day |= models.Q(position__isnull=False)
        else:
            later_that_day = models.Q(position__gt=position) | models.Q(position=position, pk__lt=pk)
            if nulls_last:
                later_that_day |= models.Q(position__isnull=True)
        # The first condition alone lets the index seek to the day; the second picks the stories after.
        return (
            self.filter(listing_date__lte=listing_date)
            .filter(
                models.Q(listing_date__lt=listing_date) | models.Q(listing_date=listing_date) & later_that_day
            )
            .newest_first()
        )

    def list_under(self, date):
        """Give these stories their issue's date as listing date, in one UPDATE of those that differ."""
        return self.exclude(listing_date=date).update(listing_date=date)

    def for_detail(self):
        """The story page's story, with its page's responsible editor, its listing, and what else its page
        shows of it (Article.bylines_in_order, page_photos, tag_ids), all in one query."""
        return (
            self.select_related("page__issue", "page__editor")
            .for_listing()
            .annotate(**story_page_annotations(self.model))
        )

    def related_to(self, story, limit=5):
        """Published stories sharing keywords with `story` (most shared first), then its townships, then its
        departments; newest first among equals. One query, for a story read with for_detail()."""
        tags = story.tag_ids()
        if not any(tags.values()):
            return self.none()

        def shared(name):
            """How many of the story's keywords (or townships) the outer story carries."""
            carried = getattr(self.model, name).through.objects.filter(
                article=models.OuterRef("pk"), **{f"{tag_column(self.model, name)}__in": tags[name]}
            )
            count = carried.values("article").annotate(count=models.Count("pk")).values("count")
            return Coalesce(models.Subquery(count), 0)

        return (
            self.published()
            .filter(pk__in=newest_tagged(self.model, tags, RELATED_CANDIDATES))
            .exclude(pk=story.pk)
            .annotate(shared_keywords=shared("keywords"), same_township=shared("townships"))
            .order_by("-shared_keywords", "-same_township", "-listing_date", "-pk")[:limit]
        )


@functools.cache  # as listing_annotations
def story_page_annotations(article_model):
    """The JSON a story's own page reads beyond its listing: its bylines, its pictures, its keywords."""
    story = models.OuterRef("pk")
    keywords = article_model.keywords.through.objects.filter(article=story)
    return {
        **byline_annotation(),
        "listed_photos": gathered(
            Photo.objects.with_image().filter(article=story),
            pk="pk",
            caption="caption",
            photographer_name="photographer__name",
            **PHOTO_FIELDS,
        ),
        "listed_keywords": gathered(keywords, pk="keyword"),
    }


def tag_column(article_model, name):
    """The column of the table behind Article.<name> (keywords, townships, departments) holding the tag."""
    return article_model._meta.get_field(name).m2m_reverse_name()


def newest_tagged(article_model, tags, per_tag):
    """SQL for the ids of the newest `per_tag` stories of each tag in {"keywords": [ids], …}: one index
    range a tag. Each range is a derived table because SQLite refuses LIMIT in a member of a UNION."""
    ranges, params = [], []
    for name, ids in tags.items():
        field = article_model._meta.get_field(name)
        table, story, tag = field.m2m_db_table(), field.m2m_column_name(), tag_column(article_model, name)
        for pk in ids:
            ranges.append(
                f"SELECT * FROM (SELECT {story} FROM {table} WHERE {tag} = %s "
                f"ORDER BY {story} DESC LIMIT %s) AS newest_{len(ranges)}"
            )
            params += [pk, per_tag]
    return RawSQL(" UNION ".join(ranges), params)
