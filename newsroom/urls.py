from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from articles.sitemaps import SITEMAPS
from newsroom.caching import public_page
from newsroom.health import healthz, livez

admin.site.site_header = _("Lishi Convergence Media Center newsroom")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Editorial desk")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("livez", livez, name="livez"),
    path("issues/", include("issues.urls")),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        public_page(TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
        name="robots",
    ),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    # Only the development server serves uploads; production puts a web server or object storage in front.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
