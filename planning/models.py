"""选题策划: what the newsroom means to cover. A 报题 (Proposal) is put forward by a reporter or an editor;
editors accept it, reject it with a reason, or merge it into another. An accepted proposal is assigned
(Assignment) to staff, for the text (文) and the photos (图), with a due date and, when known, the issue
and page it is meant for; the story filed from it links back. The rules are in planning/rules.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import validate_printable
from articles.models.shared import PrintableCharField
from infrastructure.fields import optional_link, staff_link


class Versioned(models.Model):
    """A row several editors change: each change counts `version` up, and a change made on an older copy is
    refused (planning/rules.py), so no update is lost."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    class Meta:
        abstract = True


class Proposal(Versioned):
    class Kind(models.TextChoices):
        NEWS = "news", pgettext_lazy("story kind", "news")
        REPORT = "report", pgettext_lazy("story kind", "report")
        SPECIAL = "special", pgettext_lazy("story kind", "special report")
        PHOTO = "photo", pgettext_lazy("story kind", "photo story")
        VIDEO = "video", pgettext_lazy("story kind", "video")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")
        MERGED = "merged", _("merged")

    topic = PrintableCharField(_("topic"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.NEWS)
    townships = models.ManyToManyField(
        "articles.Township", verbose_name=_("townships"), related_name="proposals", blank=True
    )
    departments = models.ManyToManyField(
        "articles.Department", verbose_name=_("departments"), related_name="proposals", blank=True
    )
    planned_date = models.DateField(
        _("planned date"), help_text=_("The day the event or the story is planned for.")
    )
    expected_characters = models.PositiveIntegerField(_("expected characters"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000, validators=[validate_printable])
    proposed_by = staff_link(_("proposed by"), "proposals")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED)
    decision_note = models.TextField(_("reason"), blank=True, max_length=2000, editable=False)
    merged_into = optional_link("self", _("merged into"), "merged", on_delete=models.PROTECT, editable=False)
    decided_by = optional_link(
        settings.AUTH_USER_MODEL, _("decided by"), "+", on_delete=models.PROTECT, editable=False
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["planned_date", "pk"]
        permissions = [("plan_proposal", _("Can accept, reject, merge and assign proposals"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(decision_note=""),
                name="proposal_rejected_with_a_reason",
                violation_error_code="reason",
                violation_error_message=_("A rejection gives its reason."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="merged", merged_into__isnull=False)
                | (~models.Q(status="merged") & models.Q(merged_into__isnull=True)),
                name="proposal_merged_into_another",
                violation_error_code="merged",
                violation_error_message=_("A merged proposal names the proposal it was merged into."),
            ),
        ]

    def __str__(self):
        return self.topic


class Assignment(Versioned):
    """派稿: an accepted proposal given to staff, due on a day, perhaps for an issue's page."""

    proposal = models.OneToOneField(
        Proposal, verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="assignment"
    )
    due_date = models.DateField(_("due date"))
    issue = optional_link("issues.Issue", _("target issue"), "assignments")
    page_number = models.PositiveSmallIntegerField(_("target page"), null=True, blank=True)
    article = optional_link(
        "articles.Article", _("story filed"), "assignment", field=models.OneToOneField, editable=False
    )
    assigned_by = staff_link(_("assigned by"))

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page_number__isnull=True) | models.Q(page_number__gte=1),
                name="assignment_page_positive",
            )
        ]

    def __str__(self):
        return str(self.proposal)


class AssignmentMember(models.Model):
    class Role(models.TextChoices):
        WRITER = "writer", pgettext_lazy("byline role", "text")
        PHOTOGRAPHER = "photographer", pgettext_lazy("byline role", "photos")

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="members"
    )
    user = staff_link(_("staff member"), "assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.WRITER)

    class Meta:
        verbose_name = _("assigned staff member")
        verbose_name_plural = _("assigned staff")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "user", "role"], name="assignment_member_once")
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.user}"
