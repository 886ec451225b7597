"""Bylines: an author's credit on a story, with the role the paper prints before the name."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .people import Author


def bylines_with_authors():
    return models.Prefetch("bylines", queryset=Byline.objects.select_related("author"))


class Byline(models.Model):
    """An author's credit on a story, with the role printed (文, 图, 文图, 通讯员) and the order."""

    class Role(models.TextChoices):
        WRITER = "writer", pgettext_lazy("byline role", "text")
        PHOTOGRAPHER = "photographer", pgettext_lazy("byline role", "photos")
        WRITER_PHOTOGRAPHER = "writer_photographer", pgettext_lazy("byline role", "text and photos")
        CORRESPONDENT = "correspondent", pgettext_lazy("byline role", "correspondent")

    article = models.ForeignKey(
        "Article", verbose_name=_("story"), on_delete=models.CASCADE, related_name="bylines"
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

    @property
    def printed_role(self):
        """The role as the paper prints it before the name: 文/王艳, 图/刘和平, 文/图 白晓燕, 通讯员 王艳."""
        return PRINTED_ROLES[self.role]


PRINTED_ROLES = {
    Byline.Role.WRITER: pgettext_lazy("printed byline", "text/"),
    Byline.Role.PHOTOGRAPHER: pgettext_lazy("printed byline", "photos/"),
    Byline.Role.WRITER_PHOTOGRAPHER: pgettext_lazy("printed byline", "text/photos "),
    Byline.Role.CORRESPONDENT: pgettext_lazy("printed byline", "correspondent "),
}
