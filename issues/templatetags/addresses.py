from django import template

register = template.Library()


@register.filter
def address(item, preview):
    """A page's or story's address: its preview's for staff previewing an issue, else the readers'."""
    return item.get_preview_url() if preview else item.get_absolute_url()
