import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Author, Department, Township

# Phones show their own date picker; it sends and expects YYYY-MM-DD whatever the locale.
DATE_PICKER = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("search"),
        max_length=100,
        required=False,
        error_messages={
            "max_length": _("Search for at most 100 characters."),
            "null_characters_not_allowed": _("The search words contain a null character."),
        },
    )


def by_slug(model, field_name, label, **options):
    """A choice of one township, department or author, named in the address by its slug."""
    return django_filters.ModelChoiceFilter(
        label=label, field_name=field_name, to_field_name="slug", queryset=model.objects.all(), **options
    )


class ArticleFilter(django_filters.FilterSet):
    """The reader's filters on story lists: /articles/?township=…&department=…&author=…&date_after=…"""

    township = by_slug(Township, "townships", _("township"), empty_label=_("All townships"))
    department = by_slug(Department, "departments", _("department"), empty_label=_("All departments"))
    author = by_slug(Author, "authors", _("author"))
    date_after = django_filters.DateFilter(
        label=_("from"), field_name="listing_date", lookup_expr="gte", widget=DATE_PICKER
    )
    date_before = django_filters.DateFilter(
        label=_("until"), field_name="listing_date", lookup_expr="lte", widget=DATE_PICKER
    )

    # A search narrows to these itself (search.matching): PostgreSQL's index holds them.
    tag_filters = ("township", "department")

    def chosen_tags(self):
        """The township and department chosen, as {Article field: id}."""
        chosen = self.form.cleaned_data if self.is_valid() else {}
        chosen = {name: chosen[name] for name in self.tag_filters if chosen.get(name)}
        return {self.filters[name].field_name: tag.pk for name, tag in chosen.items()}

    def untagged_qs(self):
        """The stories through every filter but the township and department: a search's to narrow."""
        if not self.is_valid():
            return self.queryset.none()
        data = self.data.copy()
        for name in self.tag_filters:
            data.pop(name, None)
        return type(self)(data, self.queryset).qs
