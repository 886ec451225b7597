import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.admin.common import ToolPages, WithoutBulkDelete
from issues.models import Issue, IssueTemplate, TemplatePage

from .board import AssemblyBoardViews
from .common import PublishedIssueRules, redirect_to_change
from .pages import PageInline


class TemplatePageInline(admin.TabularInline):
    model = TemplatePage
    extra = 0


@admin.register(IssueTemplate)
class IssueTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "photo_characters"]
    inlines = [TemplatePageInline]


class NewIssueForm(forms.Form):
    """An issue made from a template of pages; the number and date are the likely next ones."""

    template = forms.ModelChoiceField(IssueTemplate.objects.all(), label=_("issue template"))
    number = forms.IntegerField(label=_("edition number"), min_value=1, max_value=999999)
    date = forms.DateField(label=_("publication date"), widget=forms.DateInput({"type": "date"}))

    def clean(self):
        data = super().clean()
        if Issue.objects.filter(number=data.get("number")).exists():
            self.add_error("number", _("Issue No. %(number)s already exists.") % {"number": data["number"]})
        if Issue.objects.filter(date=data.get("date")).exists():
            self.add_error("date", _("An issue of that date already exists."))
        return data


@admin.register(Issue)
class IssueAdmin(WithoutBulkDelete, AssemblyBoardViews, ToolPages, PublishedIssueRules, admin.ModelAdmin):
    list_display = ["number", "date", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["number"]
    date_hierarchy = "date"
    readonly_fields = ["status", "published_at"]
    fixed_once_out = ["number", "date"]
    inlines = [PageInline]
    tool_pages = {
        "new-from-template/": "new_from_template",
        "<int:object_id>/publish/": "publish",
        **AssemblyBoardViews.board_pages,
    }

    def issue_of(self, issue):
        return issue

    def get_changeform_initial_data(self, request):
        number, date = Issue.next_number_and_date()
        return {"number": number, "date": date, **super().get_changeform_initial_data(request)}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = obj is not None and workflow.can_publish_issue(request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def new_from_template_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        number, date = Issue.next_number_and_date()
        form = NewIssueForm(request.POST or None, initial={"number": number, "date": date})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            issue = data["template"].create_issue(data["number"], data["date"])
            made = _("Made from the template %(name)s.") % {"name": data["template"]}
            self.log_addition(request, issue, made)
            return HttpResponseRedirect(reverse("admin:issues_issue_board", args=[issue.pk]))
        context = {**self.tool_context(request, _("New issue from a template")), "form": form}
        return TemplateResponse(request, "admin/issues/issue/new_from_template.html", context)

    def publish_view(self, request, object_id):
        """GET: the checklist and the summary, to confirm. POST confirm=1, with a reason when the date is
        past, and optionally publish_at (YYYY-MM-DDTHH:MM, Beijing time) to schedule."""
        issue = get_object_or_404(Issue, pk=object_id)
        if not workflow.can_publish_issue(request.user):
            raise PermissionDenied
        pages = workflow.board_pages(issue)
        checks = workflow.checklist(issue, pages)
        if request.method == "POST":
            return self.publish(request, issue, checks)
        title = _("Publish %(issue)s") % {"issue": issue}
        context = {
            **self.tool_context(request, title, issue, crumb=_("Publish")),
            "checks": checks,
            "blocked": any(check.blocks and not check.passed for check in checks),
            "summary": {
                "pages": len(pages),
                "stories": sum(len(page.cards) for page in pages),
                "photos": sum(len(page.placed_photos) for page in pages),
            },
            "past": issue.date < timezone.localdate(),
        }
        return TemplateResponse(request, "admin/issues/issue/publish.html", context)

    def publish(self, request, issue, checks):
        if request.POST.get("confirm") != "1":
            self.message_user(request, _("Confirm the publication from its summary."), messages.ERROR)
            return HttpResponseRedirect(request.path)
        failing = [check.label for check in checks if check.blocks and not check.passed]
        if failing:
            self.message_user(request, " ".join(str(label) for label in failing), messages.ERROR)
            return HttpResponseRedirect(request.path)
        reason = request.POST.get("reason", "")
        try:
            publish_at = workflow.publication_time(issue, reason)
            if request.POST.get("publish_at"):
                publish_at = timezone.make_aware(datetime.datetime.fromisoformat(request.POST["publish_at"]))
        except ValueError:
            self.message_user(request, _("Give the time as YYYY-MM-DD HH:MM."), messages.ERROR)
            return HttpResponseRedirect(request.path)
        except workflow.TransitionNotAllowed as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        try:
            workflow.publish_issue(issue, request.user, publish_at=publish_at)
        except workflow.TransitionNotAllowed as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        if reason:
            self.log_change(request, issue, _("Published after its date: %(reason)s") % {"reason": reason})
        self.message_user(request, _("%(issue)s is published.") % {"issue": issue}, messages.SUCCESS)
        return redirect_to_change(self, issue)
