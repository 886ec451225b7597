import io

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles import workflow
from articles.admin.common import ToolPages, WithoutBulkDelete
from articles.filters import DATE_PICKER
from articles.models import Article, Photo
from infrastructure import images, pdfs
from issues import page_import
from issues.models import Issue, Page

from .common import PublishedIssueRules, redirect_to_change


class PageForm(forms.ModelForm):
    """Stores a checked page file: a PDF of one page by its content, an image re-encoded without its
    metadata. A PDF whose text cannot be used is kept for its image, and the editor is told why."""

    text_problem = ""

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan and scan != self.initial.get("scan"):
            cleaned = images.clean_scan(scan)
            if cleaned.name.lower().endswith(".pdf"):
                problem = pdfs.read_text(images.read_bytes(cleaned)).problem
                self.text_problem = page_import.text_layer_problem(problem) if problem else ""
            return cleaned
        return scan


class PageInline(PublishedIssueRules, admin.TabularInline):
    model = Page
    form = PageForm
    extra = 0
    fields = ["number", "name", "editor", "scan", "story_count", "total_characters"]
    readonly_fields = ["story_count", "total_characters"]
    autocomplete_fields = ["editor"]
    fixed_once_out = ["number"]

    def issue_of(self, issue):
        return issue

    def has_add_permission(self, request, obj=None):
        allowed = super().has_add_permission(request, obj)
        return allowed and (not workflow.is_out(obj) or workflow.may_change_published(request.user))

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()

    @admin.display(description=_("stories"))
    def story_count(self, page):
        return getattr(page, "story_count", 0)

    @admin.display(description=_("character count"))
    def total_characters(self, page):
        return getattr(page, "total_characters", 0)


class PageImportForm(forms.Form):
    """Where a page's text goes: the issue's date, the page, and for new ones their number and name."""

    date = forms.DateField(label=_("issue date"), widget=DATE_PICKER)
    page = forms.IntegerField(label=_("page number"), min_value=1, max_value=99)
    name = forms.CharField(
        label=_("page name"), max_length=20, required=False, help_text=_("For a new page.")
    )
    number = forms.IntegerField(
        label=_("edition number"),
        min_value=1,
        max_value=999999,
        required=False,
        help_text=_("For a new issue; the next number when empty."),
    )

    def import_options(self):
        data = self.cleaned_data
        return data["date"], data["page"], data["name"], data["number"]


class PageUploadForm(PageImportForm):
    file = forms.FileField(
        label=_("extracted text (.txt)"), help_text=_("UTF-8 or GBK, as extracted from the PDF.")
    )
    field_order = ["file", "date", "page", "name", "number"]

    def clean(self):
        data = super().clean()
        if "file" in data and "date" in data:
            try:
                content = page_import.read_limited(data["file"])
                data["text"] = page_import.decoded(content)
                data["parsed"] = page_import.read_page(content, data["date"])
            except ValidationError as error:
                self.add_error("file", error)
        return data


class PageConfirmForm(PageImportForm):
    """The previewed text comes back with the options, so that what is saved is what was shown. It is
    checked again as an upload is: the browser may send anything."""

    text = forms.CharField(widget=forms.Textarea(attrs={"hidden": True}), strip=False)

    def clean(self):
        data = super().clean()
        if "text" in data and "date" in data:
            try:
                content = page_import.read_limited(io.BytesIO(data["text"].encode("utf-8")))
                data["parsed"] = page_import.read_page(content, data["date"])
            except ValidationError as error:
                self.add_error(None, error)
        return data


