from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IssuesConfig(AppConfig):
    name = "issues"
    verbose_name = _("Issues and pages")

    def ready(self):
        from . import receivers  # noqa: F401 - they register themselves
