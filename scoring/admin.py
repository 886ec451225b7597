"""稿分 in the admin: the chief's rule sets, editors' grades and adjustments, and the month's ledger with its
lock and its exports. The computing and the guarantees are in scoring/ledger.py."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.admin.common import RecordAdmin, ToolPages, WithoutBulkDelete

from . import ledger
from .models import Adjustment, Grade, LedgerMonth, LengthBand, RuleSet

MONTH_PICKER = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class MonthField(forms.DateField):
    """A month as YYYY-MM (the browser's month picker), kept as its first day."""

    widget = MONTH_PICKER
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        found = super().to_python(value)
        return found.replace(day=1) if found else found


class LengthBandInline(admin.TabularInline):
    model = LengthBand
    extra = 1


@admin.register(RuleSet)
class RuleSetAdmin(WithoutBulkDelete, admin.ModelAdmin):
    list_display = ["name", "effective_from", "front_page_multiplier", "lead_story_points", "photo_points"]
    inlines = [LengthBandInline]


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = ["article", "level", "custom_multiplier", "graded_by", "graded_at"]
    list_filter = ["level"]
    raw_id_fields = ["article"]
    exclude = ["graded_by"]

    def save_model(self, request, obj, form, change):
        obj.graded_by = request.user
        super().save_model(request, obj, form, change)


class AdjustmentForm(forms.ModelForm):
    month = MonthField(label=_("month"))

    class Meta:
        model = Adjustment
        fields = ["author", "month", "points", "reason", "article"]

    def clean_month(self):
        month = self.cleaned_data["month"]
        ledger.check_open(month)
        return month


@admin.register(Adjustment)
class AdjustmentAdmin(admin.ModelAdmin):
    form = AdjustmentForm
    list_display = ["author", "month", "points", "reason", "created_by"]
    list_filter = ["month"]
    raw_id_fields = ["author", "article"]

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or not ledger.is_locked(obj.month)
        )

    def has_delete_permission(self, request, obj=None):
        return False  # a mistaken adjustment is answered by another, as the finance office expects


@admin.register(LedgerMonth)
class LedgerMonthAdmin(RecordAdmin, ToolPages, admin.ModelAdmin):
    list_display = ["month", "locked_by", "locked_at"]
    change_list_template = "admin/scoring/ledgermonth/change_list.html"
    tool_pages = {
        "ledger/": "ledger",
        "ledger/lock/": "lock",
        "ledger/export/": "export",
    }

    def chosen_month(self, request):
        try:
            return datetime.date.fromisoformat(request.GET.get("month", "") + "-01")
        except ValueError:
            today = timezone.localdate()
            return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)  # last month

    def ledger_view(self, request):
        """A month's ledger: everyone's for editors and the chief, one's own for anyone else."""
        month = self.chosen_month(request)
        lines = ledger.visible_lines(ledger.lines_of(month), request.user)
        by_person = {}
        for line in lines:
            by_person.setdefault(line.author.pk, []).append(line)
        people = [(author, total, by_person[author.pk]) for author, total in ledger.totals(lines)]
        title = _("Story scores of %(month)s") % {"month": f"{month:%Y-%m}"}
        context = {
            **self.tool_context(request, title, crumb=_("Ledger")),
            "month": month,
            "people": people,
            "total": sum(line.points for line in lines),
            "locked": LedgerMonth.objects.filter(month=month).select_related("locked_by").first(),
            "may_lock": request.user.has_perm(ledger.LOCK),
            "sees_all": request.user.has_perm(ledger.SEE_ALL),
            "previous": (month - datetime.timedelta(days=1)).replace(day=1),
            "next": ledger.next_month(month),
        }
        return TemplateResponse(request, "admin/scoring/ledger.html", context)

    @method_decorator(require_POST)
    def lock_view(self, request):
        month = self.chosen_month(request)
        try:
            ledger.lock(month, request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request, _("%(month)s is locked.") % {"month": f"{month:%Y-%m}"}, messages.SUCCESS
            )
        return HttpResponseRedirect(f"{reverse('admin:scoring_ledgermonth_ledger')}?month={month:%Y-%m}")

    def export_view(self, request):
        """?month=YYYY-MM&format=xlsx|csv: the month's lines and totals, as the ledger page shows them."""
        if not request.user.has_perm(ledger.SEE_ALL):
            raise PermissionDenied
        month = self.chosen_month(request)
        lines = ledger.lines_of(month)
        name = f"gaofen-{month:%Y-%m}"
        if request.GET.get("format") == "csv":
            response = HttpResponse(ledger.as_csv(month, lines), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            return response
        response = HttpResponse(
            ledger.as_xlsx(month, lines),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
