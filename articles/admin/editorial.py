from django.contrib import admin

from articles import people, workflow
from articles.models import Transition

from .common import RecordAdmin


def conversation(transitions, comments):
    """The workflow steps with their comments and the 编辑意见 thread, as one list in time order:
    [(at, name, step or None, text)]."""
    entries = [(step.at, people.display_name(step.actor), step, step.comment) for step in transitions]
    entries += [
        (comment.created_at, people.display_name(comment.author), None, comment.text) for comment in comments
    ]
    return sorted(entries, key=lambda entry: entry[0])


@admin.register(Transition)
class TransitionAdmin(RecordAdmin, admin.ModelAdmin):
    list_display = ["article", "action", "source", "target", "actor", "at"]
    list_filter = ["action", "target"]
    list_select_related = ["article", "actor"]
    search_fields = ["article__headline", "comment"]

    def get_queryset(self, request):
        return workflow.of_visible_stories(super().get_queryset(request), request.user)
