from django.db import models


class PublicGeneration(models.Model):
    """One row: when what readers see last changed, in milliseconds since the epoch.

    Moved on inside the transaction that makes the change, so it is never lost, whatever the cache does;
    the shared cache holds only a short-lived copy of it (infrastructure/caching.py).
    """

    changed_at_ms = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "public generation"

    def __str__(self):
        return str(self.changed_at_ms)
