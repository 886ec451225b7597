"""报题 and assignments in the admin: proposing, the editors' decisions, assigning, filing the story, and
the plan of the coming days. Every rule is asked of planning/rules.py."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.admin.common import RecordAdmin, ToolPages, WithoutBulkDelete
from articles.roles import NEWSROOM_ROLES
from issues.models import Issue

from . import coverage, rules
from .models import Assignment, AssignmentMember, Proposal

DATE_PICKER = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProposalForm(forms.ModelForm):
    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Proposal
        fields = ["topic", "kind", "townships", "departments", "planned_date", "expected_characters", "note"]
        widgets = {"planned_date": DATE_PICKER}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version_seen"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        seen = data.get("version_seen")
        if self.instance.pk and Proposal.objects.filter(pk=self.instance.pk).exclude(version=seen).exists():
            raise ValidationError(
                _("Someone changed this after you opened it. Reload it and try again."), code="stale"
            )
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (Proposal.Status.ACCEPTED, _("Accept")),
            (Proposal.Status.REJECTED, _("Reject")),
            (Proposal.Status.MERGED, _("Merge")),
        ]
    )
    reason = forms.CharField(required=False, max_length=2000)
    merged_into = forms.ModelChoiceField(Proposal.objects.all(), required=False)
    version = forms.IntegerField(min_value=0)


class CoveragePeriodForm(forms.Form):
    """The coverage map's period; by default the last 30 days."""

    DEFAULT_DAYS = 30

    start = forms.DateField(label=_("from"), widget=DATE_PICKER)
    end = forms.DateField(label=_("until"), widget=DATE_PICKER)

    @classmethod
    def default_period(cls):
        today = timezone.localdate()
        return today - datetime.timedelta(days=cls.DEFAULT_DAYS - 1), today

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError(_("The period ends before it starts."), code="order")
        return data

    def period(self):
        """The period asked for, or the default one when nothing valid was asked."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.default_period()


def staff_choices():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=NEWSROOM_ROLES)
        .distinct()
        .order_by("first_name", "username")
    )


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class AssignForm(forms.Form):
    # The staff are read when the form is made (__init__), not when this module is imported.
    writers = StaffChoiceField(queryset=None, label=_("text (文)"), required=False)
    photographers = StaffChoiceField(queryset=None, label=_("photos (图)"), required=False)
    due_date = forms.DateField(label=_("due date"), widget=DATE_PICKER)
    issue = forms.ModelChoiceField(Issue.objects.all(), label=_("target issue"), required=False)
    page_number = forms.IntegerField(label=_("target page"), min_value=1, max_value=99, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("writers", "photographers"):
            self.fields[name].queryset = staff_choices()

    def members(self):
        data = self.cleaned_data
        return [(user, AssignmentMember.Role.WRITER) for user in data["writers"]] + [
            (user, AssignmentMember.Role.PHOTOGRAPHER) for user in data["photographers"]
        ]


@admin.register(Proposal)
class ProposalAdmin(WithoutBulkDelete, ToolPages, admin.ModelAdmin):
    form = ProposalForm
    list_display = ["topic", "kind", "planned_date", "status", "proposer", "assignment_state"]
    list_filter = ["status", "kind", "planned_date"]
    search_fields = ["topic"]
    filter_horizontal = ["townships", "departments"]
    readonly_fields = ["status", "decision_note", "merged_into", "decided_by", "decided_at"]
    change_form_template = "admin/planning/proposal/change_form.html"
    change_list_template = "admin/planning/proposal/change_list.html"
    tool_pages = {
        "plan/": "plan",
        "coverage/": "coverage",
        "gaps/": "gaps",
        "<int:object_id>/decide/": "decide",
        "<int:object_id>/assign/": "assign",
        "<int:object_id>/file/": "file",
    }

    @admin.display(description=_("proposed by"))
    def proposer(self, proposal):
        return proposal.proposed_by.get_full_name() or proposal.proposed_by.get_username()

    @admin.display(description=_("assignment"))
    def assignment_state(self, proposal):
        assignment = getattr(proposal, "assignment", None)
        if assignment is None:
            return "—"
        return assignment.article.get_status_display() if assignment.article else _("assigned")

    def get_queryset(self, request):
        return rules.proposals_visible_to(request.user).select_related("proposed_by", "assignment__article")

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.can_edit_proposal(obj, request.user))

    def has_delete_permission(self, request, obj=None):
        return False  # a proposal is rejected or merged, never deleted: the plan keeps its history

    def save_model(self, request, obj, form, change):
        if not change:
            obj.proposed_by = request.user
        else:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(
                {
                    "plans": rules.can_plan(request.user),
                    "decidable": rules.is_undecided(obj),
                    "assignment": getattr(obj, "assignment", None),
                    "may_file": hasattr(obj, "assignment") and rules.can_file(obj.assignment, request.user),
                    "other_proposals": rules.merge_targets(obj, request.user)[:200],
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def back(self, proposal):
        return HttpResponseRedirect(reverse("admin:planning_proposal_change", args=[proposal.pk]))

    @method_decorator(require_POST)
    def decide_view(self, request, object_id):
        proposal = get_object_or_404(self.get_queryset(request), pk=object_id)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("The decision could not be read."), messages.ERROR)
            return self.back(proposal)
        data = form.cleaned_data
        try:
            rules.decide(
                proposal,
                request.user,
                data["decision"],
                version=data["version"],
                reason=data["reason"],
                merged_into=data["merged_into"],
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, _("The proposal is decided."), messages.SUCCESS)
        return self.back(proposal)

    def assign_view(self, request, object_id):
        proposal = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not rules.can_plan(request.user):
            raise PermissionDenied
        assignment = getattr(proposal, "assignment", None)
        if request.method == "POST":
            form = AssignForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    rules.assign(
                        proposal,
                        request.user,
                        form.members(),
                        data["due_date"],
                        data["issue"],
                        data["page_number"],
                        version=data["version"],
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(request, _("The proposal is assigned."), messages.SUCCESS)
                    return self.back(proposal)
        else:
            initial = {"due_date": proposal.planned_date}
            if assignment is not None:
                members = assignment.members.all()
                initial = {
                    "writers": [m.user for m in members if m.role == AssignmentMember.Role.WRITER],
                    "photographers": [
                        m.user for m in members if m.role == AssignmentMember.Role.PHOTOGRAPHER
                    ],
                    "due_date": assignment.due_date,
                    "issue": assignment.issue,
                    "page_number": assignment.page_number,
                    "version": assignment.version,
                }
            form = AssignForm(initial=initial)
        title = _("Assign %(topic)s") % {"topic": proposal}
        context = {**self.tool_context(request, title, proposal, crumb=_("Assign")), "form": form}
        return TemplateResponse(request, "admin/planning/proposal/assign.html", context)

    @method_decorator(require_POST)
    def file_view(self, request, object_id):
        """POST: the story of the proposal's assignment, made once, then its form."""
        proposal = get_object_or_404(self.get_queryset(request), pk=object_id)
        assignment = get_object_or_404(Assignment, proposal=proposal)
        article = rules.file_story(assignment, request.user)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def plan_view(self, request):
        """The coming two weeks: by date and by reporter, planned, assigned, filed and overdue."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            start = datetime.date.fromisoformat(request.GET.get("from", ""))
        except ValueError:
            start = timezone.localdate()
        rows = rules.plan(request.user, start)
        context = {
            **self.tool_context(request, _("Coverage plan")),
            "start": start,
            "rows": rows,
            "by_reporter": rules.by_reporter(rows).items(),
            "previous": start - datetime.timedelta(days=rules.PLAN_DAYS),
            "next": start + datetime.timedelta(days=rules.PLAN_DAYS),
        }
        return TemplateResponse(request, "admin/planning/plan.html", context)

    def coverage_view(self, request):
        """The map and tables of what the published stories covered in a period (one aggregate query)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        default_start, default_end = CoveragePeriodForm.default_period()
        form = CoveragePeriodForm(request.GET or None, initial={"start": default_start, "end": default_end})
        start, end = form.period()
        townships, departments = coverage.coverage(start, end)
        context = {
            **self.tool_context(request, _("Coverage map")),
            "form": form,
            "start": start,
            "end": end,
            "townships": townships,
            "departments": departments,
            "reaches": {reach.place.code: reach for reach in townships},
        }
        return TemplateResponse(request, "admin/planning/coverage.html", context)

    def gaps_view(self, request):
        """The current townships nothing is planned for in the coming two weeks."""
        if not rules.can_plan(request.user):
            raise PermissionDenied
        today = timezone.localdate()
        first_day, last_day = coverage.planning_window(today)
        context = {
            **self.tool_context(request, _("Planning gaps")),
            "townships": coverage.planning_gaps(today),
            "first_day": first_day,
            "last_day": last_day,
        }
        return TemplateResponse(request, "admin/planning/gaps.html", context)


class AssignmentMemberInline(RecordAdmin, admin.TabularInline):
    model = AssignmentMember
    extra = 0
    readonly_fields = ["user", "role"]


@admin.register(Assignment)
class AssignmentAdmin(RecordAdmin, admin.ModelAdmin):
    """The assignments, to look at: they are made and changed from their proposal (派稿)."""

    list_display = ["proposal", "due_date", "issue", "page_number", "article"]
    list_filter = ["due_date"]
    inlines = [AssignmentMemberInline]
    readonly_fields = ["proposal", "due_date", "issue", "page_number", "article", "assigned_by"]

    def get_queryset(self, request):
        return rules.assignments_visible_to(request.user)
