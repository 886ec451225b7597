from django.db import models
from django.utils.translation import gettext_lazy as _

from infrastructure.fields import optional_link
from infrastructure.images import validate_photo
from infrastructure.media import unguessable_name
from issues.models import Issue

from .gazetteer import Township
from .people import Author
from .shared import PrintableCharField, import_key_field, related


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
        stories = related(self.model, "article").objects.published()
        return self.with_image().filter(
            models.Q(article__in=stories) | models.Q(article=None, page__issue__in=Issue.objects.published())
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
    caption = PrintableCharField(
        _("caption"), max_length=300, help_text=_("图片说明, as printed under the photo.")
    )
    alt_text = PrintableCharField(
        _("alt text"), max_length=300, blank=True, help_text=_("For screen readers; the caption when empty.")
    )
    photographer = models.ForeignKey(
        Author, verbose_name=_("photographer"), on_delete=models.PROTECT, related_name="photos"
    )
    article = optional_link("Article", _("story"), "photos")
    page = optional_link("issues.Page", _("page"), "photos")
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
        super().save(*args, **kwargs)  # the renditions follow (articles/receivers.py)

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
