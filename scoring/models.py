"""稿分: what each person earned in a month for what was published, for 绩效.

A rule set (RuleSet, with its length bands) is in force from the month it names until a later one takes
over, so a change of rules applies from a month on. Editors grade a story (Grade: 优, 良, 中 or a
multiplier of their own), and anyone's points may be adjusted with a reason (Adjustment: a 差错, a 更正, a
bonus). The ledger of a month is computed by scoring/ledger.py; when the chief locks the month its lines
are kept (LedgerLine) and never change again: what changes later is settled in the next open month.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import validate_printable
from infrastructure.fields import optional_link, staff_link
from planning.models import Proposal


def points_field(verbose_name, *, signed=False, **options):
    """Points, or a multiplier of them, to two decimals; never below zero unless `signed` (an adjustment's,
    a kept ledger line's)."""
    validators = [] if signed else [MinValueValidator(0)]
    return models.DecimalField(verbose_name, max_digits=8, decimal_places=2, validators=validators, **options)


class RuleSet(models.Model):
    """The scoring rules in force from `effective_from` (a month's first day) on."""

    name = models.CharField(_("name"), max_length=60)
    effective_from = models.DateField(
        _("in force from"),
        unique=True,
        help_text=_("The first day of the month from which these rules apply."),
    )
    front_page_multiplier = points_field(_("front page multiplier"), default=Decimal("1.5"))
    lead_story_points = points_field(_("points for the lead story of a page"), default=Decimal("5"))
    photo_points = points_field(_("points per published photo"), default=Decimal("3"))
    correspondent_multiplier = points_field(
        _("correspondent multiplier"),
        default=Decimal("0.6"),
        help_text=_("A 通讯员's share of the text points is multiplied by this."),
    )

    class Meta:
        verbose_name = _("scoring rule set")
        verbose_name_plural = _("scoring rule sets")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_from__day=1),
                name="rule_set_from_a_months_first_day",
                violation_error_code="month",
                violation_error_message=_("Rules apply from the first day of a month."),
            )
        ]

    def __str__(self):
        return f"{self.name}（{self.effective_from:%Y-%m}）"


class LengthBand(models.Model):
    """The text points of a kind of story from a length on: the band with the longest length not above the
    story's 字数 applies; a band of no kind applies to every kind without its own."""

    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="bands"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Proposal.Kind, blank=True)
    min_characters = models.PositiveIntegerField(_("from characters"), default=0)
    points = points_field(_("points"))

    class Meta:
        verbose_name = _("length band")
        verbose_name_plural = _("length bands")
        ordering = ["rule_set", "kind", "min_characters"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "kind", "min_characters"], name="length_band_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display() or '—'} ≥{self.min_characters}：{self.points}"


class Grade(models.Model):
    """An editor's grade of a published story: its text points are multiplied by it."""

    class Level(models.TextChoices):
        EXCELLENT = "excellent", pgettext_lazy("grade", "excellent")
        GOOD = "good", pgettext_lazy("grade", "good")
        FAIR = "fair", pgettext_lazy("grade", "fair")
        CUSTOM = "custom", pgettext_lazy("grade", "a multiplier of one's own")

    MULTIPLIERS = {Level.EXCELLENT: Decimal("1.2"), Level.GOOD: Decimal("1.0"), Level.FAIR: Decimal("0.8")}

    article = models.OneToOneField(
        "articles.Article", verbose_name=_("story"), on_delete=models.CASCADE, related_name="grade"
    )
    level = models.CharField(_("grade"), max_length=10, choices=Level, default=Level.GOOD)
    custom_multiplier = points_field(_("multiplier"), null=True, blank=True)
    graded_by = staff_link(_("graded by"))
    graded_at = models.DateTimeField(_("graded at"), auto_now=True)

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="custom", custom_multiplier__isnull=False)
                | (~models.Q(level="custom") & models.Q(custom_multiplier__isnull=True)),
                name="grade_custom_has_its_multiplier",
                violation_error_code="multiplier",
                violation_error_message=_(
                    "A multiplier of one's own is given with that grade, and only then."
                ),
            )
        ]

    def __str__(self):
        return f"{self.article}：{self.get_level_display()}"

    @property
    def multiplier(self):
        return self.custom_multiplier if self.level == self.Level.CUSTOM else self.MULTIPLIERS[self.level]


class Adjustment(models.Model):
    """A bonus or a deduction for one person in a month, with its reason (a 差错 found after publication, a
    更正, an award)."""

    author = models.ForeignKey(
        "articles.Author", verbose_name=_("person"), on_delete=models.PROTECT, related_name="adjustments"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month it counts in."))
    points = points_field(_("points"), help_text=_("Negative for a deduction."), signed=True)
    reason = models.CharField(_("reason"), max_length=200, validators=[validate_printable])
    article = optional_link("articles.Article", _("story"), "adjustments")
    created_by = staff_link(_("by"), editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        ordering = ["month", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__day=1),
                name="adjustment_in_a_month",
                violation_error_code="month",
                violation_error_message=_("An adjustment counts in a month: give its first day."),
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""),
                name="adjustment_has_a_reason",
                violation_error_code="reason",
                violation_error_message=_("An adjustment gives its reason."),
            ),
        ]

    def __str__(self):
        return f"{self.author} {self.points:+}：{self.reason}"


class LedgerMonth(models.Model):
    """A month the chief locked: its lines are kept as they were and never change."""

    month = models.DateField(_("month"), unique=True)
    locked_by = staff_link(_("locked by"))
    locked_at = models.DateTimeField(_("locked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("locked month")
        verbose_name_plural = _("locked months")
        ordering = ["-month"]
        permissions = [("lock_ledgermonth", _("Can lock a month's ledger"))]

    def __str__(self):
        return f"{self.month:%Y-%m}"


class LedgerLine(models.Model):
    """One line of a locked month: a person's points for a story in a role, or an adjustment, with how they
    were reached."""

    ledger = models.ForeignKey(
        LedgerMonth, verbose_name=_("month"), on_delete=models.PROTECT, related_name="lines"
    )
    author = models.ForeignKey(
        "articles.Author", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    article = models.ForeignKey(
        "articles.Article", verbose_name=_("story"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20)
    points = points_field(_("points"), signed=True)
    explanation = models.TextField(_("how the points were reached"))

    class Meta:
        verbose_name = _("ledger line")
        verbose_name_plural = _("ledger lines")
        ordering = ["ledger", "author", "pk"]

    def __str__(self):
        return f"{self.author} {self.headline} {self.points}"
