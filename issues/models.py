import datetime

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infrastructure.addresses import cached_reverse
from infrastructure.fields import optional_link, staff_link
from infrastructure.images import validate_scan
from infrastructure.media import unguessable_name


class IssueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Issue.Status.PUBLISHED, published_at__lte=timezone.now())

    def coming(self):
        """The issues still being planned, from today on, the next first: the desk works on it."""
        return self.filter(status=Issue.Status.PLANNING, date__gte=timezone.localdate()).order_by("date")


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
    # Counts the moves made on the assembly board, so that a move made from an older view is refused.
    board_version = models.PositiveIntegerField(_("board version"), default=0, editable=False)

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
        return cached_reverse("issues:detail", number=self.number)

    @classmethod
    def next_number_and_date(cls):
        """What the next issue likely is: the number after the highest, the day after the latest."""
        latest = cls.objects.order_by("-date").first()
        number = (cls.objects.aggregate(highest=models.Max("number"))["highest"] or 0) + 1
        date = latest.date + datetime.timedelta(days=1) if latest else timezone.localdate()
        return number, date


class IssueTemplate(models.Model):
    """The pages an issue is made of (版面模板), e.g. 要闻, 综合, 专题, 副刊, each with its 字数 budget."""

    name = models.CharField(_("template name"), max_length=40, unique=True)
    photo_characters = models.PositiveIntegerField(
        _("characters a photo counts for"),
        default=300,
        help_text=_("On the assembly board's fill meter, each photo counts as this many characters."),
    )

    class Meta:
        verbose_name = _("issue template")
        verbose_name_plural = _("issue templates")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def create_issue(self, number, date):
        """A new issue with this template's pages, their names and budgets."""
        issue = Issue.objects.create(number=number, date=date)
        Page.objects.bulk_create(
            Page(
                issue=issue,
                number=page.number,
                name=page.name,
                budget=page.budget,
                photo_characters=self.photo_characters,
            )
            for page in self.pages.all()
        )
        return issue


class TemplatePage(models.Model):
    template = models.ForeignKey(
        IssueTemplate, verbose_name=_("issue template"), on_delete=models.CASCADE, related_name="pages"
    )
    number = models.PositiveSmallIntegerField(_("page number"))
    name = models.CharField(_("page name"), max_length=20)
    budget = models.PositiveIntegerField(_("budget (characters)"), help_text=_("The 字数 the page holds."))

    class Meta:
        verbose_name = _("template page")
        verbose_name_plural = _("template pages")
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_page_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="template_page_number_positive"),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"


def scan_upload_to(page, filename):
    return unguessable_name("scans", filename)


def page_image_upload_to(page, filename):
    return f"pages/{filename}"


