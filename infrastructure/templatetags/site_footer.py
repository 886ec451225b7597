"""The footer's registrations, read from settings by a tag rather than a context processor, so that the
500 page, rendered without one, shows them too."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("includes/registrations.html")
def registrations():
    return settings.SITE_REGISTRATIONS
