from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.models import Article, Photo

from .common import WithoutBulkDelete, own_author
from .filters import AwaitingImageFilter
from .forms import PhotoForm


@admin.register(Photo)
class PhotoAdmin(WithoutBulkDelete, admin.ModelAdmin):
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
