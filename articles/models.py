import re
from typing import NamedTuple

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chinese_text.characters import describe, unwanted_characters
from chinese_text.counting import character_count, paragraphs
from chinese_text.slugs import department_slug, person_slug, township_slug
from newsroom.media import unguessable_name

from . import search
from .images import RENDITION_WIDTHS, rendition, validate_photo


def assign_unique_slug(instance, base):
    """Give instance.slug the base slug, or base-2, base-3… when another row of its model has it. A name
    pinyin cannot spell gets the model's name as its base (author, author-2…); a long one is cut to fit."""
    limit = instance._meta.get_field("slug").max_length - 8  # room for the suffix
    base = base[:limit].strip("-") or instance._meta.model_name
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, suffix = base, 1
    while others.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    instance.slug = slug


HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>|<!--")


def validate_plain_text(value):
    if HTML_TAG.search(value):
        raise ValidationError(
            _("Write the body as plain text, one paragraph per line, without HTML tags."), code="html"
        )


def validate_printable(value):
    """Refuse control and invisible format characters: they break feeds and hide or reorder text."""
    found = unwanted_characters(value)
    if found:
        raise ValidationError(
            _("Remove the invisible or control characters (%(characters)s); pasted text often has them."),
            params={"characters": "、".join(describe(character) for character in found)},
            code="unprintable",
        )


# The gazetteer: the district's townships, the places stories name, and its departments.


def import_key_field(help_text):
    """Set by the archive importer (issues/page_import.py), unique on a page, so a file imports once."""
    return models.CharField(_("import key"), max_length=64, blank=True, editable=False, help_text=help_text)


def published_count(related_name):
    """A subquery counting the published stories tagged with the outer row (township or department)."""
    stories = (
        Article.objects.published()
        .filter(**{related_name: models.OuterRef("pk")})
        .order_by()
        .values(related_name)
        .annotate(count=models.Count("pk"))
        .values("count")
    )
    return Coalesce(models.Subquery(stories), 0)


class TownshipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(abolished_on__isnull=True)

    def with_published_counts(self):
        return self.annotate(story_count=published_count("townships"))


