from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infrastructure.images import validate_scan
from infrastructure.media import unguessable_name


class IssueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Issue.Status.PUBLISHED, published_at__lte=timezone.now())


class Issue(models.Model):
    """One edition of the paper (一期)."""

    class Status(models.TextChoices):
        PLANNING = "planning", _("planning")
        PUBLISHED = "published", _("published")

    number = models.PositiveIntegerField(
        _("edition number"), unique=True, help_text=_("The number printed on the masthead, e.g. 1024.")
    )
    date = models.DateField(_("publication date"), unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNING)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-date"]
        get_latest_by = "date"
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1), name="issue_number_positive"),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="issue_published_has_time",
            ),
        ]

    def __str__(self):
        return _("No. %(number)s (%(date)s)") % {"number": self.number, "date": self.date.isoformat()}

    def get_absolute_url(self):
        return reverse("issues:detail", kwargs={"number": self.number})


def scan_upload_to(page, filename):
    return unguessable_name("scans", filename)


class PageQuerySet(models.QuerySet):
    def with_totals(self):
        """Each page's number of stories and their total 字数, for assembling an issue."""
        return self.annotate(
            story_count=models.Count("articles"),
            total_characters=Coalesce(models.Sum("articles__character_count"), 0),
        )


class Page(models.Model):
    """One printed page (一版) of an issue."""

    issue = models.ForeignKey(Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveSmallIntegerField(_("page number"), help_text=_("版次: 1 for the front page."))
    name = models.CharField(_("page name"), max_length=20, help_text=_("版名, e.g. 要闻, 综合, 专题."))
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible editor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="edited_pages",
    )
    scan = models.FileField(
        _("scan of the printed page"),
        upload_to=scan_upload_to,
        db_index=True,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "png", "jpg", "jpeg", "webp"]), validate_scan],
        help_text=_("PDF, or a JPEG, PNG or WebP image, of the page as printed."),
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["issue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="page_number_unique_in_issue"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="page_number_positive"),
        ]

    def __str__(self):
        return _("Page %(number)s %(name)s, %(issue)s") % {
            "number": self.number,
            "name": self.name,
            "issue": self.issue,
        }

    def get_absolute_url(self):
        return reverse("issues:page", kwargs={"number": self.issue.number, "page": self.number})
