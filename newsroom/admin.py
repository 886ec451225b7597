from django.contrib import admin
from django.utils.translation import gettext_noop

from articles import search, workflow
from issues.models import Issue, Page
from planning import rules as planning

# The admin writes "Error:" before the title of a form with errors; Django's Chinese catalog lacks it,
# so this project's catalog (LOCALE_PATHS, read first) gives it.
gettext_noop("Error:")


class NewsroomAdminSite(admin.AdminSite):
    """The admin, whose front page is the editor's dashboard."""

    def index(self, request, extra_context=None):
        coming_issue = Issue.objects.coming().first()
        context = {
            "waiting": workflow.waiting_for(request.user),
            "my_stories": workflow.my_stories(request.user),
            "my_assignments": planning.my_assignments(request.user),
            "plans": planning.can_plan(request.user),
            "indexing": search.indexing_progress() if workflow.is_reviewer(request.user) else [],
            "coming_issue": coming_issue,
            "coming_pages": Page.objects.with_totals().filter(issue=coming_issue) if coming_issue else [],
            **(extra_context or {}),
        }
        return super().index(request, context)
