import calendar

from django.db.models import Min, Q, prefetch_related_objects
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView, View

from articles import workflow
from articles.models import issue_contents, printed_page_contents
from articles.views import HomeView
from infrastructure.media import stored_file_response

from .models import Issue, Page


class PublishedIssueMixin:
    slug_field = slug_url_kwarg = "number"
    is_preview = False

    def get_queryset(self):
        return Issue.objects.published().prefetch_related(*issue_contents())


class PreviewMixin:
    """Staff see an issue, its pages and the home page as readers will once it is out, with every
    placed story (the links go to the previews). Never cached; anyone else gets a 404."""

    is_preview = True

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if not workflow.can_preview(request.user):
            raise Http404("No such issue.")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Issue.objects.prefetch_related(*issue_contents(preview=True))


class IssueDetailView(PublishedIssueMixin, DetailView):
    """版面导航: the pages of one edition, each with its stories in order."""


class PageDetailView(PublishedIssueMixin, DetailView):
    """The 数字报 page: the printed page's image with each published story's zones as links, its
    headlines, its photos, the issue's pages as thumbnails, and the pages either side."""

    template_name = "issues/page_detail.html"

    def get_context_data(self, **kwargs):
        pages = list(self.object.pages.all())
        numbers = [page.number for page in pages]
        try:
            index = numbers.index(self.kwargs["page"])
        except ValueError:
            raise Http404("No such page in this issue.") from None
        prefetch_related_objects([pages[index]], *printed_page_contents(self.is_preview))
        return super().get_context_data(
            page=pages[index],
            previous_page=pages[index - 1] if index > 0 else None,
            next_page=pages[index + 1] if index + 1 < len(pages) else None,
            **kwargs,
        )


class IssuePreviewView(PreviewMixin, IssueDetailView):
    pass


class PagePreviewView(PreviewMixin, PageDetailView):
    pass


class HomePreviewView(PreviewMixin, HomeView):
    """The home page with this issue at its top; the stories readers see now below."""

    def front_issue(self):
        found = self.get_queryset().filter(number=self.kwargs["number"]).first()
        if found is None:
            raise Http404("No such issue.")
        return found


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
        of_year = issues.filter(date__year=year).annotate(first_page=Min("pages__number")) if year else []
        by_date = {issue.date: issue for issue in of_year}
        weeks = calendar.Calendar(firstweekday=0)
        months = [
            (
                month,
                [[(day, by_date.get(day)) for day in week] for week in weeks.monthdatescalendar(year, month)],
            )
            for month in range(1, 13)
            if any(date.month == month for date in by_date)
        ]
        latest = list(of_year.prefetch_related("pages")[:6]) if year else []
        return super().get_context_data(
            years=years, year=year, months=months, issue_count=len(by_date), latest=latest, **kwargs
        )


class PageFileView(View):
    """A printed page's file: its PDF or scan (/media/scans/<name>) or one of its images
    (/media/pages/<name>). Readers have it once its issue is published; before that, staff only.
    Images are named by their content, so a published one is kept by browsers for good."""

    folder = "scans"
    fields = ("scan",)

    def get(self, request, name):
        name = f"{self.folder}/{name}"
        condition = Q()
        for field in self.fields:
            condition |= Q(**{field: name})
        pages = Page.objects.filter(condition)
        private = not pages.filter(issue__in=Issue.objects.published()).exists()
        if not pages.exists() or (private and not workflow.can_see_unpublished_pages(request.user)):
            raise Http404("No such file.")
        return stored_file_response(name, private=private, lasting=self.folder == "pages")
