from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Stories and gazetteer")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from issues.models import Issue, Page
        from newsroom.caching import public_content_changed

        from . import checks, search  # noqa: F401 - checks registers itself
        from .models import (
            Article,
            Author,
            Byline,
            Department,
            DepartmentShortName,
            Photo,
            Place,
            Term,
            Township,
            TownshipAlias,
        )
        from .people import display_name

        # Staff appear by real name wherever Django shows an account (lists, choices, the change log): the
        # project began on the stock user model, whose name for an account is its login name.
        get_user_model().__str__ = display_name

        for model in (Township, TownshipAlias, Place, Department, DepartmentShortName, Author, Term):
            for signal in (post_save, post_delete):
                signal.connect(search.dictionary_changed, sender=model, dispatch_uid=f"dictionary-{model}")
        post_delete.connect(search.article_deleted, sender=Article, dispatch_uid="search-article-deleted")

        # Readers' cached pages go when what they show changes (newsroom/caching.py). A draft's saves
        # change nothing public; a published or withdrawn story's do.
        def story_changed(sender, instance, **kwargs):
            story = instance if isinstance(instance, Article) else instance.article
            if story.status in (Article.Status.PUBLISHED, Article.Status.WITHDRAWN):
                public_content_changed()

        for model in (Article, Byline):
            for signal in (post_save, post_delete):
                signal.connect(story_changed, sender=model, weak=False, dispatch_uid=f"public-cache-{model}")
        shown = (Issue, Page, Photo, Author, Township, TownshipAlias, Department, DepartmentShortName, Term)
        for model in shown:
            for signal in (post_save, post_delete):
                signal.connect(public_content_changed, sender=model, dispatch_uid=f"public-cache-{model}")
