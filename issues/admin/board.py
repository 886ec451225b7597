"""The assembly board (版面规划) of an issue, in the admin: its pages side by side with their stories as
cards, the pool, and the moves. The rules are the workflow's (articles/workflow/board.py, desk.py);
these views only read the request and show the board. htmx makes the round trips: a move answers with
the board as it now is, and the board asks every few seconds whether it changed (204 when not)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles import workflow
from articles.models import Article, Author, Department, Photo, Township
from issues.models import Issue

POLL_SECONDS = 5


class PoolFilter(forms.Form):
    township = forms.ModelChoiceField(Township.objects.all(), required=False, label=_("township"))
    department = forms.ModelChoiceField(Department.objects.all(), required=False, label=_("department"))
    author = forms.ModelChoiceField(Author.objects.all(), required=False, label=_("author"))
    day = forms.DateField(
        required=False, label=_("last changed on"), widget=forms.DateInput({"type": "date"})
    )


class MoveForm(forms.Form):
    """A move as the board sends it: what (a story or a photo), where (a page of the issue, or the pool
    when empty), the position from 1 (the end when empty), and the board version it was made on."""

    kind = forms.ChoiceField(choices=[("article", "article"), ("photo", "photo")])
    id = forms.IntegerField(min_value=1)
    page = forms.RegexField(r"^(pool|[0-9]{1,10})$")
    position = forms.IntegerField(min_value=1, max_value=999, required=False)
    version = forms.IntegerField(min_value=0)


def move_options(pages):
    """What every card's 移到 menu offers, made once for the board rather than once a card."""
    destinations = [("pool", _("Back to the pool"))] + [
        (page.pk, _("Page %(number)s · %(name)s") % {"number": page.number, "name": page.name})
        for page in pages
    ]
    return format_html(
        '<option value="" disabled selected hidden>{}</option>{}',
        _("Move to…"),
        format_html_join("", '<option value="{}">{}</option>', destinations),
    )


class AssemblyBoardViews:
    """Mixed into IssueAdmin (with ToolPages): the board at <issue>/board/, and its moves."""

    board_pages = {
        "<int:object_id>/board/": "board",
        "<int:object_id>/board/move/": "board_move",
        "<int:object_id>/board/undo/": "board_undo",
    }

    def _board_issue(self, request, object_id):
        issue = get_object_or_404(Issue, pk=object_id)
        if not workflow.is_reviewer(request.user):
            raise PermissionDenied
        return issue

    def board_view(self, request, object_id):
        issue = self._board_issue(request, object_id)
        if request.htmx and request.GET.get("version") == str(issue.board_version):
            return HttpResponse(status=204)  # unchanged since the editor's view: nothing to swap
        return self.render_board(request, issue)

    @method_decorator(require_POST)
    def board_move_view(self, request, object_id):
        issue = self._board_issue(request, object_id)
        form = MoveForm(request.POST)
        if not form.is_valid():
            return self.render_board(request, issue, error=_("The move sent was not understood."), status=400)
        data = form.cleaned_data
        model = Article if data["kind"] == "article" else Photo
        item = model.objects.select_related("page").filter(pk=data["id"]).first()
        to_pool = data["page"] == "pool"
        page = None if to_pool else issue.pages.filter(pk=data["page"]).first()
        if item is None or (not to_pool and page is None):
            missing = _("That story, photo or page is not here.")
            return self.render_board(request, issue, error=missing, status=400)
        try:
            made = workflow.move(issue, item, page, data["position"], data["version"], request.user)
        except workflow.TransitionNotAllowed as error:
            status = 409 if isinstance(error, workflow.StaleBoard) else 400
            return self.render_board(request, issue, error=" ".join(error.messages), status=status)
        return self.render_changes(request, issue, made)

    @method_decorator(require_POST)
    def board_undo_view(self, request, object_id):
        issue = self._board_issue(request, object_id)
        try:
            undone = workflow.undo(issue, request.POST.get("version", ""), request.user)
        except workflow.TransitionNotAllowed as error:
            status = 409 if isinstance(error, workflow.StaleBoard) else 400
            return self.render_board(request, issue, error=" ".join(error.messages), status=status)
        return self.render_changes(request, issue, undone, note=_("Your last move was undone."))

    def render_changes(self, request, issue, made, note=""):
        """A move's answer: the board's status and the pages (and the pool) the move changed, each
        swapped in place; the rest of the board stays as it is in the browser."""
        touched = {made.from_page_id, made.to_page_id}
        context = self.board_context(request, issue, note=note, only=touched - {None}, pool=None in touched)
        context |= {"touched": touched, "pool_touched": None in touched}
        return TemplateResponse(request, "admin/issues/issue/board_update.html", context)

    def render_board(self, request, issue, error="", note="", status=200):
        context = self.board_context(request, issue, error=error, note=note)
        if request.htmx:
            # A refused move's answer replaces the whole board, out of band: it shows it as it is now.
            context["oob"] = request.method == "POST"
            return TemplateResponse(request, "admin/issues/issue/board_content.html", context, status=status)
        title = _("Assembly board of %(issue)s") % {"issue": issue}
        context |= self.tool_context(request, title, issue, crumb=_("Assembly board"))
        return TemplateResponse(request, "admin/issues/issue/board.html", context, status=status)

    def board_context(self, request, issue, error="", note="", only=None, pool=True):
        """What the board shows; `only`: the pages to show of it (a move's answer), else all; the pool
        only when it is shown."""
        issue.refresh_from_db()
        filters = PoolFilter(request.GET or None)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        pages = workflow.board_pages(issue, only)
        context = {
            "issue": issue,
            "pages": pages,
            "move_url": reverse("admin:issues_issue_board_move", args=[issue.pk]),
            "move_options": move_options(pages if only is None else issue.pages.all()),
            "filters": filters,
            "filter_query": request.GET.urlencode() if filters.is_valid() else "",
            "error": error,
            "note": note,
            "poll_seconds": POLL_SECONDS,
            "may_move": not workflow.is_out(issue) or workflow.may_change_published(request.user),
        }
        if pool:
            context |= {
                "pool": workflow.pool(**{name: value for name, value in chosen.items() if value}),
                "pool_photos": workflow.loose_pool_photos(),
                "in_review": workflow.in_review(),
            }
        return context
