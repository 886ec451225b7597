from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from articles import people, workflow
from articles.models import Author

from .common import WithoutBulkDelete


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "township", "department", "user"]
    list_filter = ["kind"]
    list_select_related = ["township", "department", "user"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["township", "department", "user"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "user"]}),
        (
            _("Correspondent"),
            {
                "fields": ["township", "department"],
                "description": _(
                    "For a correspondent: the township they report from, or the department they work in."
                ),
            },
        ),
    ]

    def has_change_permission(self, request, obj=None):
        # A name readers already see in print is the chief editor's to change.
        allowed = super().has_change_permission(request, obj)
        if obj is None or workflow.may_change_published(request.user):
            return allowed
        return allowed and not Author.objects.in_print().filter(pk=obj.pk).exists()


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
class StaffAdmin(WithoutBulkDelete, UserAdmin):
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
