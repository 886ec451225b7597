"""What the issue and page admins share: the rule that what readers see is the chief's, and going back
to an object's form."""

from django.http import HttpResponseRedirect
from django.urls import reverse

from articles import workflow


class PublishedIssueRules:
    """What readers already see changes only by the chief editor (Django's log records each change); the
    number of a published issue and of its pages, which make their addresses, never changes."""

    def issue_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (
            not workflow.is_out(self.issue_of(obj)) or workflow.may_change_published(request.user)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not workflow.is_out(self.issue_of(obj))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, *self.fixed_once_out] if workflow.is_out(self.issue_of(obj)) else fields


def redirect_to_change(model_admin, obj):
    opts = model_admin.model._meta
    return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
