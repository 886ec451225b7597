from django.contrib.sitemaps import Sitemap

from issues.models import Issue

from .models import Article, Department, Township


class ArticleSitemap(Sitemap):
    changefreq = "never"
    limit = 5000

    def items(self):
        return Article.objects.published().order_by("-published_at", "-pk").only("pk", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class IssueSitemap(Sitemap):
    def items(self):
        return Issue.objects.published().order_by("-date")

    def lastmod(self, issue):
        return issue.published_at


class TagSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [*Township.objects.all(), *Department.objects.all()]


SITEMAPS = {"articles": ArticleSitemap, "issues": IssueSitemap, "tags": TagSitemap}
