from django.urls import path

from articles.models import Author


class WithoutBulkDelete:
    """Bulk deletion checks no row's own rules; such rows are deleted from their own page."""

    def get_actions(self, request):
        actions = super().get_actions(request)
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


class ToolPages:
    """The context of the admin's own tool pages, which extend templates/admin/tool.html (the desk's board,
    publishing, zones and imports; assigning, the plan, the ledger): the admin's, the crumbs to the
    changelist and to `original`, and the page's `crumb` (else its title).

    `tool_pages` declares their addresses, as `actions` does the actions: route → name, served by the
    method `<name>_view` behind the admin's login, ahead of the model's own pages, and named as the admin
    names its own (admin:<app>_<model>_<name>)."""

    tool_pages = {}

    def get_urls(self):
        opts = self.model._meta
        tools = [
            path(
                route,
                self.admin_site.admin_view(getattr(self, f"{name}_view")),
                name=f"{opts.app_label}_{opts.model_name}_{name}",
            )
            for route, name in self.tool_pages.items()
        ]
        return [*tools, *super().get_urls()]

    def tool_context(self, request, title, original=None, crumb=None):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": original,
            "title": title,
            "crumb": crumb,
        }


def own_author(user):
    """The byline name linked to this user account, if any."""
    return Author.objects.filter(user=user).first()
