"""The readers' templates' environment (jinja2/): Jinja2 renders the public pages, the Django template
language the staff's. Jinja2 compiles a template to Python; the profile of a list page made afresh spent
four fifths of its time in the Django engine's {% for %} and {% include %} nodes (docs/benchmarks.md).

Strings are marked with _("…") (old-style, so that `makemessages` finds them as it finds them in Django
templates) and filled in with |format(name=…); plurals are the functions below, so that their msgids
live in Python, where `makemessages` reads ngettext.
"""

import itertools
import json
import operator

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template import defaultfilters
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import ngettext, npgettext
from jinja2 import Environment

from infrastructure.addresses import cached_reverse
from infrastructure.caching import LIST_POSITION

# As Django's json_script: with <, > and & escaped, text can never close the script element.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def url(name, *args, **kwargs):
    return cached_reverse(name, *args, **kwargs)


def date(value, format_string):
    """Django's |date, on the value in the site's time zone as Django's templates give it."""
    return defaultfilters.date(template_localtime(value), format_string)


def truncatechars(value, length):
    return defaultfilters.truncatechars(value or "", length)


def address(item, preview):
    """A page's or story's address: its preview's for staff previewing an issue, else the readers'."""
    return item.get_preview_url() if preview else item.get_absolute_url()


def json_ld(value):
    """Structured data in the <script type="application/ld+json"> element search engines read.

    Django's json_script writes type="application/json", which they ignore.
    """
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def regroup(items, attribute):
    """Runs of items with the same attribute, in their order, as Django's {% regroup %} makes them."""
    return [(key, list(group)) for key, group in itertools.groupby(items, operator.attrgetter(attribute))]


def scaled_height(width, image_width, image_height):
    """The height of an image shown `width` wide, as Django's {% widthratio %} rounds it."""
    return round(image_height / image_width * width) if image_width else 0


def page_address(request, number, after=None):
    """This list's address on another of its pages: the same filters, then page=number, and after= the story
    that page starts after when it is known (ListingPaginator)."""
    query = request.GET.copy()
    for name in LIST_POSITION:
        query.pop(name, None)
    query["page"] = number
    if after is not None:
        query["after"] = after
    return f"?{query.urlencode()}"


def stories_counted(count):
    return npgettext("public count", "%(counter)s story", "%(counter)s stories", count) % {"counter": count}


def stories_found(count):
    return ngettext("%(counter)s story found", "%(counter)s stories found", count) % {"counter": count}


def issues_counted(count):
    return ngettext("%(counter)s issue", "%(counter)s issues", count) % {"counter": count}


def site_registrations():
    """Read from settings on each use rather than by a context processor, so that the 500 page, rendered
    without a request, shows them too."""
    return settings.SITE_REGISTRATIONS


def environment(**options):
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_translations(translation, newstyle=False)
    env.globals.update(
        url=url,
        static=static,
        page_address=page_address,
        scaled_height=scaled_height,
        stories_counted=stories_counted,
        stories_found=stories_found,
        issues_counted=issues_counted,
        site_registrations=site_registrations,
    )
    env.filters.update(
        date=date,
        truncatechars=truncatechars,
        linebreaksbr=defaultfilters.linebreaksbr,
        address=address,
        json_ld=json_ld,
        regroup=regroup,
    )
    return env
