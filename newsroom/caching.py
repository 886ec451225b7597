from django.conf import settings
from django.views.decorators.cache import cache_control


def public_page(view):
    """Readers' pages may be kept by browsers and proxies for a few minutes."""
    return cache_control(public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)(view)
