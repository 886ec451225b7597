"""The articles app's admin, one module a concept as in articles/models; importing them registers them."""

from . import editorial, gazetteer, people, photos, stories  # noqa: F401
