"""What every worker would otherwise build on its first requests, built once where the application is
loaded: with gunicorn's preload_app, in the master, so that each forked worker (recycled ones too) starts
with it. Nothing here touches the database or the cache, so no connection crosses the fork."""

from django.conf import settings
from django.template import engines
from django.urls import get_resolver
from django.utils import translation

# The staff's pages compile on their first use; readers' pages (Jinja2) are what a fresh worker serves first.
SKIPPED = ("registration/",)


def reader_templates():
    environment = engines["jinja2"].env
    return environment.list_templates(filter_func=lambda name: not name.startswith(SKIPPED))


def warm_up():
    """Compile the readers' templates, fill the URL resolver and load the site's translations."""
    translation.activate(settings.LANGUAGE_CODE)
    try:
        for name in reader_templates():
            engines["jinja2"].env.get_template(name)
        get_resolver().resolve("/")
    finally:
        translation.deactivate()
