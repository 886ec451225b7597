"""The site's canonical address (SITE_URL): with it set, every absolute address the site writes — feeds,
the sitemap, share tags, JSON-LD — names it, whatever Host (and port) a request came with."""

from urllib.parse import urlsplit

from django.conf import settings


class CanonicalSiteMiddleware:
    """After SecurityMiddleware (which redirects plain HTTP first), before anything that writes an address
    or keys the page cache. The Host is still checked against ALLOWED_HOSTS: a bad one stays a 400."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.site = urlsplit(settings.SITE_URL) if settings.SITE_URL else None

    def __call__(self, request):
        if self.site is not None:
            request.get_host()  # DisallowedHost, a 400, for a host not allowed
            request.META["HTTP_HOST"] = self.site.netloc
            request.META.pop("HTTP_X_FORWARDED_HOST", None)
            request.META["wsgi.url_scheme"] = self.site.scheme
            if settings.SECURE_PROXY_SSL_HEADER:
                header, secure_value = settings.SECURE_PROXY_SSL_HEADER
                request.META[header] = secure_value if self.site.scheme == "https" else "http"
        return self.get_response(request)
