from django.contrib.sitemaps import Sitemap

from .models import Issue


class IssueSitemap(Sitemap):
    def items(self):
        return Issue.objects.published().order_by("-date")

    def lastmod(self, issue):
        return issue.published_at
