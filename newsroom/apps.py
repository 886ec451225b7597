from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.admin.NewsroomAdminSite"


class NewsroomConfig(AppConfig):
    """The site as a whole: its management commands (backup, restore) and deployment checks."""

    name = "newsroom"
    verbose_name = "newsroom"

    def ready(self):
        from . import checks  # noqa: F401 - the checks register themselves
