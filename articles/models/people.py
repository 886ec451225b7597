from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chinese_text.slugs import person_slug
from infrastructure.fields import optional_link

from .gazetteer import Department, Township
from .shared import NamedPage, PrintableCharField, related


class AuthorQuerySet(models.QuerySet):
    def published(self):
        """Authors a published story's byline names: the only ones with a page of their own."""
        bylines = related(self.model, "bylines").objects
        stories = related(self.model, "articles").objects.published()
        return self.filter(pk__in=bylines.filter(article__in=stories).values("author"))

    def in_print(self):
        """Authors readers see: in a published story's byline or credited under a public photo."""
        credited = related(self.model, "photos").objects.public().values("photographer")
        return self.filter(models.Q(pk__in=self.published().values("pk")) | models.Q(pk__in=credited))

    def named(self, name, kind):
        """The author printed as `name`: the first of that name (names are not unique), or a new one."""
        return self.filter(name=name).order_by("pk").first() or self.create(name=name, kind=kind)


class Author(NamedPage):
    """A name that appears in bylines. Two people may share a name; the slug tells them apart."""

    url_name = "articles:author"
    slug_from_name = person_slug

    class Kind(models.TextChoices):
        REPORTER = "reporter", pgettext_lazy("author kind", "staff reporter")
        PHOTOGRAPHER = "photographer", pgettext_lazy("author kind", "photographer")
        CORRESPONDENT = "correspondent", pgettext_lazy("author kind", "correspondent")
        CONTRIBUTOR = "contributor", pgettext_lazy("author kind", "outside contributor")

    name = PrintableCharField(_("name"), max_length=30)
    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, blank=True, help_text=_("Pinyin, e.g. wang-yanhua.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.REPORTER)
    user = optional_link(settings.AUTH_USER_MODEL, _("user account"), "author", field=models.OneToOneField)
    # A correspondent's: the township they report from, or the department they work in.
    township = optional_link(Township, _("township"), "correspondents", on_delete=models.PROTECT)
    department = optional_link(Department, _("department"), "correspondents", on_delete=models.PROTECT)

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
                violation_error_code="affiliation",
                violation_error_message=_("A correspondent belongs to a township or a department, not both."),
            ),
        ]
