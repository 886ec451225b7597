from django.contrib.sitemaps import Sitemap

from .models import Article, Department, Township


class ArticleSitemap(Sitemap):
    changefreq = "never"
    limit = 5000

    def items(self):
        return Article.objects.published().order_by("-published_at", "-pk").only("pk", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class TagSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [*Township.objects.all(), *Department.objects.all()]
