"""What follows a save or a delete of an issue or a page: readers' cached pages (infrastructure/caching.py).
Connected when the app is ready (apps.py); what follows for the stories on them is the articles app's."""

from django.db.models.signals import post_delete, post_save

from infrastructure.caching import public_content_changed, publishes_on_schedule

from .models import Issue, Page

publishes_on_schedule(lambda using: Issue.objects.using(using).filter(status=Issue.Status.PUBLISHED))

for model in (Issue, Page):
    for signal in (post_save, post_delete):
        signal.connect(public_content_changed, sender=model, dispatch_uid=f"public-cache-{model}")