class Township(models.Model):
    """A township-level division of 离石区: a 街道, 镇 or 乡."""

    class Kind(models.TextChoices):
        SUBDISTRICT = "subdistrict", _("subdistrict")
        TOWN = "town", _("town")
        TOWNSHIP = "township", _("township")

    name = models.CharField(_("name"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    code = models.CharField(
        _("statistics code"),
        max_length=9,
        unique=True,
        help_text=_("The 9-digit division code of the National Bureau of Statistics, e.g. 141102101."),
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True, blank=True)
    abolished_on = models.DateField(
        _("abolished on"),
        null=True,
        blank=True,
        help_text=_("Empty while the township exists. When only the month is known, its first day."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="absorbed",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = TownshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Exact(Length("code"), 9), name="township_code_nine_digits"),
            models.CheckConstraint(
                condition=models.Q(merged_into__isnull=True) | models.Q(abolished_on__isnull=False),
                name="township_merged_only_when_abolished",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            assign_unique_slug(self, township_slug(self.name))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:township", kwargs={"slug": self.slug})

    @property
    def is_current(self):
        return self.abolished_on is None

    def clean(self):
        if not self.code.isdigit() or len(self.code) != 9:
            raise ValidationError({"code": _("The statistics code has exactly 9 digits.")}, code="code")
        if self.merged_into_id and not self.abolished_on:
            raise ValidationError(
                {"merged_into": _("Only an abolished township can be merged into another.")}, code="merged"
            )


class TownshipAlias(models.Model):
    """Another name a story may use for a township, e.g. 城北街道办."""

    township = models.ForeignKey(
        Township, verbose_name=_("township"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("alias"), max_length=30, unique=True)

    class Meta:
        verbose_name = _("township alias")
        verbose_name_plural = _("township aliases")
        ordering = ["township", "name"]

    def __str__(self):
        return self.name


class Place(models.Model):
    """A village or landmark that stories name, and the township it lies in."""

    class Kind(models.TextChoices):
        VILLAGE = "village", _("village")
        SCENIC_AREA = "scenic area", _("scenic area")
        LANDMARK = "landmark", _("landmark")

    name = models.CharField(_("name"), max_length=30)
    township = models.ForeignKey(
        Township, verbose_name=_("township"), on_delete=models.PROTECT, related_name="places"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.VILLAGE)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["township", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "township"], name="place_unique_in_township")]

    def __str__(self):
        return f"{self.name}（{self.township}）"


class DepartmentQuerySet(models.QuerySet):
    def with_published_counts(self):
        return self.annotate(story_count=published_count("departments"))


class Department(models.Model):
    """A district department or organisation, under its full official name."""

    class Kind(models.TextChoices):
        PARTY = "party", _("party committee department")
        GOVERNMENT = "government", _("government department")
        MASS_ORGANISATION = "mass organisation", _("mass organisation")
        MILITARY = "military", _("military")
        MEDIA = "media", _("media")

    name = models.CharField(_("full name"), max_length=60, unique=True, help_text=_("e.g. 离石区教育科技局"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            assign_unique_slug(self, department_slug(self.name))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:department", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        """The first short form, as the paper prints it (区教科局), else the full name."""
        short_names = list(self.short_names.all())
        return short_names[0].name if short_names else self.name


class DepartmentShortName(models.Model):
    """A short form the paper prints for a department, e.g. 区教科局 or 教科局."""

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="short_names"
    )
    name = models.CharField(_("short name"), max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("short name")
        verbose_name_plural = _("short names")
        ordering = ["department", "order", "pk"]

    def __str__(self):
        return self.name


class Term(models.Model):
    """A proper noun segmentation must keep whole (离石一中, 同心书画院) that no other table holds."""

    word = models.CharField(_("word"), max_length=30, unique=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("dictionary term")
        verbose_name_plural = _("dictionary terms")
        ordering = ["word"]
        constraints = [models.CheckConstraint(condition=~models.Q(word=""), name="term_word_not_empty")]

    def __str__(self):
        return self.word


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


class AuthorQuerySet(models.QuerySet):
    def published(self):
        """Authors a published story's byline names: the only ones with a page of their own."""
        return self.filter(
            pk__in=Byline.objects.filter(article__in=Article.objects.published()).values("author")
        )

    def in_print(self):
        """Authors readers see: in a published story's byline or credited under a public photo."""
        credited = Photo.objects.public().values("photographer")
        return self.filter(models.Q(pk__in=self.published().values("pk")) | models.Q(pk__in=credited))

    def named(self, name, kind):
        """The author printed as `name`: the first of that name (names are not unique), or a new one."""
        return self.filter(name=name).order_by("pk").first() or self.create(name=name, kind=kind)


class Author(models.Model):
    """A name that appears in bylines. Two people may share a name; the slug tells them apart."""

    class Kind(models.TextChoices):
        REPORTER = "reporter", _("staff reporter")
        PHOTOGRAPHER = "photographer", _("photographer")
        CORRESPONDENT = "correspondent", _("correspondent")
        CONTRIBUTOR = "contributor", _("outside contributor")

    name = models.CharField(_("name"), max_length=30, validators=[validate_printable])
    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, blank=True, help_text=_("Pinyin, e.g. wang-yanhua.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.REPORTER)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
    )
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correspondents",
        help_text=_("For a correspondent: the township they report from."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correspondents",
        help_text=_("For a correspondent: the department they work in."),
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name", "slug"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="author_name_not_empty"),
            models.CheckConstraint(
                condition=models.Q(township__isnull=True) | models.Q(department__isnull=True),
                name="author_one_affiliation",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            assign_unique_slug(self, person_slug(self.name))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    def clean(self):
        if self.township_id and self.department_id:
            raise ValidationError(
                _("A correspondent belongs to a township or a department, not both."), code="affiliation"
            )


def release_times(using):
    """(the latest publication time that has come, the next one still to come) over stories and issues,
    read from the database `using`; either may be None. Two index reads a model."""
    from issues.models import Issue

    now = timezone.now()
    passed, coming = [], []
    for model in (Article, Issue):
        published = (
            model.objects.using(using)
            .filter(status=Article.Status.PUBLISHED)
            .values_list("published_at", flat=True)
        )
        passed.append(published.filter(published_at__lte=now).order_by("-published_at").first())
        coming.append(published.filter(published_at__gt=now).order_by("published_at").first())
    return (
        max((found for found in passed if found is not None), default=None),
        min((found for found in coming if found is not None), default=None),
    )


class SuggestedTags(NamedTuple):
    townships: models.QuerySet
    departments: models.QuerySet


def bylines_with_authors():
    return models.Prefetch("bylines", queryset=Byline.objects.select_related("author"))


def listing_relations():
    """The relations a story shows in a list and on its page, as prefetch lookups."""
    return [
        bylines_with_authors(),
        "townships",
        models.Prefetch("departments", queryset=Department.objects.prefetch_related("short_names")),
        models.Prefetch(
            "photos", queryset=Photo.objects.with_image().select_related("photographer").order_by("pk")
        ),
    ]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what readers may see: every public view, feed and sitemap uses it."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """What a list of stories shows: bylines, tags and photos."""
        return self.prefetch_related(*listing_relations())

    def newest_first(self):
        """The order of every public list: by the day the story was printed (or published), then as the
        page ran, newest first. One index (article_listing_order) reads it in this order."""
        return self.order_by("-listing_date", "position", "-pk")

    def list_under(self, date):
        """Give these stories their issue's date as listing date, in one UPDATE of those that differ."""
        return self.exclude(listing_date=date).update(listing_date=date)

    def for_detail(self):
        """The story page's story. Its relations are prefetched together with its related stories'."""
        return self.select_related("page__issue")


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

    kicker = models.CharField(
        _("kicker"),
        max_length=100,
        blank=True,
        validators=[validate_printable],
        help_text=_("引题, above the headline."),
    )
    headline = models.CharField(_("headline"), max_length=200, validators=[validate_printable])
    subtitle = models.CharField(
        _("subtitle"),
        max_length=200,
        blank=True,
        validators=[validate_printable],
        help_text=_("副题, e.g. ——离石区教育发展工作综述"),
    )
    source = models.CharField(
        _("source line"),
        max_length=50,
        blank=True,
        validators=[validate_printable],
        help_text=_("The lead-in, e.g. 本报讯 or 通讯员 王艳."),
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
        text_changed = update_fields is None or bool(set(update_fields) & set(search.SEARCHED_FIELDS))
        if update_fields is None:
            self.edit_count += 1
        else:
            kwargs["update_fields"] = {*update_fields, "listing_date"}
        with transaction.atomic():
            super().save(*args, **kwargs)
            if text_changed:
                search.index([self])

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk})

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

    def check_not_stale(self, edit_count_seen, submitted):
        """Refuse a save based on an older text than the stored one (a lost update), saying what changed.

        Locks the row until the surrounding transaction ends, so two saves cannot both pass.
        """
        stored = type(self).objects.select_for_update().get(pk=self.pk)
        if stored.edit_count == edit_count_seen:
            return
        changed = [
            str(self._meta.get_field(field).verbose_name)
            for field in self.CONTENT_FIELDS
            if field in submitted and str(getattr(stored, field) or "") != str(submitted[field] or "")
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
        its departments; newest first among equals. Two queries, without prefetches.

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
    TAGS = ("keywords", "townships", "departments")

    def tag_ids(self):
        """{"keywords": [ids], "townships": [ids], "departments": [ids]} of this story, in one query."""
        parts = [
            getattr(Article, name)
            .through.objects.filter(article=self)
            .annotate(tag=models.Value(name))
            .values_list("tag", tag_column(name))
            for name in self.TAGS
        ]
        tags = {name: [] for name in self.TAGS}
        for name, pk in parts[0].union(*parts[1:], all=True):
            tags[name].append(pk)
        return tags

    def suggested_tags(self):
        """Townships and departments the text names (the gazetteer tagger) that are not tagged yet."""
        text = "\n".join([self.kicker, self.headline, self.subtitle, self.body])
        tags = search.tagger().tag(text)
        return SuggestedTags(
            townships=Township.objects.filter(name__in=tags.townships).exclude(articles=self),
            departments=Department.objects.filter(name__in=tags.departments).exclude(articles=self),
        )

    def page_neighbours(self):
        """The published stories before and after this one on its printed page, in one query."""
        if self.page_id is None:
            return None, None
        others = Article.objects.published().filter(page_id=self.page_id).exclude(pk=self.pk)
        on_page = list(others.only("pk", "headline", "position").order_by("position"))
        previous = [article for article in on_page if article.position < self.position]
        following = [article for article in on_page if article.position > self.position]
        return (previous[-1] if previous else None), (following[0] if following else None)

    def restore_content(self, version):
        """Take the text of an older version (a reversion Version of this story); the caller saves."""
        for field in self.CONTENT_FIELDS:
            setattr(self, field, version.field_dict[field])

    def clean(self):
        if (self.page_id is None) != (self.position is None):
            raise ValidationError(
                _("A story placed on a page needs its position there, and a position needs a page."),
                code="placement",
            )


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


class Byline(models.Model):
    """An author's credit on a story, with the role printed (文, 图, 文图, 通讯员) and the order."""

    class Role(models.TextChoices):
        WRITER = "writer", pgettext_lazy("byline role", "text")
        PHOTOGRAPHER = "photographer", pgettext_lazy("byline role", "photos")
        WRITER_PHOTOGRAPHER = "writer_photographer", pgettext_lazy("byline role", "text and photos")
        CORRESPONDENT = "correspondent", pgettext_lazy("byline role", "correspondent")

    article = models.ForeignKey(
        Article, verbose_name=_("story"), on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.WRITER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["article", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_author_once_per_story")
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.author}"


def photo_upload_to(photo, filename):
    return unguessable_name("photos", filename)


def rendition_upload_to(photo, filename):
    return unguessable_name("photos/renditions", filename)


class PhotoQuerySet(models.QuerySet):
    def with_image(self):
        """Photos with a picture: one imported from a printed page waits for its image (图片待补)."""
        return self.exclude(image="")

    def public(self):
        """What readers may see: a story's photo once the story is published, a stand-alone page photo
        once its page's issue is published."""
        from issues.models import Issue

        return self.with_image().filter(
            models.Q(article__in=Article.objects.published())
            | models.Q(article=None, page__issue__in=Issue.objects.published())
        )


class Photo(models.Model):
    """A news photo, credited 刘和平 摄. It may illustrate a story or stand alone on a page."""

    image = models.ImageField(
        _("image"),
        upload_to=photo_upload_to,
        db_index=True,
        width_field="width",
        height_field="height",
        blank=True,
        validators=[validate_photo],
        help_text=_(
            "JPEG, PNG or WebP, at most 20 MB. Location and camera data are removed. "
            "A photo without an image (imported from a printed page) is not shown to readers."
        ),
    )
    # Indexed: a file is served by looking up the photo it belongs to (articles.views.PhotoFileView).
    thumbnail = models.ImageField(
        _("thumbnail"), upload_to=rendition_upload_to, blank=True, editable=False, db_index=True
    )
    display = models.ImageField(
        _("display size"), upload_to=rendition_upload_to, blank=True, editable=False, db_index=True
    )
    original_filename = models.CharField(
        _("original file name"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("As uploaded. The stored file has an unguessable name."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    caption = models.CharField(
        _("caption"),
        max_length=300,
        validators=[validate_printable],
        help_text=_("图片说明, as printed under the photo."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        validators=[validate_printable],
        help_text=_("For screen readers; the caption when empty."),
    )
    photographer = models.ForeignKey(
        Author, verbose_name=_("photographer"), on_delete=models.PROTECT, related_name="photos"
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("story"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    page = models.ForeignKey(
        "issues.Page",
        verbose_name=_("page"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    position = models.PositiveSmallIntegerField(
        _("position on the page"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Order among the page's photos."),
    )
    townships = models.ManyToManyField(
        Township, verbose_name=_("townships"), related_name="photos", blank=True
    )
    import_key = import_key_field(
        _("For a photo imported from a printed page: a digest of its caption as imported.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(caption=""), name="photo_caption_not_empty"),
            models.UniqueConstraint(
                fields=["page", "import_key"],
                condition=~models.Q(import_key=""),
                name="photo_imported_once_per_page",
            ),
        ]

    def __str__(self):
        return self.caption

    def save(self, *args, **kwargs):
        self.alt_text = self.alt_text or self.caption
        if self.image and not self.image._committed:
            self.original_filename = self.image.name.rsplit("/", 1)[-1][:255]
        # Renditions are made once, when the image is new; replacing the image clears them.
        if self.image and not self.thumbnail:
            for field, width in RENDITION_WIDTHS.items():
                copy = rendition(self.image, width)
                getattr(self, field).save(copy.name, copy, save=False)
        super().save(*args, **kwargs)

    @property
    def awaiting_image(self):
        return not self.image

    @property
    def thumbnail_url(self):
        return (self.thumbnail or self.image).url

    @property
    def display_url(self):
        return (self.display or self.image).url

    @classmethod
    def stored_as(cls, name):
        """The condition for the photo whose original or rendition is stored under `name`."""
        return models.Q(image=name) | models.Q(thumbnail=name) | models.Q(display=name)


class Transition(models.Model):
    """One step of a story's lifecycle: who moved it from which status to which, when, and why."""

    article = models.ForeignKey(
        Article, verbose_name=_("story"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=20)
    source = models.CharField(_("from status"), max_length=20, choices=Article.Status)
    target = models.CharField(_("to status"), max_length=20, choices=Article.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="story_transitions",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["article", "at", "pk"]
        get_latest_by = "at"

    def __str__(self):
        return f"{self.article}: {self.get_source_display()} → {self.get_target_display()}"


class Comment(models.Model):
    """编辑意见: a note between editors and the reporter on a story, shown in order on its page."""

    article = models.ForeignKey(
        Article, verbose_name=_("story"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="story_comments",
    )
    text = models.TextField(_("comment"), max_length=5000, validators=[validate_printable])
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("editorial comment")
        verbose_name_plural = _("editorial comments")
        ordering = ["article", "created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(text=""), name="comment_text_not_empty")]

    def __str__(self):
        return f"{self.author}: {self.text[:30]}"
