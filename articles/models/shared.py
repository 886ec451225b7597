import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from chinese_text.characters import describe, unwanted_characters
from infrastructure.addresses import cached_reverse


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


class PrintableCharField(models.CharField):
    """A line of text that readers see: it refuses control and invisible characters."""

    default_validators = [validate_printable]


class NamedPage(models.Model):
    """A name with a readers' page of its own (a township, a department, an author), at an address made
    once from the name: `slug_from_name` spells it, `url_name` routes it."""

    url_name = None
    slug_from_name = None

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            assign_unique_slug(self, type(self).slug_from_name(self.name))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse(self.url_name, slug=self.slug)


def import_key_field(help_text):
    """Set by the archive importer (issues/page_import.py), unique on a page, so a file imports once."""
    return models.CharField(_("import key"), max_length=64, blank=True, editable=False, help_text=help_text)


def related(model, name):
    """The model at the other end of the relation `name`: how a model here reaches one defined after it
    (the stories, say), which it may not import."""
    return model._meta.get_field(name).related_model


def published_count(model, related_name):
    """A subquery counting the published stories tagged with the outer row (township or department)."""
    stories = (
        related(model, "articles")
        .objects.published()
        .filter(**{related_name: models.OuterRef("pk")})
        .order_by()
        .values(related_name)
        .annotate(count=models.Count("pk"))
        .values("count")
    )
    return Coalesce(models.Subquery(stories), 0)