class TextLayer(models.TextChoices):
    """What the page file's text says, once rendered: readable, absent (a scan), or unusable."""

    READABLE = "readable", _("readable")
    NONE = "none", _("none: a scan; draw its zones by hand")
    GARBLED = "garbled", _("garbled: its fonts have no Unicode map; draw its zones by hand")
    IMAGE = "image", _("an image file; draw its zones by hand")


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
    budget = models.PositiveIntegerField(
        _("budget (characters)"), null=True, blank=True, help_text=_("The 字数 the page holds.")
    )
    # From the issue's template: what a photo counts for on the board's fill meter.
    photo_characters = models.PositiveIntegerField(
        _("characters a photo counts for"), default=300, editable=False
    )
    editor = optional_link(settings.AUTH_USER_MODEL, _("responsible editor"), "edited_pages")
    scan = models.FileField(
        _("page PDF"),
        upload_to=scan_upload_to,
        db_index=True,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "png", "jpg", "jpeg", "webp"]), validate_scan],
        help_text=_(
            "The page's PDF from typesetting (one page), or a JPEG, PNG or WebP scan of the page as printed."
        ),
    )
    # The page's images for the 数字报, made by the background worker from the scan (issues/tasks.py).
    # Their names carry a digest of the scan, so browsers may keep them for good.
    thumbnail = models.FileField(_("thumbnail"), upload_to=page_image_upload_to, blank=True, editable=False)
    screen_image = models.FileField(
        _("page image"), upload_to=page_image_upload_to, db_index=True, blank=True, editable=False
    )
    zoom_image = models.FileField(
        _("zoom image"), upload_to=page_image_upload_to, db_index=True, blank=True, editable=False
    )
    image_width = models.PositiveIntegerField(_("image width"), null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(_("image height"), null=True, blank=True, editable=False)
    # The scan's name when the images were made: they are stale once another scan is uploaded.
    rendered_from = models.CharField(_("rendered from"), max_length=200, blank=True, editable=False)
    text_layer = models.CharField(
        _("text layer"), max_length=10, choices=TextLayer, blank=True, editable=False
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
        return cached_reverse("issues:page", number=self.issue.number, page=self.number)

    def get_preview_url(self):
        return cached_reverse("issues:page_preview", number=self.issue.number, page=self.number)

    @property
    def is_rendered(self):
        """Whether the page images show the current scan."""
        return bool(self.scan) and self.rendered_from == self.scan.name and bool(self.screen_image)

    @property
    def is_pdf(self):
        return self.scan.name.lower().endswith(".pdf")

    def _image_url(self, field):
        name = getattr(self, field).name
        return reverse("page_image", args=[name.removeprefix("pages/")]) if name else ""

    @property
    def thumbnail_url(self):
        return self._image_url("thumbnail")

    @property
    def screen_url(self):
        return self._image_url("screen_image")

    @property
    def zoom_url(self):
        return self._image_url("zoom_image")


def _fraction(name):
    return models.FloatField(
        name,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("A share of the page, 0 to 1."),
    )


class Zone(models.Model):
    """A rectangle of the page image (热区) where a story or a photo is printed. A story printed in
    several pieces (its headline, each column) has a zone for each. Positions are shares of the page's
    width and height from its top left, so they hold at every image size."""

    page = models.ForeignKey(Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="zones")
    article = optional_link("articles.Article", _("story"), "zones")
    photo = optional_link("articles.Photo", _("photo"), "zones")
    x = _fraction(_("left"))
    y = _fraction(_("top"))
    width = _fraction(_("width"))
    height = _fraction(_("height"))

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["page", "y", "x", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(x__gte=0, y__gte=0, width__gt=0, height__gt=0)
                & models.Q(x__lte=1.0001 - models.F("width"), y__lte=1.0001 - models.F("height")),
                name="zone_inside_page",
            ),
            models.CheckConstraint(
                condition=models.Q(article__isnull=True) | models.Q(photo__isnull=True),
                name="zone_one_item",
            ),
        ]

    def __str__(self):
        return _("Zone at %(x).0f%%, %(y).0f%% of %(page)s") % {
            "x": self.x * 100,
            "y": self.y * 100,
            "page": self.page,
        }

    @property
    def box(self):
        """[x, y, w, h], as the importer and the zone editor write it."""
        return [round(self.x, 4), round(self.y, 4), round(self.width, 4), round(self.height, 4)]

    @property
    def on_grid(self):
        """x, y, width and height in thousandths of the page: the reader's 数字报 draws zones as SVG
        rectangles over the page image in a 1000 × 1000 view box."""
        return {name: round(getattr(self, name) * 1000, 1) for name in ("x", "y", "width", "height")}


class BoardMove(models.Model):
    """One move on an issue's assembly board: a story or photo from where it was to where it went, by
    whom and when. The board undoes a person's last move from this record."""

    issue = models.ForeignKey(Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="moves")
    user = staff_link(_("moved by"))
    made_at = models.DateTimeField(_("made at"), default=timezone.now)
    article = models.ForeignKey(
        "articles.Article", verbose_name=_("story"), on_delete=models.CASCADE, null=True, related_name="+"
    )
    photo = models.ForeignKey(
        "articles.Photo", verbose_name=_("photo"), on_delete=models.CASCADE, null=True, related_name="+"
    )
    from_page = models.ForeignKey(
        Page, verbose_name=_("from page"), on_delete=models.CASCADE, null=True, related_name="+"
    )
    from_position = models.PositiveSmallIntegerField(_("from position"), null=True)
    to_page = models.ForeignKey(
        Page, verbose_name=_("to page"), on_delete=models.CASCADE, null=True, related_name="+"
    )
    to_position = models.PositiveSmallIntegerField(_("to position"), null=True)
    undone = models.BooleanField(_("undone"), default=False)

    class Meta:
        verbose_name = _("board move")
        verbose_name_plural = _("board moves")
        ordering = ["-made_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False, photo__isnull=True)
                | models.Q(article__isnull=True, photo__isnull=False),
                name="board_move_one_item",
            ),
        ]

    def __str__(self):
        return _("Move on %(issue)s at %(time)s") % {"issue": self.issue, "time": self.made_at}
