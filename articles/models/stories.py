import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.templatetags.static import static
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from chinese_text.counting import character_count, paragraphs
from infrastructure.addresses import cached_reverse
from infrastructure.fields import optional_link

from .gazetteer import Department, Township
from .listing import ListingCard, bylines
from .people import Author
from .photos import Photo
from .queries import ArticleQuerySet
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
    page = optional_link("issues.Page", _("page"), "articles", on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(
        _("position on the page"), null=True, blank=True, help_text=_("1 for the lead story of the page.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = optional_link(settings.AUTH_USER_MODEL, _("created by"), "created_articles")
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
        return cached_reverse("articles:detail", pk=self.pk)

    def get_preview_url(self):
        return cached_reverse("articles:preview", pk=self.pk)

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
