"""What every worker would otherwise build on its first requests, built once where the application is
loaded: with gunicorn's preload_app, in the master, so that each forked worker (recycled ones too) starts
with it. Nothing here touches the database or the cache, so no connection crosses the fork."""

from pathlib import Path

from django.conf import settings
from django.template import engines
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

# The staff's pages compile on their first use; readers' pages are what a fresh worker serves first.
SKIPPED = ("admin/", "registration/")


def reader_templates():
    for directory in engines["django"].engine.dirs:
        for path in sorted(Path(directory).rglob("*.html")):
            name = path.relative_to(directory).as_posix()
            if not name.startswith(SKIPPED):
                yield name


def warm_up():
    """Compile the readers' templates, fill the URL resolver and load the site's translations."""
    translation.activate(settings.LANGUAGE_CODE)
    try:
        for name in reader_templates():
            get_template(name)
        get_resolver().resolve("/")
    finally:
        translation.deactivate()
