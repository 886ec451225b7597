from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfrastructureConfig(AppConfig):
    """What the domain apps stand on and never see the inside of: the page cache, database routers,
    health, logs, media, backup and restore. It imports no domain app; what it must know of them (the
    next scheduled release, the tables a restore must not overwrite) it is told (caching.py, settings)."""

    name = "infrastructure"
    verbose_name = _("Infrastructure")

    def ready(self):
        from . import checks  # noqa: F401 - the checks register themselves
