"""What follows a save or a delete, outside the models' save(): the search index and the dictionary,
photo renditions, the listing dates of an issue's stories, and readers' cached pages. Connected when the
app is ready (apps.py)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from infrastructure.caching import public_content_changed, publishes_on_schedule
from infrastructure.images import RENDITION_WIDTHS, rendition
from issues.models import Issue, Page

from . import search
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
post_save.connect(search.article_saved, sender=Article, dispatch_uid="search-article-saved")
post_delete.connect(search.article_deleted, sender=Article, dispatch_uid="search-article-deleted")
for name in search.INDEXED_TAGS:
    through = getattr(Article, name).through
    m2m_changed.connect(search.tags_changed, sender=through, dispatch_uid=f"search-{name}-changed")


@receiver(post_save, sender=Photo, dispatch_uid="photo-renditions")
def make_renditions(sender, instance, raw=False, **kwargs):
    """Renditions are made once, when the image is new; replacing the image clears them."""
    if raw or not instance.image or instance.thumbnail:
        return
    for field, width in RENDITION_WIDTHS.items():
        copy = rendition(instance.image, width)
        getattr(instance, field).save(copy.name, copy, save=False)
    Photo.objects.filter(pk=instance.pk).update(
        **{field: getattr(instance, field) for field in RENDITION_WIDTHS}
    )


# Stories are listed under their issue's date, which the editor may still correct.
@receiver(post_save, sender=Issue, dispatch_uid="issue-listing-dates")
def issue_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # A save of other fields (the board's version, the publication) leaves the date as it was.
    if not raw and (update_fields is None or "date" in update_fields):
        Article.objects.filter(page__issue=instance).list_under(instance.date)


@receiver(post_save, sender=Page, dispatch_uid="page-listing-dates")
def page_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        instance.articles.list_under(instance.issue.date)


# Readers' cached pages go when what they show changes (infrastructure/caching.py).
publishes_on_schedule(lambda using: Article.objects.using(using).filter(status=Article.Status.PUBLISHED))


@receiver(post_save, sender=Article, dispatch_uid="public-cache-story")
@receiver(post_delete, sender=Article, dispatch_uid="public-cache-story-deleted")
@receiver(post_save, sender=Byline, dispatch_uid="public-cache-byline")
@receiver(post_delete, sender=Byline, dispatch_uid="public-cache-byline-deleted")
def story_changed(sender, instance, **kwargs):
    """A draft's saves change nothing public; a published or withdrawn story's do."""
    story = instance if isinstance(instance, Article) else instance.article
    if story.status in (Article.Status.PUBLISHED, Article.Status.WITHDRAWN):
        public_content_changed()


for model in (Photo, Author, Township, TownshipAlias, Department, DepartmentShortName, Term):
    for signal in (post_save, post_delete):
        signal.connect(public_content_changed, sender=model, dispatch_uid=f"public-cache-{model}")
