from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles import dictionary
from articles.models import Article, Department, Photo, Township
from chinese_text.diff import character_diff
from infrastructure import images


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
