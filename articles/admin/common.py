from articles.models import Author


def without_bulk_delete(actions):
    """Bulk deletion checks no row's own rules; such rows are deleted from their own page."""
    actions.pop("delete_selected", None)
    return actions


class RecordAdmin:
    """A record the admin shows and never changes by hand: steps, assignments, locked months."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def own_author(user):
    """The byline name linked to this user account, if any."""
    return Author.objects.filter(user=user).first()
