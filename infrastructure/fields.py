"""Field declarations the domain apps share."""

from django.conf import settings
from django.db import models


def optional_link(
    to, verbose_name, related_name, *, on_delete=models.SET_NULL, field=models.ForeignKey, **options
):
    """A link that may be empty: null in the database, blank in forms. Unless told otherwise it empties
    when the row it points to is deleted. A plain ForeignKey (or `field`) to migrations."""
    return field(
        to,
        verbose_name=verbose_name,
        on_delete=on_delete,
        null=True,
        blank=True,
        related_name=related_name,
        **options,
    )


def staff_link(verbose_name, related_name="+", **options):
    """The staff account that made or holds a record. Accounts are deactivated, never deleted, so the
    link protects them."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        **options,
    )
