import functools

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from chinese_text.counting import character_count, paragraphs
from issues.models import Zone

from .gazetteer import Department, Township
from .listing import PHOTO_FIELDS, ListingCard, byline_annotation, bylines, gathered, listing_annotations
from .people import Author
from .photos import Photo
from .shared import PrintableCharField, import_key_field, validate_plain_text, validate_printable


class Keyword(models.Model):
    """A word that characterizes stories (TF-IDF over our segmentation); shared keywords relate stories."""

    word = models.CharField(_("word"), max_length=30, unique=True)

    class Meta:
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")
        ordering = ["word"]

    def __str__(self):
        return self.word


# People and stories.


@functools.cache  # as listing_annotations
def story_page_annotations():
    """The JSON a story's own page reads beyond its listing: its bylines, its pictures, its keywords."""
    story = models.OuterRef("pk")
    return {
        **byline_annotation(),
        "listed_photos": gathered(
            Photo.objects.with_image().filter(article=story),
            pk="pk",
            caption="caption",
            photographer_name="photographer__name",
            **PHOTO_FIELDS,
        ),
        "listed_keywords": gathered(Article.keywords.through.objects.filter(article=story), pk="keyword"),
    }


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


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what readers may see: every public view, feed and sitemap uses it."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def withdrawn(self):
        """Stories taken back from readers (撤稿): their address answers 410 Gone, never with their text."""
        return self.filter(status=Article.Status.WITHDRAWN)

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
            .annotate(**story_page_annotations())
        )


SHARE_IMAGE_MIN = 300  # WeChat shows no share picture smaller than this


