from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Stories and gazetteer")

    def ready(self):
        from . import checks, receivers  # noqa: F401 - they register themselves
