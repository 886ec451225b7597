from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chinese_text.slugs import department_slug, township_slug
from infrastructure.fields import optional_link

from .shared import NamedPage, published_count


class TownshipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(abolished_on__isnull=True)

    def with_published_counts(self):
        return self.annotate(story_count=published_count(self.model, "townships"))


class Township(NamedPage):
    """A township-level division of 离石区: a 街道, 镇 or 乡."""

    url_name = "articles:township"
    slug_from_name = township_slug

    class Kind(models.TextChoices):
        SUBDISTRICT = "subdistrict", pgettext_lazy("township kind", "subdistrict")
        TOWN = "town", pgettext_lazy("township kind", "town")
        TOWNSHIP = "township", pgettext_lazy("township kind", "township")

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
    merged_into = optional_link("self", _("merged into"), "absorbed", on_delete=models.PROTECT)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = TownshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("code"), 9),
                name="township_code_nine_digits",
                violation_error_code="code",
                violation_error_message=_("The statistics code has exactly 9 digits."),
            ),
            models.CheckConstraint(
                condition=models.Q(merged_into__isnull=True) | models.Q(abolished_on__isnull=False),
                name="township_merged_only_when_abolished",
                violation_error_code="merged",
                violation_error_message=_("Only an abolished township can be merged into another."),
            ),
        ]

    @property
    def is_current(self):
        return self.abolished_on is None

    def clean(self):
        # The constraint counts the characters; that they are digits no portable CHECK can say.
        if not self.code.isdigit():
            raise ValidationError(
                {"code": ValidationError(_("The statistics code has exactly 9 digits."), code="code")}
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
        VILLAGE = "village", pgettext_lazy("place kind", "village")
        SCENIC_AREA = "scenic area", pgettext_lazy("place kind", "scenic area")
        LANDMARK = "landmark", pgettext_lazy("place kind", "landmark")

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
        return self.annotate(story_count=published_count(self.model, "departments"))

    def with_printed_names(self):
        """Each department's printed_name: its first short form, as the paper prints it (区教科局), else
        its full name."""
        first = DepartmentShortName.objects.filter(department=models.OuterRef("pk")).order_by("order", "pk")
        return self.annotate(printed_name=Coalesce(models.Subquery(first.values("name")[:1]), "name"))


class Department(NamedPage):
    """A district department or organisation, under its full official name."""

    url_name = "articles:department"
    slug_from_name = department_slug

    class Kind(models.TextChoices):
        PARTY = "party", pgettext_lazy("department kind", "party committee department")
        GOVERNMENT = "government", pgettext_lazy("department kind", "government department")
        MASS_ORGANISATION = "mass organisation", pgettext_lazy("department kind", "mass organisation")
        MILITARY = "military", pgettext_lazy("department kind", "military")
        MEDIA = "media", pgettext_lazy("department kind", "media")

    name = models.CharField(_("full name"), max_length=60, unique=True, help_text=_("e.g. 离石区教育科技局"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["kind", "name"]


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
