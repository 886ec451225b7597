from django.views.generic import DetailView, TemplateView

from issues.models import Issue

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
