from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Lishi Convergence Media Center newsroom")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Editorial desk")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("issues/", include("issues.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    # Only the development server serves uploads; production puts a web server or object storage in front.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