@reversion.register()
class Article(models.Model):
    """A story: short news (本报讯…（王艳）) or a feature with kicker, headline, subtitle and □ byline."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        RETURNED = "returned", _("returned for changes")
        SUBMITTED = "submitted", _("awaiting first review")
        FIRST_REVIEWED = "first_reviewed", _("awaiting second review")
        SECOND_REVIEWED = "second_reviewed", _("awaiting final review")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    kicker = PrintableCharField(
        _("kicker"), max_length=100, blank=True, help_text=_("引题, above the headline.")
    )
    headline = PrintableCharField(_("headline"), max_length=200)
    subtitle = PrintableCharField(
        _("subtitle"), max_length=200, blank=True, help_text=_("副题, e.g. ——离石区教育发展工作综述")
    )
    source = PrintableCharField(
        _("source line"), max_length=50, blank=True, help_text=_("The lead-in, e.g. 本报讯 or 通讯员 王艳.")
    )
    body = models.TextField(
        _("body"),
        validators=[validate_plain_text, validate_printable],
        help_text=_("Plain text, one paragraph per line."),
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), through="Byline", related_name="articles", blank=True
    )
    townships = models.ManyToManyField(
        Township, verbose_name=_("townships"), related_name="articles", blank=True
    )
    departments = models.ManyToManyField(
        Department, verbose_name=_("departments"), related_name="articles", blank=True
    )
    event_date = models.DateField(
        _("event date"), null=True, blank=True, help_text=_("When the text gives the day of the event.")
    )
    keywords = models.ManyToManyField(
        Keyword, verbose_name=_("keywords"), related_name="articles", blank=True, editable=False
    )
    page = models.ForeignKey(
        "issues.Page",
        verbose_name=_("page"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    position = models.PositiveSmallIntegerField(
        _("position on the page"), null=True, blank=True, help_text=_("1 for the lead story of the page.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_articles",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    character_count = models.PositiveIntegerField(_("character count"), default=0, editable=False)
    correction = models.TextField(
        _("correction"), blank=True, editable=False, help_text=_("更正: shown to readers under the story.")
    )
    edit_count = models.PositiveIntegerField(
        _("edit count"), default=0, editable=False, help_text=_("Goes up with every save of the text.")
    )
    listing_date = models.DateField(
        _("listing date"),
        null=True,
        editable=False,
        help_text=_("The issue's date; for a story published online only, the day it was published."),
    )
    import_key = import_key_field(
        _("For a story imported from a printed page: a digest of the text as imported.")
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-created_at"]
        get_latest_by = "published_at"
        constraints = [
            models.CheckConstraint(condition=~models.Q(headline=""), name="article_headline_not_empty"),
            models.UniqueConstraint(fields=["page", "position"], name="article_position_unique_on_page"),
            models.UniqueConstraint(
                fields=["page", "import_key"],
                condition=~models.Q(import_key=""),
                name="article_imported_once_per_page",
            ),
            models.CheckConstraint(
                condition=models.Q(page__isnull=True, position__isnull=True)
                | models.Q(page__isnull=False, position__isnull=False),
                name="article_page_and_position_together",
                violation_error_code="placement",
                violation_error_message=_(
                    "A story placed on a page needs its position there, and a position needs a page."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published"),
            # Exactly the lists' order (newest_first), so a filtered first page stops after a few hundred
            # index entries instead of sorting every match.
            models.Index(fields=["status", "-listing_date", "position", "-id"], name="article_listing_order"),
        ]
        permissions = [
            ("review_article", _("Can sign the first and second review of stories")),
            ("sign_off_article", _("Can sign the final review of stories")),
            ("publish_article", _("Can publish, withdraw and correct stories")),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        # Store the body as clean paragraphs, one per line, and keep 字数 in step with it.
        self.body = "\n".join(paragraphs(self.body))
        self.character_count = character_count(self.body)
        self.listing_date = self.compute_listing_date()
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.edit_count += 1
        else:
            kwargs["update_fields"] = {*update_fields, "listing_date"}
        # The search index is written by a post_save receiver (articles/search.py): in this transaction,
        # so the story and its index commit together.
        with transaction.atomic():
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk})

    def get_preview_url(self):
        return reverse("articles:preview", kwargs={"pk": self.pk})

    def compute_listing_date(self):
        """Lists date a story by its issue; one published online only by its day (local time)."""
        if self.page_id is not None:
            return self.page.issue.date
        if self.published_at is not None:
            return timezone.localdate(self.published_at)
        return None

    # What a revision restores; status, placement and publication belong to the workflow.
    CONTENT_FIELDS = ("kicker", "headline", "subtitle", "source", "body", "event_date")

    @property
    def paragraphs(self):
        return paragraphs(self.body)

    @cached_property
    def bylines_in_order(self):
        """Its bylines, with their authors, for a story read with with_bylines() or for_detail()."""
        return bylines(self.listed_bylines)

    @property
    def author_names(self):
        return [byline.author.name for byline in self.bylines_in_order]

    @cached_property
    def listing(self):
        """Its townships, departments and first picture, for a story read with for_listing()."""
        return ListingCard(self.listed_townships, self.listed_departments, self.listed_photo)

    def check_not_stale(self, edit_count_seen, submitted):
        """Refuse a save based on an older text than the stored one (a lost update), saying what changed.

        Locks the row until the surrounding transaction ends, so two saves cannot both pass.
        """
        stored = type(self).objects.select_for_update().get(pk=self.pk)
        if stored.edit_count == edit_count_seen:
            return
        changed = [
            str(field.verbose_name) for field, _, _ in self.content_changes(stored.content(), submitted)
        ]
        raise ValidationError(
            _(
                "Someone saved this story after you opened it, so your save was refused and nothing was "
                "overwritten. Fields that differ from the stored version: %(fields)s. Copy your changes, "
                "reload the story and apply them again."
            )
            % {"fields": "、".join(changed) or "—"},
            code="stale",
        )

    def related(self, limit=5):
        """Published stories sharing keywords with this one (most shared first), then its townships, then
        its departments; newest first among equals. One query, for a story read with for_detail().

        Only the newest RELATED_CANDIDATES stories of each keyword, township and department are ranked
        (an index range each), so the cost does not grow with the archive.
        """
        tags = self.tag_ids()
        if not any(tags.values()):
            return Article.objects.none()

        def shared(name):
            """How many of this story's keywords (or townships) the outer story carries."""
            carried = getattr(Article, name).through.objects.filter(
                article=models.OuterRef("pk"), **{f"{tag_column(name)}__in": tags[name]}
            )
            count = carried.values("article").annotate(count=models.Count("pk")).values("count")
            return Coalesce(models.Subquery(count), 0)

        return (
            Article.objects.published()
            .filter(pk__in=newest_tagged(tags, self.RELATED_CANDIDATES))
            .exclude(pk=self.pk)
            .annotate(shared_keywords=shared("keywords"), same_township=shared("townships"))
            .order_by("-shared_keywords", "-same_township", "-listing_date", "-pk")[:limit]
        )

    RELATED_CANDIDATES = 50

    def tag_ids(self):
        """{"keywords": [ids], "townships": [ids], "departments": [ids]} of a story read with for_detail()."""
        return {
            "keywords": [row["pk"] for row in self.listed_keywords or ()],
            "townships": [township.pk for township in self.listing.townships],
            "departments": [department.pk for department in self.listing.departments],
        }

    @cached_property
    def page_photos(self):
        """Its pictures, with their photographers' names, for a story read with for_detail()."""
        photos = []
        for row in self.listed_photos or ():
            photographer = Author(name=row.pop("photographer_name"))
            photos.append(Photo(**row, photographer=photographer))
        return sorted(photos, key=lambda photo: photo.pk)

    def place_on_printed_page(self):
        """The 数字报 page's address at this story's zones (在版面中查看), or '' when it has none there."""
        if self.page_id and self.page.screen_image and self.zones.filter(page_id=self.page_id).exists():
            return f"{self.page.get_absolute_url()}#story-{self.pk}"
        return ""

    def share_image_url(self):
        """The picture a WeChat share card shows: the first photo at least SHARE_IMAGE_MIN px each way (so
        that WeChat's square crop keeps it readable), else the site's square card."""
        for photo in self.page_photos:
            if min(photo.width or 0, photo.height or 0) >= SHARE_IMAGE_MIN:
                return photo.display_url
        return static("img/share.png")

    def withdrawal_reason(self):
        """What the chief gave as the reason for the latest 撤稿, which readers are shown in its place."""
        step = self.transitions.filter(action="withdraw").order_by("-at", "-pk").first()
        return step.comment if step else ""

    def page_neighbours(self):
        """The published stories before and after this one on its printed page, in one query."""
        if self.page_id is None:
            return None, None
        others = Article.objects.published().filter(page_id=self.page_id).exclude(pk=self.pk)
        on_page = list(others.only("pk", "headline", "position").order_by("position"))
        previous = [article for article in on_page if article.position < self.position]
        following = [article for article in on_page if article.position > self.position]
        return (previous[-1] if previous else None), (following[0] if following else None)

    def content(self):
        return {name: getattr(self, name) for name in self.CONTENT_FIELDS}

    @classmethod
    def content_changes(cls, old, new):
        """(field, old text, new text) for each content field that differs between two sets of values: a
        stored story's content(), a form's, a saved version's. A field that `new` lacks is left out."""
        changes = []
        for name in cls.CONTENT_FIELDS:
            if name in new:
                before, after = str(old[name] or ""), str(new[name] or "")
                if before != after:
                    changes.append((cls._meta.get_field(name), before, after))
        return changes

    def restore_content(self, version):
        """Take the text of an older version (a reversion Version of this story); the caller saves."""
        for field in self.CONTENT_FIELDS:
            setattr(self, field, version.field_dict[field])


def tag_column(name):
    """The column of the table behind Article.<name> (keywords, townships, departments) holding the tag."""
    return Article._meta.get_field(name).m2m_reverse_name()


def newest_tagged(tags, per_tag):
    """SQL for the ids of the newest `per_tag` stories of each tag in {"keywords": [ids], …}: one index
    range a tag. Each range is a derived table because SQLite refuses LIMIT in a member of a UNION."""
    ranges, params = [], []
    for name, ids in tags.items():
        field = Article._meta.get_field(name)
        table, story, tag = field.m2m_db_table(), field.m2m_column_name(), tag_column(name)
        for pk in ids:
            ranges.append(
                f"SELECT * FROM (SELECT {story} FROM {table} WHERE {tag} = %s "
                f"ORDER BY {story} DESC LIMIT %s) AS newest_{len(ranges)}"
            )
            params += [pk, per_tag]
    return RawSQL(" UNION ".join(ranges), params)
