from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IssuesConfig(AppConfig):
    name = "issues"
    verbose_name = _("Issues and pages")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from infrastructure.caching import public_content_changed, publishes_on_schedule

        from .models import Issue, Page

        publishes_on_schedule(lambda using: Issue.objects.using(using).filter(status=Issue.Status.PUBLISHED))
        # Readers' cached pages go when what they show changes (infrastructure/caching.py).
        for model in (Issue, Page):
            for signal in (post_save, post_delete):
                signal.connect(public_content_changed, sender=model, dispatch_uid=f"public-cache-{model}")