@admin.register(Page)
class PageAdmin(WithoutBulkDelete, ToolPages, PublishedIssueRules, admin.ModelAdmin):
    form = PageForm
    list_display = ["__str__", "issue", "number", "name", "editor", "story_count", "total_characters"]
    list_select_related = ["issue", "editor"]
    search_fields = ["name", "issue__number"]
    autocomplete_fields = ["issue", "editor"]
    fixed_once_out = ["issue", "number"]
    tool_pages = {
        "import/": "import",
        "<int:object_id>/import-pdf/": "import_pdf",
        "<int:object_id>/zones/": "zones",
        "<int:object_id>/place/": "place",
        "<int:object_id>/place-photo/": "place_photo",
    }

    def issue_of(self, page):
        return page.issue if page is not None else None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issue" and not workflow.may_change_published(request.user):
            kwargs["queryset"] = Issue.objects.exclude(status=Issue.Status.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()

    @admin.display(description=_("stories"), ordering="story_count")
    def story_count(self, page):
        return page.story_count

    @admin.display(description=_("character count"), ordering="total_characters")
    def total_characters(self, page):
        return page.total_characters

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(form, "text_problem", ""):
            self.message_user(request, form.text_problem, messages.WARNING)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["assembles"] = obj is not None and workflow.is_reviewer(request.user)
        context["imports_pdf"] = (
            obj is not None and obj.scan and obj.is_pdf and workflow.can_import_pages(request.user)
        )
        context["edits_zones"] = obj is not None and workflow.can_edit_zones(obj, request.user)
        if context["assembles"]:
            context["placed_articles"] = obj.articles.order_by("position")
            context["story_choices"] = [
                (story.pk, f"{story.headline}（{story.character_count}）")
                for story in workflow.placeable(obj, request.user)
            ]
            context["next_position"] = obj.articles.count() + 1
            context["placed_photos"] = obj.photos.order_by("position", "pk").select_related("photographer")
            context["photo_choices"] = [
                (photo.pk, f"{photo.caption}（{photo.photographer.name}）")
                for photo in Photo.objects.filter(page=None).select_related("photographer")[:200]
            ]
            context["next_photo_position"] = obj.photos.count() + 1
        return super().render_change_form(request, context, add, change, form_url, obj)

    def place_view(self, request, object_id):
        """POST article=<id> position=<n>: put an approved story on this page."""
        return self.placing(request, object_id, Article, "article", workflow.place)

    def place_photo_view(self, request, object_id):
        """POST photo=<id> position=<n>: put a photo on this page."""
        return self.placing(request, object_id, Photo, "photo", workflow.place_photo)

    @method_decorator(require_POST)
    def placing(self, request, object_id, model, field, place):
        page = get_object_or_404(Page, pk=object_id)
        try:
            item = model.objects.get(pk=int(request.POST.get(field, "")))
            position = int(request.POST.get("position", ""))
            if not 1 <= position <= 100:
                raise ValueError
        except (ValueError, model.DoesNotExist):
            self.message_user(request, _("Choose an item and a position from 1 to 100."), messages.ERROR)
            return redirect_to_change(self, page)
        try:
            with transaction.atomic():
                place(item, page, position, request.user)
                self.log_change(
                    request,
                    item,
                    _("Placed on %(page)s at %(position)s.") % {"page": page, "position": position},
                )
        except workflow.TransitionNotAllowed as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return redirect_to_change(self, page)

    @method_decorator(require_POST)
    def import_pdf_view(self, request, object_id):
        """Import the stories of this page's own PDF, with their zones, as drafts."""
        page = get_object_or_404(Page.objects.select_related("issue"), pk=object_id)
        if not workflow.can_import_pages(request.user):
            raise PermissionDenied
        try:
            if not (page.scan and page.is_pdf):
                raise ValidationError(_("The page has no PDF to import from."), code="no_pdf")
            with page.scan.open("rb") as file:
                parsed = page_import.read_page(file.read(), page.issue.date)
            result = page_import.import_page(
                parsed,
                page.issue.date,
                page.number,
                user=request.user,
                source=_("(the page's PDF)"),
            )
        except (ValidationError, workflow.TransitionNotAllowed) as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, result.summary(), messages.SUCCESS)
        return redirect_to_change(self, page)

    def zones_view(self, request, object_id):
        """The zone editor: the page image with its zones, to link, move, resize, add, delete, split and
        merge. POST zones=<JSON> version=<as loaded> saves them all at once."""
        page = get_object_or_404(Page.objects.select_related("issue"), pk=object_id)
        if not workflow.can_edit_zones(page, request.user):
            raise PermissionDenied
        status = 200
        if request.method == "POST":
            try:
                count = workflow.save_zones(
                    page, request.POST.get("zones", ""), request.POST.get("version", ""), request.user
                )
            except workflow.TransitionNotAllowed as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                status = 409 if error.code == "stale" else 400
            else:
                self.log_change(request, page, _("Zones saved: %(count)d.") % {"count": count})
                self.message_user(request, _("%(count)d zones saved.") % {"count": count}, messages.SUCCESS)
                return HttpResponseRedirect(request.path)
        items = workflow.zone_items(page)
        editor = {
            "image": page.screen_url,
            "width": page.image_width,
            "height": page.image_height,
            "items": [
                {"key": key, "kind": kind, "label": item.headline if kind == "article" else item.caption}
                for key, (kind, item) in items.items()
            ],
            "zones": workflow.zones_as_data(page),
        }
        title = _("Zones of %(page)s") % {"page": page}
        context = {
            **self.tool_context(request, title, page, crumb=_("Zones")),
            "editor": editor,
            "version": workflow.zones_version(page),
        }
        return TemplateResponse(request, "admin/issues/page/zones.html", context, status=status)

    def import_view(self, request):
        """Upload a page's extracted text, see what the importer makes of it, then confirm."""
        if not workflow.can_import_pages(request.user):
            raise PermissionDenied
        context = self.tool_context(request, _("Import a printed page"))
        if request.method == "POST" and "confirm" in request.POST:
            form = PageConfirmForm(request.POST)
            if form.is_valid():
                date, number, name, issue_number = form.import_options()
                try:
                    result = page_import.import_page(
                        form.cleaned_data["parsed"],
                        date,
                        number,
                        name,
                        issue_number,
                        request.user,
                        _("(upload)"),
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(request, result.summary(), messages.SUCCESS)
                    for note in result.notes:
                        self.message_user(request, note, messages.WARNING)
                    return redirect_to_change(self, result.page)
            # Nothing was saved; say why, and offer the upload again.
            for error in form.non_field_errors() or [
                _("The preview could not be imported; upload it again.")
            ]:
                self.message_user(request, error, messages.ERROR)
            initial = {key: request.POST.get(key) for key in ("date", "page", "name", "number")}
            return TemplateResponse(
                request, "admin/issues/page/import.html", {**context, "form": PageUploadForm(initial=initial)}
            )
        form = PageUploadForm(request.POST, request.FILES) if request.method == "POST" else PageUploadForm()
        if request.method == "POST" and form.is_valid():
            date, number, name, issue_number = form.import_options()
            parsed = form.cleaned_data["parsed"]
            imported = page_import.imported_keys(date, number)
            confirm = PageConfirmForm(
                initial={
                    "date": date,
                    "page": number,
                    "name": name,
                    "number": issue_number,
                    "text": form.cleaned_data["text"],
                }
            )
            context |= {
                "confirm": confirm,
                "stories": [
                    (article, page_import.article_key(article) in imported) for article in parsed.articles
                ],
                "photos": parsed.photos,
                "warnings": [page_import.describe(code, details) for code, details in parsed.warnings],
                "missing_headline": page_import.MISSING_HEADLINE,
            }
        return TemplateResponse(request, "admin/issues/page/import.html", {**context, "form": form})
