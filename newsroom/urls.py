from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from articles.sitemaps import ArticleSitemap, TagSitemap
from infrastructure.caching import public_page
from infrastructure.health import healthz, livez
from issues.sitemaps import IssueSitemap
from issues.views import PageFileView

SITEMAPS = {"articles": ArticleSitemap, "issues": IssueSitemap, "tags": TagSitemap}

admin.site.site_header = _("Lishi Convergence Media Center newsroom")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Editorial desk")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("livez", livez, name="livez"),
    path("issues/", include("issues.urls")),
    # Uploads go out only through views that check who may see them (infrastructure/media.py).
    path("media/scans/<path:name>", PageFileView.as_view(), name="page_scan"),
    path(
        "media/pages/<path:name>",
        PageFileView.as_view(folder="pages", fields=("thumbnail", "screen_image", "zoom_image")),
        name="page_image",
    ),
    path("sitemap.xml", public_page(sitemap, reads=["p"]), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        public_page(TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
        name="robots",
    ),
    path("", include("articles.urls")),
]
