from django.http import Http404
from django.views.generic import DetailView

from .models import Issue


class PublishedIssueMixin:
    slug_field = slug_url_kwarg = "number"

    def get_queryset(self):
        return Issue.objects.published().with_published_contents()


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
