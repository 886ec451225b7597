import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from chinese_text.diff import character_diff
from infrastructure import images
from issues.models import Issue, Page

from . import dictionary, people, presence, search, workflow
from .models import (
    Article,
    Author,
    Byline,
    Comment,
    Department,
    DepartmentShortName,
    Photo,
    Place,
    Term,
    Township,
    TownshipAlias,
    Transition,
)


class TownshipAliasInline(admin.TabularInline):
    model = TownshipAlias
    extra = 1


@admin.register(Township)
class TownshipAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "slug", "is_current", "merged_into"]
    list_filter = ["kind", ("abolished_on", admin.EmptyFieldListFilter)]
    search_fields = ["name", "code", "aliases__name"]
    inlines = [TownshipAliasInline]

    @admin.display(boolean=True, description=_("current"))
    def is_current(self, township):
        return township.is_current


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "township", "kind"]
    list_filter = ["kind", "township"]
    list_select_related = ["township"]
    search_fields = ["name"]


class DepartmentShortNameInline(admin.TabularInline):
    model = DepartmentShortName
    extra = 1


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name_list", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "short_names__name"]
    inlines = [DepartmentShortNameInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("short_names")

    @admin.display(description=_("short names"))
    def short_name_list(self, department):
        return "、".join(short_name.name for short_name in department.short_names.all())


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["word", "note"]
    search_fields = ["word", "note"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "township", "department", "user"]
    list_filter = ["kind"]
    list_select_related = ["township", "department", "user"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["township", "department", "user"]

    def has_change_permission(self, request, obj=None):
        # A name readers already see in print is the chief editor's to change.
        allowed = super().has_change_permission(request, obj)
        if obj is None or workflow.may_change_published(request.user):
            return allowed
        return allowed and not Author.objects.in_print().filter(pk=obj.pk).exists()


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]


class PhotoForm(forms.ModelForm):
    """Stores the checked, upright, metadata-free version of an upload, never the file as sent. A photo
    reaches a page only through placement (the page's assembly), never through this form."""

    class Meta:
        model = Photo
        fields = ["image", "caption", "alt_text", "photographer", "article", "townships"]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and image != self.initial.get("image"):
            # A new image needs new renditions.
            self.instance.thumbnail = self.instance.display = None
            return images.clean_upload(image)
        return image


def without_bulk_delete(actions):
    """Bulk deletion checks no row's own rules; such rows are deleted from their own page."""
    actions.pop("delete_selected", None)
    return actions


def own_author(user):
    """The byline name linked to this user account, if any."""
    return Author.objects.filter(user=user).first()


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


def suggestions_field(model, label):
    """Tags the gazetteer tagger found in the saved text; the form fills in the choices per story."""
    return forms.ModelMultipleChoiceField(
        model.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=label,
        help_text=_("Named in the saved text but not yet tagged. Tick the ones to add."),
    )


def diffs(changes):
    """(field name, character diff) for the Article.content_changes shown to an editor."""
    return [(field.verbose_name, character_diff(before, after)) for field, before, after in changes]


class ArticleAdminForm(forms.ModelForm):
    """The story form, refusing a save based on an older text than the stored one. Its workflow buttons
    (保存并提交, 保存并通过, 保存并退回…) save the changes and take the step in one transaction."""

    edit_count_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)
    workflow_action = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)
    workflow_comment = forms.CharField(
        required=False, max_length=5000, strip=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60})
    )
    # Set by ArticleAdmin when the step was refused after the save was tried (and rolled back).
    workflow_refusal = None
    suggested_townships = suggestions_field(Township, _("suggested townships"))
    suggested_departments = suggestions_field(Department, _("suggested departments"))

    class Meta:
        model = Article
        fields = [*Article.CONTENT_FIELDS, "townships", "departments"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale_changes = []
        if self.instance.pk:
            self.fields["edit_count_seen"].initial = self.instance.edit_count
            suggested = dictionary.suggested_tags(self.instance)
            self.fields["suggested_townships"].queryset = suggested.townships
            self.fields["suggested_departments"].queryset = suggested.departments

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.townships.add(*self.cleaned_data.get("suggested_townships", []))
        self.instance.departments.add(*self.cleaned_data.get("suggested_departments", []))

    def clean(self):
        cleaned_data = super().clean()
        if self.workflow_refusal:
            raise ValidationError(self.workflow_refusal, code="workflow")
        if self.instance.pk:
            seen = cleaned_data.get("edit_count_seen")
            try:
                self.instance.check_not_stale(-1 if seen is None else seen, cleaned_data)
            except ValidationError:
                stored = Article.objects.get(pk=self.instance.pk)
                self.stale_changes = diffs(Article.content_changes(stored.content(), cleaned_data))
                raise
        return cleaned_data


class IssueFilter(admin.SimpleListFilter):
    """By issue number: the latest issues to click, any other by ?issue=<number> (years hold thousands)."""

    title = _("issue")
    parameter_name = "issue"
    latest = 20

    def lookups(self, request, model_admin):
        issues = Issue.objects.order_by("-date", "-number")[: self.latest]
        return [(str(issue.number), str(issue)) for issue in issues]

    def queryset(self, request, queryset):
        return filter_by_number(queryset, "page__issue__number", self.value())


class PageFilter(admin.SimpleListFilter):
    """By page number, offered once an issue is chosen: its pages."""

    title = _("page")
    parameter_name = "page_number"

    def lookups(self, request, model_admin):
        issue = request.GET.get(IssueFilter.parameter_name, "")
        if not issue.isdigit():
            return []
        pages = Page.objects.filter(issue__number=issue).order_by("number")
        return [(str(page.number), f"{page.number} {page.name}") for page in pages]

    def has_output(self):
        # Without an issue there is nothing to offer, but a page number given by address still applies.
        return super().has_output() or self.value() is not None

    def queryset(self, request, queryset):
        return filter_by_number(queryset, "page__number", self.value())


def filter_by_number(queryset, lookup, value):
    if value is None:
        return queryset
    if not value.isdigit() or len(value) > 9:
        raise IncorrectLookupParameters(f"{value!r} is not a number")
    return queryset.filter(**{lookup: int(value)})


class WorkflowRefused(Exception):
    """A workflow step asked for with a save was refused; the save is rolled back with it."""

    def __init__(self, messages):
        super().__init__(messages)
        self.messages = messages


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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
        self.message_user(
            request,
            _("“%(headline)s” is saved: %(action)s.")
            % {"headline": obj, "action": workflow.ACTIONS[action].label},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

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

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "<int:object_id>/transition/", view(self.transition_view), name="articles_article_transition"
            ),
            path("<int:object_id>/versions/", view(self.versions_view), name="articles_article_versions"),
            path("<int:object_id>/comment/", view(self.comment_view), name="articles_article_comment"),
            path("<int:object_id>/presence/", view(self.presence_view), name="articles_article_presence"),
            path(
                "<int:object_id>/versions/<int:version_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def comment_view(self, request, object_id):
        """POST text=…: add an editorial comment to a story the user can see."""
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not request.user.has_perm(workflow.ADD_COMMENT):
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
        else:
            self.message_user(
                request,
                _("“%(headline)s”: %(action)s.")
                % {"headline": article, "action": workflow.ACTIONS[action].label},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def conversation(transitions, comments):
    """The workflow steps with their comments and the 编辑意见 thread, as one list in time order:
    [(at, name, step or None, text)]."""
    entries = [(step.at, people.display_name(step.actor), step, step.comment) for step in transitions]
    entries += [
        (comment.created_at, people.display_name(comment.author), None, comment.text) for comment in comments
    ]
    return sorted(entries, key=lambda entry: entry[0])


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    list_display = ["article", "action", "source", "target", "actor", "at"]
    list_filter = ["action", "target"]
    list_select_related = ["article", "actor"]
    search_fields = ["article__headline", "comment"]

    def get_queryset(self, request):
        return workflow.of_visible_stories(super().get_queryset(request), request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AwaitingImageFilter(admin.SimpleListFilter):
    title = _("image")
    parameter_name = "awaiting_image"

    def lookups(self, request, model_admin):
        return [("1", _("awaiting image")), ("0", _("with image"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(image="")
        if self.value() == "0":
            return queryset.with_image()
        return queryset


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    """Photos follow their story's rules (workflow.photos_visible_to, can_edit_photo); a change to a signed
    story's photo voids its signatures, like a change of its text."""

    form = PhotoForm
    list_display = ["preview", "caption", "photographer", "page", "article"]
    list_filter = [AwaitingImageFilter]
    list_select_related = ["photographer", "page__issue", "article"]
    search_fields = ["caption", "photographer__name"]
    autocomplete_fields = ["photographer", "article", "townships"]
    readonly_fields = ["page", "original_filename", "width", "height"]

    def get_queryset(self, request):
        return workflow.photos_visible_to(super().get_queryset(request), request.user)

    def get_actions(self, request):
        return without_bulk_delete(super().get_actions(request))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit_photo(obj, request.user))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit_photo(obj, request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            # Only stories the user may change now; a reporter's photo always belongs to one of them.
            kwargs["queryset"] = workflow.editable_by(request.user)
            kwargs["required"] = not workflow.is_reviewer(request.user)
        elif db_field.name == "photographer":
            kwargs["initial"] = own_author(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.has_changed():
            touched = {obj.article_id, form.initial.get("article")} - {None}
            for story in Article.objects.filter(pk__in=touched):
                workflow.printed_content_changed(story, request.user, [Photo._meta.verbose_name_plural])

    # Not named "thumbnail": the model field of that name would be shown instead, as its file name.
    @admin.display(description=_("thumbnail"))
    def preview(self, photo):
        if photo.awaiting_image:
            return format_html('<strong class="awaiting-image">{}</strong>', _("awaiting image"))
        return format_html(
            '<img src="{}" alt="{}" class="photo-thumbnail">',
            photo.thumbnail_url,
            photo.alt_text,
        )


class StaffFormMixin(forms.ModelForm):
    """Real name, roles and byline of a staff account; the manager (set by StaffAdmin) may not lock
    themselves out or change their own roles."""

    byline = forms.ModelChoiceField(
        Author.objects.none(),
        required=False,
        label=_("byline"),
        help_text=_("The name printed over their stories. Empty: a new byline under the real name."),
    )
    manager = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].label = _("real name")
        self.fields["first_name"].required = True
        self.fields["groups"].label = _("roles")
        self.fields["groups"].help_text = _("One or more; each gives what that role does in the newsroom.")
        self.fields["groups"].required = True
        self.fields["byline"].queryset = people.unlinked_authors(self.instance if self.instance.pk else None)
        if self.instance.pk:
            self.fields["byline"].initial = Author.objects.filter(user=self.instance).first()

    def clean(self):
        data = super().clean()
        if self.instance.pk and self.instance.pk == self.manager.pk:
            if data.get("is_active") is False:
                self.add_error("is_active", _("You cannot deactivate your own account."))
            if "groups" in data and set(data["groups"]) != set(self.instance.groups.all()):
                self.add_error("groups", _("Another manager changes your roles."))
        return data

    def _save_m2m(self):
        super()._save_m2m()
        people.link_byline(self.instance, self.cleaned_data.get("byline"))


class StaffCreationForm(StaffFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = ["username", "first_name", "groups"]


class StaffChangeForm(StaffFormMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        fields = ["username", "password", "first_name", "is_active", "groups"]


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class StaffAdmin(UserAdmin):
    """人员管理 for the chief editor and the 管理员 role: create an account with its real name, roles and
    byline in one form, deactivate it, reset its password. No superuser flag, no loose permissions."""

    form = StaffChangeForm
    add_form = StaffCreationForm
    add_form_template = "admin/auth/user/add_form.html"
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Staff member"), {"fields": ["first_name", "groups", "byline", "is_active"]}),
        (_("Record"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "first_name", "groups", "byline", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]
    list_display = ["username", "real_name", "role_names", "is_active", "last_login"]
    list_filter = ["is_active", "groups"]
    search_fields = ["username", "first_name", "last_name"]
    ordering = ["username"]
    filter_horizontal = []

    def get_queryset(self, request):
        accounts = super().get_queryset(request).prefetch_related("groups")
        return people.manageable_by(request.user, accounts)

    def get_actions(self, request):
        return without_bulk_delete(super().get_actions(request))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.manager = request.user
        return form

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = people.grantable_roles(request.user)
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.is_staff = True
        super().save_model(request, obj, form, change)

    @admin.display(description=_("real name"), ordering="first_name")
    def real_name(self, user):
        return people.display_name(user)

    @admin.display(description=_("roles"))
    def role_names(self, user):
        return "、".join(group.name for group in user.groups.all())
