from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils.translation import gettext_lazy as _

from issues.models import Issue, Page


class IssueFilter(admin.SimpleListFilter):
    """By issue number: the latest issues to click, any other by ?issue=<number> (years hold thousands)."""

    title = _("issue")
    parameter_name = "issue"
    latest = 20

    def lookups(self, request, model_admin):
        issues = Issue.objects.order_by("-date", "-number")[: self.latest]
        return [(str(issue.number), str(issue)) for issue in issues]

    def queryset(self, request, queryset):
        return filter_by_number(queryset, "page__issue__number", self.value())


class PageFilter(admin.SimpleListFilter):
    """By page number, offered once an issue is chosen: its pages."""

    title = _("page")
    parameter_name = "page_number"

    def lookups(self, request, model_admin):
        issue = request.GET.get(IssueFilter.parameter_name, "")
        if not issue.isdigit():
            return []
        pages = Page.objects.filter(issue__number=issue).order_by("number")
        return [(str(page.number), f"{page.number} {page.name}") for page in pages]

    def has_output(self):
        # Without an issue there is nothing to offer, but a page number given by address still applies.
        return super().has_output() or self.value() is not None

    def queryset(self, request, queryset):
        return filter_by_number(queryset, "page__number", self.value())


def filter_by_number(queryset, lookup, value):
    if value is None:
        return queryset
    if not value.isdigit() or len(value) > 9:
        raise IncorrectLookupParameters(f"{value!r} is not a number")
    return queryset.filter(**{lookup: int(value)})


class AwaitingImageFilter(admin.SimpleListFilter):
    title = _("image")
    parameter_name = "awaiting_image"

    def lookups(self, request, model_admin):
        return [("1", _("awaiting image")), ("0", _("with image"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(image="")
        if self.value() == "0":
            return queryset.with_image()
        return queryset
