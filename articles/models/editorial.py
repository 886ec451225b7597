from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infrastructure.fields import staff_link

from .shared import validate_printable
from .stories import Article


class Transition(models.Model):
    """One step of a story's lifecycle: who moved it from which status to which, when, and why."""

    class Step(models.TextChoices):
        """The steps of articles/workflow: the actions people take, and two it records itself."""

        SUBMIT = "submit", _("Submit")
        FIRST_REVIEW = "first_review", _("Pass first review")
        SECOND_REVIEW = "second_review", _("Pass second review")
        FINAL_REVIEW = "final_review", _("Pass final review")
        RETURN = "return", _("Return for changes")
        PUBLISH = "publish", _("Publish")
        WITHDRAW = "withdraw", _("Withdraw")
        CORRECT = "correct", _("Publish a correction")
        REOPEN = "reopen", _("Review again after an edit")
        MOVE = "move", _("Move to another page")

    article = models.ForeignKey(
        Article, verbose_name=_("story"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=20, choices=Step)
    source = models.CharField(_("from status"), max_length=20, choices=Article.Status)
    target = models.CharField(_("to status"), max_length=20, choices=Article.Status)
    actor = staff_link(_("by"), "story_transitions")
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["article", "at", "pk"]
        get_latest_by = "at"

    def __str__(self):
        return f"{self.article}: {self.get_source_display()} → {self.get_target_display()}"


class Comment(models.Model):
    """编辑意见: a note between editors and the reporter on a story, shown in order on its page."""

    article = models.ForeignKey(
        Article, verbose_name=_("story"), on_delete=models.CASCADE, related_name="comments"
    )
    author = staff_link(_("by"), "story_comments")
    text = models.TextField(_("comment"), max_length=5000, validators=[validate_printable])
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("editorial comment")
        verbose_name_plural = _("editorial comments")
        ordering = ["article", "created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(text=""), name="comment_text_not_empty")]

    def __str__(self):
        return f"{self.author}: {self.text[:30]}"
