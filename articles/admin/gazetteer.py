from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import Department, DepartmentShortName, Place, Term, Township, TownshipAlias


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
