import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles import presence, search, workflow
from articles.models import Article, Byline, Comment, Photo

from .common import ToolPages, own_author
from .editorial import conversation
from .filters import IssueFilter, PageFilter
from .forms import ArticleAdminForm, PhotoForm, diffs


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]


class PhotoInline(admin.TabularInline):
    model = Photo
    form = PhotoForm
    fk_name = "article"
    extra = 0
    fields = ["image", "caption", "photographer"]
    autocomplete_fields = ["photographer"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "photographer":
            kwargs["initial"] = own_author(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class WorkflowRefused(Exception):
    """A workflow step asked for with a save was refused; the save is rolled back with it."""

    def __init__(self, messages):
        super().__init__(messages)
        self.messages = messages


@admin.register(Article)
class ArticleAdmin(ToolPages, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "status",
        "byline_names",
        "page",
        "position",
        "character_count",
        "published_at",
    ]
    list_filter = [
        "status",
        "townships",
        "departments",
        IssueFilter,
        PageFilter,
        ("bylines__author", admin.RelatedOnlyFieldListFilter),
        "published_at",
        "created_at",
    ]
    list_select_related = ["page__issue"]
    search_fields = ["headline"]  # see get_search_results
    date_hierarchy = "created_at"
    autocomplete_fields = ["townships", "departments"]
    # Status, publication and placement change only through the workflow (story page, page assembly).
    readonly_fields = [
        "status",
        "published_at",
        "page",
        "position",
        "character_count",
        "created_by",
        "created_at",
        "updated_at",
        "keyword_list",
    ]
    inlines = [BylineInline, PhotoInline]
    tool_pages = {
        "<int:object_id>/transition/": "transition",
        "<int:object_id>/versions/": "versions",
        "<int:object_id>/comment/": "comment",
        "<int:object_id>/presence/": "presence",
        "<int:object_id>/versions/<int:version_id>/restore/": "restore",
    }
    fieldsets = [
        (None, {"fields": ["kicker", "headline", "subtitle", "source", "body", "edit_count_seen"]}),
        (
            _("Tags"),
            {
                "fields": [
                    "townships",
                    "suggested_townships",
                    "departments",
                    "suggested_departments",
                    "event_date",
                    "keyword_list",
                ]
            },
        ),
        (_("Placement and status"), {"fields": ["page", "position", "status", "published_at"]}),
        (
            _("Record"),
            {
                "classes": ["collapse"],
                "fields": ["character_count", "created_by", "created_at", "updated_at"],
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            # A new story has no saved text to suggest tags from, nor keywords.
            hidden = {"suggested_townships", "suggested_departments", "keyword_list"}
        elif not self.has_change_permission(request, obj):
            # Read-only: suggestions are for ticking, and the form's own fields have nothing to show.
            hidden = {"suggested_townships", "suggested_departments", "edit_count_seen"}
        else:
            return self.fieldsets
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field not in hidden]})
            for name, options in self.fieldsets
        ]

    @admin.display(description=_("keywords"))
    def keyword_list(self, article):
        return "、".join(keyword.word for keyword in article.keywords.all()) or "—"

    def get_queryset(self, request):
        stories = workflow.visible_to(super().get_queryset(request), request.user)
        return stories.prefetch_related("bylines__author")

    def get_search_results(self, request, queryset, search_term):
        """Staff search every status they may see: by words, as readers search, or by part of a headline."""
        if not search_term.strip():
            return queryset, False
        by_words = search.matching(queryset, search.query_terms(search_term))
        return by_words | queryset.filter(headline__icontains=search_term.strip()), False

    def get_ordering(self, request):
        # A reporter's own stories come first, then the newest. A condition on the row and a list of
        # bylined ids, not a subquery per row: with 100,000 stories that is 60 ms instead of 500.
        signed = Byline.objects.filter(author__user=request.user).values("article")
        own = ExpressionWrapper(Q(created_by=request.user) | Q(pk__in=signed), output_field=BooleanField())
        return [own.desc(nulls_last=True), "-created_at"]

    @admin.display(description=_("authors"))
    def byline_names(self, article):
        return " ".join(byline.author.name for byline in article.bylines.all())

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(obj, request.user))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.workflow_refusal = getattr(request, "workflow_refusal", None)
        return form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        # A reporter's own byline is filled in when they file a story without one.
        author = own_author(request.user)
        if not change and author and not article.bylines.exists():
            Byline.objects.create(article=article, author=author, role=Byline.Role.WRITER)
        # Compared as stored (the body's paragraphs normalised), not as typed: a browser sends CRLF.
        changed = [
            form.fields[name].label
            for name in workflow.PRINTED_FIELDS
            if name in form.changed_data and getattr(article, name) != (form.initial.get(name) or "")
        ]
        changed += [formset.model._meta.verbose_name_plural for formset in formsets if formset.has_changed()]
        voided = change and changed and workflow.printed_content_changed(article, request.user, changed)
        if voided:
            self.message_user(
                request,
                _("The printed content changed after review, so the review signatures are void."),
                messages.WARNING,
            )
        action = form.cleaned_data.get("workflow_action")
        if voided and action in workflow.ACTIONS and workflow.ACTIONS[action].signs_review:
            raise WorkflowRefused(
                [
                    _(
                        "Your changes to the printed content void the signatures given to the old text, so "
                        "this signature cannot follow them. Save first: the story goes back to first review."
                    )
                ]
            )
        if action:
            comment = form.cleaned_data.get("workflow_comment", "")
            try:
                workflow.perform(article, action, request.user, comment=comment)
            except workflow.TransitionNotAllowed as error:
                raise WorkflowRefused(error.messages) from None

    def response_change(self, request, obj):
        action = request.POST.get("workflow_action")
        if not action:
            return super().response_change(request, obj)
        return self.step_taken(request, obj, action, _("“%(headline)s” is saved: %(action)s."))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Every save through the story form keeps a version, with who saved it.
        try:
            with reversion.create_revision():
                reversion.set_user(request.user)
                return super().changeform_view(request, object_id, form_url, extra_context)
        except WorkflowRefused as refused:
            # Nothing was saved. Show the form again with the user's changes and the reason.
            request.workflow_refusal = refused.messages
            return super().changeform_view(request, object_id, form_url, extra_context)

    @method_decorator(require_POST)
    def comment_view(self, request, object_id):
        """POST text=…: add an editorial comment to a story the user can see."""
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not workflow.can_comment(request.user):
            raise PermissionDenied
        comment = Comment(article=article, author=request.user, text=request.POST.get("text", "").strip())
        try:
            if len(comment.text) > 5000:
                raise ValidationError(_("Write a comment of at most 5,000 characters."))
            comment.full_clean()
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            comment.save()
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]) + "#comments")

    @method_decorator(require_POST)
    def presence_view(self, request, object_id):
        """POST from the open story page: renew the user's presence note, or with leave=1 drop it."""
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if request.POST.get("leave"):
            presence.mark_left(article.pk, request.user)
        else:
            presence.mark_open(article.pk, request.user)
        return HttpResponse(status=204)

    def versions_view(self, request, object_id):
        """The story's versions; ?old=<id>&new=<id> shows a character-level diff of the two."""
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        versions = list(
            reversion.models.Version.objects.get_for_object(article).select_related("revision__user")
        )
        by_id = {version.pk: version for version in versions}
        comparison = None
        old, new = request.GET.get("old", ""), request.GET.get("new", "")
        if old.isdigit() and new.isdigit() and int(old) in by_id and int(new) in by_id:
            comparison = diffs(
                Article.content_changes(by_id[int(old)].field_dict, by_id[int(new)].field_dict)
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": _("Versions of “%(headline)s”") % {"headline": article},
            "versions": versions,
            "comparison": comparison,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/versions.html", context)

    @method_decorator(require_POST)
    def restore_view(self, request, object_id, version_id):
        """POST: bring back an older version's text; the restore is itself a new version."""
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(reversion.models.Version.objects.get_for_object(article), pk=version_id)
        with reversion.create_revision():
            article.restore_content(version)
            article.save()
            reversion.set_user(request.user)
            reversion.set_comment(
                _("Restored the version of %(date)s.") % {"date": version.revision.date_created}
            )
        self.message_user(request, _("The older version is restored."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_versions", args=[article.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            transitions = list(obj.transitions.select_related("actor"))
            last_version = (
                reversion.models.Version.objects.get_for_object(obj).select_related("revision__user").first()
            )
            context |= {
                "workflow_actions": workflow.available_actions(obj, request.user),
                "actions_save_the_form": self.has_change_permission(request, obj),
                "next_step": workflow.next_step(obj),
                "conversation": conversation(transitions, obj.comments.select_related("author")),
                "return_reason": next(
                    (step for step in reversed(transitions) if step.target == Article.Status.RETURNED), None
                )
                if obj.status == Article.Status.RETURNED
                else None,
                "also_open_by": presence.mark_open(obj.pk, request.user),
                "presence_heartbeat": presence.HEARTBEAT_SECONDS,
                "last_version": last_version,
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    @method_decorator(require_POST)
    def transition_view(self, request, object_id):
        """POST action=… comment=…: one workflow step; errors become messages, never a 500."""
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            workflow.perform(article, action, request.user, comment=request.POST.get("comment", "")[:5000])
        except workflow.TransitionNotAllowed as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return self.step_taken(request, article, action, _("“%(headline)s”: %(action)s."))

    def step_taken(self, request, article, action, message):
        """Say which step was taken, and go back to the story's form."""
        label = workflow.ACTIONS[action].label
        self.message_user(request, message % {"headline": article, "action": label}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
