from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Stories and gazetteer")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import checks, search  # noqa: F401 - checks registers itself
        from .models import (
            Article,
            Author,
            Department,
            DepartmentShortName,
            Place,
            Term,
            Township,
            TownshipAlias,
        )

        for model in (Township, TownshipAlias, Place, Department, DepartmentShortName, Author, Term):
            for signal in (post_save, post_delete):
                signal.connect(search.dictionary_changed, sender=model, dispatch_uid=f"dictionary-{model}")
        post_delete.connect(search.article_deleted, sender=Article, dispatch_uid="search-article-deleted")
