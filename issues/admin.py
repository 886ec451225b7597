import datetime

from django.contrib import admin, messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.models import Article, Photo

from .models import Issue, Page


class PageInline(admin.TabularInline):
    model = Page
    extra = 0
    fields = ["number", "name", "editor", "scan", "story_count", "total_characters"]
    readonly_fields = ["story_count", "total_characters"]
    autocomplete_fields = ["editor"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()

    @admin.display(description=_("stories"))
    def story_count(self, page):
        return getattr(page, "story_count", 0)

    @admin.display(description=_("character count"))
    def total_characters(self, page):
        return getattr(page, "total_characters", 0)


def redirect_to_change(model_admin, obj):
    opts = model_admin.model._meta
    return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["number", "date", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["number"]
    date_hierarchy = "date"
    readonly_fields = ["status", "published_at"]
    inlines = [PageInline]

    def get_urls(self):
        publish = self.admin_site.admin_view(self.publish_view)
        return [path("<int:object_id>/publish/", publish, name="issues_issue_publish"), *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = obj is not None and request.user.has_perm("articles.publish_article")
        return super().render_change_form(request, context, add, change, form_url, obj)

    def publish_view(self, request, object_id):
        """POST, optionally with publish_at (YYYY-MM-DDTHH:MM, Beijing time) to schedule."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        issue = get_object_or_404(Issue, pk=object_id)
        publish_at = None
        if request.POST.get("publish_at"):
            try:
                publish_at = timezone.make_aware(datetime.datetime.fromisoformat(request.POST["publish_at"]))
            except ValueError:
                self.message_user(request, _("Give the time as YYYY-MM-DD HH:MM."), messages.ERROR)
                return redirect_to_change(self, issue)
        try:
            workflow.publish_issue(issue, request.user, publish_at=publish_at)
        except workflow.TransitionNotAllowed as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, _("%(issue)s is published.") % {"issue": issue}, messages.SUCCESS)
        return redirect_to_change(self, issue)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issue", "number", "name", "editor", "story_count", "total_characters"]
    list_select_related = ["issue", "editor"]
    search_fields = ["name", "issue__number"]
    autocomplete_fields = ["issue", "editor"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()

    @admin.display(description=_("stories"), ordering="story_count")
    def story_count(self, page):
        return page.story_count

    @admin.display(description=_("character count"), ordering="total_characters")
    def total_characters(self, page):
        return page.total_characters

    def get_urls(self):
        place = self.admin_site.admin_view(self.place_view)
        place_photo = self.admin_site.admin_view(self.place_photo_view)
        return [
            path("<int:object_id>/place/", place, name="issues_page_place"),
            path("<int:object_id>/place-photo/", place_photo, name="issues_page_place_photo"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["placed_articles"] = obj.articles.order_by("position")
            context["placeable_articles"] = Article.objects.filter(status=Article.Status.APPROVED, page=None)
            context["next_position"] = obj.articles.count() + 1
            context["placed_photos"] = obj.photos.order_by("position", "pk").select_related("photographer")
            context["placeable_photos"] = Photo.objects.filter(page=None).select_related("photographer")[:200]
            context["next_photo_position"] = obj.photos.count() + 1
        return super().render_change_form(request, context, add, change, form_url, obj)

    def place_view(self, request, object_id):
        """POST article=<id> position=<n>: put an approved story on this page."""
        return self.placing(request, object_id, Article, "article", workflow.place)

    def place_photo_view(self, request, object_id):
        """POST photo=<id> position=<n>: put a photo on this page."""
        return self.placing(request, object_id, Photo, "photo", workflow.place_photo)

    def placing(self, request, object_id, model, field, place):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
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
            place(item, page, position, request.user)
        except workflow.TransitionNotAllowed as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return redirect_to_change(self, page)
