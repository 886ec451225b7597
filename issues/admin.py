from django.contrib import admin

from .models import Issue, Page


class PageInline(admin.TabularInline):
    model = Page
    extra = 0
    fields = ["number", "name", "editor", "scan"]
    autocomplete_fields = ["editor"]


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["number", "date", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["number"]
    date_hierarchy = "date"
    inlines = [PageInline]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issue", "number", "name", "editor"]
    list_select_related = ["issue", "editor"]
    search_fields = ["name", "issue__number"]
    autocomplete_fields = ["issue", "editor"]
