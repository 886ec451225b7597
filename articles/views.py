import segno
from django.core.paginator import Page
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import (
    DayArchiveView,
    DetailView,
    ListView,
    MonthArchiveView,
    TemplateView,
    View,
    YearArchiveView,
)
from django.views.generic.detail import BaseDetailView
from django_filters.views import FilterView

from chinese_text.highlight import marked, snippet
from infrastructure.caching import LIST_POSITION, RememberedCountPaginator, list_name
from infrastructure.media import stored_file_response
from issues.models import Issue

from . import workflow
from .filters import ArticleFilter, SearchForm
from .models import Article, Author, Department, Photo, Township, issue_contents
from .search import SearchResults


class ListingPage(Page):
    def older_key(self):
        """What the link to the next page says it starts after: this page's last story, when the page is a
        list of stories (not a search's ranked results)."""
        if isinstance(self.object_list, models.QuerySet) and self.object_list:
            return list(self.object_list)[-1].pk
        return None


class ListingPaginator(RememberedCountPaginator):
    """A page of a list reads its stories with what a list shows of them (ArticleQuerySet.for_listing).
    Given `after` (the last story of the page before, from its "older" link), the page is read from there
    (ArticleQuerySet.after) instead of counting down to it; a story no longer in the list leaves the page
    to its number."""

    def __init__(self, *args, after=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.after = after

    def page(self, number):
        if self.after is None or not isinstance(self.object_list, models.QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        last = self.object_list.filter(pk=self.after).values_list("listing_date", "position", "pk").first()
        if last is None:
            return super().page(number)
        return self._get_page(self.object_list.after(*last)[: self.per_page], number, self)

    def _get_page(self, object_list, number, paginator):
        if isinstance(object_list, models.QuerySet):
            object_list = object_list.for_listing()
        return ListingPage(object_list, number, paginator)


class PublishedArticlesMixin:
    """Every public list reads published stories, newest first, 20 to a page."""

    paginate_by = 20
    paginator_class = ListingPaginator
    query_parameters = LIST_POSITION

    def get_queryset(self):
        return Article.objects.published().newest_first()

    def get_paginator(self, queryset, per_page, **kwargs):
        after = self.request.GET.get("after")
        if after is not None and not (after.isascii() and after.isdigit() and int(after) < 2**63):
            raise Http404("No such story to start after.")
        return super().get_paginator(
            queryset, per_page, name=list_name(self.request), after=after and int(after), **kwargs
        )


class HomeView(TemplateView):
    """The front page: a lead story with its picture, the latest stories, the latest issue by page (the
    paper's sections) with its front page's image, and the townships and departments to browse."""

    template_name = "articles/home.html"
    latest_count = 10
    is_preview = False

    def front_issue(self):
        return Issue.objects.published().prefetch_related(*issue_contents()).first()

    def get_context_data(self, **kwargs):
        latest = list(PublishedArticlesMixin.get_queryset(self).for_listing()[: self.latest_count + 1])
        # The newest story with a picture leads; the rest follow it.
        lead = next((story for story in latest if story.listing.photo), latest[0] if latest else None)
        return super().get_context_data(
            issue=self.front_issue(),
            lead=lead,
            latest_articles=[story for story in latest if story is not lead][: self.latest_count],
            townships=Township.objects.current(),
            departments=Department.objects.with_printed_names(),
            **kwargs,
        )


class ArticleListView(PublishedArticlesMixin, FilterView):
    filterset_class = ArticleFilter
    template_name = "articles/article_list.html"
    query_parameters = (*PublishedArticlesMixin.query_parameters, *ArticleFilter.base_filters)


class SearchView(ArticleListView):
    """/search/?q=…: the list's filters, and with a query its matches ranked by relevance and marked."""

    template_name = "articles/search.html"
    query_parameters = (*ArticleListView.query_parameters, "q")

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        results = None
        if query:
            results = SearchResults(
                self.filterset.untagged_qs(),
                query,
                remember_as=list_name(self.request),
                tags=self.filterset.chosen_tags(),
            )
            kwargs["object_list"] = results
        elif form.errors:
            kwargs["object_list"] = Article.objects.none()
        context = super().get_context_data(search_form=form, query=query, results=results, **kwargs)
        if results is not None:
            for article in context["object_list"]:
                article.marked_headline = marked(article.headline, results.terms)
                article.snippet = snippet(article.body, results.terms)
        return context


class TaggedArticleListView(PublishedArticlesMixin, ListView):
    """Stories of one township, department or author: /townships/<slug>/ and the like."""

    tag_model = None
    tag_field = None
    template_name = "articles/tagged_list.html"

    def tags(self):
        return self.tag_model.objects.all()

    def get_queryset(self):
        self.tag = get_object_or_404(self.tags(), slug=self.kwargs["slug"])
        return super().get_queryset().filter(**{self.tag_field: self.tag})

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class TownshipArticleListView(TaggedArticleListView):
    tag_model, tag_field = Township, "townships"


class DepartmentArticleListView(TaggedArticleListView):
    tag_model, tag_field = Department, "departments"


class AuthorArticleListView(TaggedArticleListView):
    """A person's page exists once a published story names them; one named only in drafts is a 404."""

    tag_model, tag_field = Author, "authors"

    def tags(self):
        return Author.objects.published()


class ArchiveMixin(PublishedArticlesMixin):
    """The archive by listing date: /archive/<yyyy>/, /archive/<yyyy>/<mm>/, /archive/<yyyy>/<mm>/<dd>/.
    A period without stories is a page too; an impossible date is a 404."""

    template_name = "articles/archive.html"
    date_field = "listing_date"
    month_format = "%m"
    allow_empty = True
    allow_future = True  # an issue is dated the day it is printed, which may be ahead of its publication


class YearArchive(ArchiveMixin, YearArchiveView):
    make_object_list = True


class MonthArchive(ArchiveMixin, MonthArchiveView):
    pass


class DayArchive(ArchiveMixin, DayArchiveView):
    pass


class TownshipListView(ListView):
    template_name = "articles/township_list.html"
    extra_context = {"title": _("Townships")}

    def get_queryset(self):
        return Township.objects.with_published_counts()


class DepartmentListView(ListView):
    template_name = "articles/department_list.html"
    extra_context = {"title": _("Departments")}

    def get_queryset(self):
        return Department.objects.with_published_counts().with_printed_names()


class ArticleDetailView(DetailView):
    is_preview = False

    def get_queryset(self):
        return Article.objects.published().for_detail()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            withdrawn = Article.objects.withdrawn().filter(pk=kwargs["pk"]).first()
            if withdrawn is None or self.is_preview:
                raise
            context = {"reason": withdrawn.withdrawal_reason()}
            return TemplateResponse(request, "articles/article_gone.html", context, status=410)

    def get_context_data(self, **kwargs):
        article = self.object
        related = list(Article.objects.related_to(article).for_listing())
        previous_on_page, next_on_page = article.page_neighbours()
        image = self.request.build_absolute_uri(article.share_image_url())
        address = self.request.build_absolute_uri(article.get_absolute_url())
        return super().get_context_data(
            related=related,
            address=address,
            previous_on_page=previous_on_page,
            next_on_page=next_on_page,
            printed_place=article.place_on_printed_page(),
            share_image=image,
            structured_data={
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": article.headline,
                "alternativeHeadline": article.subtitle.lstrip("—") or None,
                "datePublished": article.published_at.isoformat() if article.published_at else None,
                "dateModified": article.updated_at.isoformat(),
                "author": [{"@type": "Person", "name": b.author.name} for b in article.bylines_in_order],
                "publisher": {"@type": "Organization", "name": "离石区融媒体中心"},
                "image": [image],
                "inLanguage": "zh-Hans",
                "mainEntityOfPage": self.request.build_absolute_uri(),
            },
            **kwargs,
        )


class ArticleAddressCodeView(BaseDetailView):
    """/articles/<pk>/qr.svg: the story's address as a QR code, for a reader at a computer to scan with
    WeChat. An image of its own rather than markup in the page: phones, where most readers are, never
    show it and so never fetch it, and drawing it costs as much as the rest of the page's Python."""

    def get_queryset(self):
        return Article.objects.published()

    def render_to_response(self, context):
        address = self.request.build_absolute_uri(self.object.get_absolute_url())
        response = HttpResponse(content_type="image/svg+xml")
        # Without a size, the picture takes the one the page gives it.
        segno.make(address, error="m").save(response, kind="svg", dark="#1d1b18", omitsize=True)
        return response


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Staff see a story exactly as readers will, before it is published. Anyone else gets a 404."""

    is_preview = True

    def get_queryset(self):
        user = self.request.user
        if not workflow.can_preview(user):
            return Article.objects.none()
        return workflow.visible_to(Article.objects.for_detail(), user)


class PhotoFileView(View):
    """/media/photos/<name>: a photo's file (original or rendition) for readers once the photo is public,
    and for the staff who may see it before; a 404 for anyone else, so an unpublished photo cannot be
    fetched even by someone who learnt its address."""

    def get(self, request, name):
        name = f"photos/{name}"
        stored = Photo.stored_as(name)
        private = not Photo.objects.public().filter(stored).exists()
        if private and not workflow.photos_visible_to(Photo.objects.filter(stored), request.user).exists():
            raise Http404("No such photo.")
        return stored_file_response(name, private=private)
