from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView

from issues.models import Issue

from . import workflow
from .models import Article


class HomeView(TemplateView):
    """The latest issue's front: its pages and their headlines, then the latest stories."""

    template_name = "articles/home.html"
    latest_count = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["issue"] = Issue.objects.published().with_published_contents().first()
        context["latest_articles"] = Article.objects.published().for_listing()[: self.latest_count]
        return context


class ArticleDetailView(DetailView):
    def get_queryset(self):
        return Article.objects.published().for_detail()


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Staff see a story exactly as readers will, before it is published. Anyone else gets a 404."""

    def get_queryset(self):
        user = self.request.user
        if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
            return Article.objects.none()
        return workflow.visible_to(Article.objects.for_detail(), user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=True, **kwargs)
