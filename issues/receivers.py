"""What follows a save or a delete of an issue or a page: readers' cached pages (infrastructure/caching.py)
and the page images the worker renders. Connected when the app is ready (apps.py); what follows for the
stories on them is the articles app's."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from infrastructure.caching import public_content_changed, publishes_on_schedule

from .models import Issue, Page, Zone
from .tasks import IMAGE_FIELDS, render_page

publishes_on_schedule(lambda using: Issue.objects.using(using).filter(status=Issue.Status.PUBLISHED))

for model in (Issue, Page, Zone):
    for signal in (post_save, post_delete):
        signal.connect(public_content_changed, sender=model, dispatch_uid=f"public-cache-{model}")


@receiver(post_save, sender=Page, dispatch_uid="page-images")
def page_file_saved(sender, instance, raw=False, **kwargs):
    """A new scan is rendered by the worker once the save commits; a removed one takes its images."""
    if raw or instance.rendered_from == instance.scan.name:
        return
    if instance.scan:
        transaction.on_commit(lambda: render_page.enqueue(instance.pk))
    else:
        Page.objects.filter(pk=instance.pk).update(
            **dict.fromkeys(IMAGE_FIELDS.values(), ""),
            image_width=None,
            image_height=None,
            rendered_from="",
            text_layer="",
        )
