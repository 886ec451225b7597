import calendar

from django.http import Http404
from django.views.generic import DetailView, TemplateView, View

from articles import workflow
from articles.models import issue_contents
from infrastructure.media import stored_file_response

from .models import Issue, Page


class PublishedIssueMixin:
    slug_field = slug_url_kwarg = "number"

    def get_queryset(self):
        return Issue.objects.published().prefetch_related(*issue_contents())


class IssueDetailView(PublishedIssueMixin, DetailView):
    """版面导航: the pages of one edition, each with its stories in order."""


class PageDetailView(PublishedIssueMixin, DetailView):
    """One page of an edition, with its stories in order, its photos, and the pages either side."""

    template_name = "issues/page_detail.html"

    def get_context_data(self, **kwargs):
        pages = list(self.object.pages.all())
        numbers = [page.number for page in pages]
        try:
            index = numbers.index(self.kwargs["page"])
        except ValueError:
            raise Http404("No such page in this issue.") from None
        return super().get_context_data(
            page=pages[index],
            previous_page=pages[index - 1] if index > 0 else None,
            next_page=pages[index + 1] if index + 1 < len(pages) else None,
            **kwargs,
        )


class IssueArchiveView(TemplateView):
    """/issues/?year=2021: past issues (往期) of one year as a calendar, with links to the other years."""

    template_name = "issues/issue_archive.html"
    query_parameters = ("year",)

    def get_context_data(self, **kwargs):
        issues = Issue.objects.published()
        years = [day.year for day in issues.dates("date", "year", order="DESC")]
        requested = self.request.GET.get("year", "")
        if requested:
            if not (requested.isdigit() and len(requested) == 4 and int(requested) in years):
                raise Http404("No issues that year.")
            year = int(requested)
        else:
            year = years[0] if years else None
        by_date = {issue.date: issue for issue in issues.filter(date__year=year)} if year else {}
        weeks = calendar.Calendar(firstweekday=0)
        months = [
            (
                month,
                [[(day, by_date.get(day)) for day in week] for week in weeks.monthdatescalendar(year, month)],
            )
            for month in range(1, 13)
            if any(date.month == month for date in by_date)
        ]
        return super().get_context_data(
            years=years, year=year, months=months, issue_count=len(by_date), **kwargs
        )


class PageScanView(View):
    """/media/scans/<name>: a printed page's scan, for readers once its issue is published, before that
    for staff only."""

    def get(self, request, name):
        name = f"scans/{name}"
        pages = Page.objects.filter(scan=name)
        private = not pages.filter(issue__in=Issue.objects.published()).exists()
        if private and not workflow.can_see_unpublished_pages(request.user):
            raise Http404("No such scan.")
        if not pages.exists():
            raise Http404("No such scan.")
        return stored_file_response(name, private=private)
