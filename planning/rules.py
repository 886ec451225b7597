"""Who may plan what, and every change to a proposal or an assignment: the one place that decides.

A reporter proposes and sees their own proposals and assignments; editors and the chief (the
plan_proposal permission) see them all, accept, reject with a reason, merge and assign. Each change is
made on a locked row and refused when the row changed since the person saw it (`version`), so two
editors never overwrite each other. A story is filed from an assignment once, by one of its staff or by
a planner, as a draft with the proposal's topic, tags and bylines.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import workflow
from articles.models import Article, Author, Byline

from .models import Assignment, AssignmentMember, Proposal

PLAN = "planning.plan_proposal"
# How far ahead the plan, and its gaps, look: the coming two weeks.
PLAN_DAYS = 14
PROPOSE = "planning.add_proposal"
# What a filed story must have reached by its due date not to count as overdue.
ON_TIME_STATUSES = (Article.Status.APPROVED, Article.Status.PUBLISHED)
# A live proposal may still be covered: one may be merged into it.
LIVE_STATUSES = (Proposal.Status.PROPOSED, Proposal.Status.ACCEPTED)


def can_propose(user):
    return user.has_perm(PROPOSE)


def can_plan(user):
    return user.has_perm(PLAN)


def proposals_visible_to(user):
    """A planner's: all of them; anyone else's: those they proposed or were assigned."""
    proposals = Proposal.objects.all()
    if can_plan(user):
        return proposals
    return proposals.filter(Q(proposed_by=user) | Q(assignment__members__user=user)).distinct()


def assignments_visible_to(user):
    assignments = Assignment.objects.select_related("proposal", "article")
    if can_plan(user):
        return assignments
    return assignments.filter(Q(members__user=user) | Q(proposal__proposed_by=user)).distinct()


def is_undecided(proposal):
    return proposal.status == Proposal.Status.PROPOSED


def can_edit_proposal(proposal, user):
    """A planner, or its proposer while it is still only proposed."""
    return can_plan(user) or (proposal.proposed_by_id == user.pk and is_undecided(proposal))


def merge_targets(proposal, user):
    """The live proposals `user` sees that `proposal` may be merged into."""
    return proposals_visible_to(user).exclude(pk=proposal.pk).filter(status__in=LIVE_STATUSES)


def _locked(model, pk, version):
    """The row, locked for the change; refused when someone changed it after `version` was read."""
    row = model.objects.select_for_update().get(pk=pk)
    if version is not None and row.version != version:
        raise ValidationError(
            _("Someone changed this after you opened it. Reload it and try again."), code="stale"
        )
    return row


def _require_planner(user):
    if not can_plan(user):
        raise PermissionDenied(_("Only editors plan the coverage."))


def decide(proposal, user, decision, version=None, reason="", merged_into=None):
    """Accept, reject (with a reason) or merge (into another live proposal) a proposed proposal."""
    _require_planner(user)
    with transaction.atomic():
        proposal = _locked(Proposal, proposal.pk, version)
        if not is_undecided(proposal):
            raise ValidationError(
                _("This proposal was already decided: %(status)s.")
                % {"status": proposal.get_status_display()},
                code="decided",
            )
        if decision == Proposal.Status.REJECTED and not reason.strip():
            raise ValidationError(_("Give the reason for the rejection."), code="reason")
        if decision == Proposal.Status.MERGED:
            if merged_into is None or merged_into.pk == proposal.pk:
                raise ValidationError(_("Choose another proposal to merge this one into."), code="merged")
            if merged_into.status not in LIVE_STATUSES:
                raise ValidationError(_("A proposal can only be merged into a live one."), code="merged")
            merged_into.townships.add(*proposal.townships.all())
            merged_into.departments.add(*proposal.departments.all())
        elif decision not in (Proposal.Status.ACCEPTED, Proposal.Status.REJECTED):
            raise ValidationError(_("Unknown decision."), code="decision")
        proposal.status = decision
        proposal.decision_note = reason.strip()
        proposal.merged_into = merged_into if decision == Proposal.Status.MERGED else None
        proposal.decided_by, proposal.decided_at = user, timezone.now()
        proposal.version = F("version") + 1
        proposal.save()
        proposal.refresh_from_db()
        return proposal


def assign(proposal, user, members, due_date, issue=None, page_number=None, version=None):
    """Give an accepted proposal to staff: `members`, (user, role) pairs. Assigning again replaces the staff
    and the dates, and keeps the story already filed."""
    _require_planner(user)
    if not members:
        raise ValidationError(_("Assign at least one staff member."), code="members")
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != Proposal.Status.ACCEPTED:
            raise ValidationError(_("Only an accepted proposal is assigned."), code="status")
        assignment = Assignment.objects.filter(proposal=proposal).first()
        if assignment is None:
            assignment = Assignment(proposal=proposal, assigned_by=user, due_date=due_date)
        else:
            assignment = _locked(Assignment, assignment.pk, version)
            assignment.version = F("version") + 1
        assignment.due_date, assignment.issue, assignment.page_number = due_date, issue, page_number
        assignment.assigned_by = user
        assignment.save()
        assignment.members.all().delete()
        AssignmentMember.objects.bulk_create(
            AssignmentMember(assignment=assignment, user=member, role=role) for member, role in set(members)
        )
        assignment.refresh_from_db()
        return assignment


def can_file(assignment, user):
    return can_plan(user) or assignment.members.filter(user=user).exists()


def file_story(assignment, user):
    """The story of this assignment: a draft made once, with the proposal's topic as its headline, its
    townships and departments, and a byline for each assigned member (文 or 图)."""
    if not can_file(assignment, user) or not workflow.can_write_stories(user):
        raise PermissionDenied(_("Only the staff of this assignment file its story."))
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().select_related("proposal").get(pk=assignment.pk)
        if assignment.article_id:
            return assignment.article
        proposal = assignment.proposal
        article = Article.objects.create(headline=proposal.topic, body="", created_by=user)
        article.townships.set(proposal.townships.all())
        article.departments.set(proposal.departments.all())
        roles = {}
        for member in assignment.members.select_related("user"):
            roles.setdefault(member.user, set()).add(member.role)
        Byline.objects.bulk_create(
            Byline(article=article, author=_author_of(member), role=_byline_role(found), order=order)
            for order, (member, found) in enumerate(roles.items())
        )
        assignment.article = article
        assignment.version = F("version") + 1
        assignment.save(update_fields=["article", "version"])
        return article


def _author_of(user):
    author = getattr(user, "author", None)
    if author is not None:
        return author
    return Author.objects.named(user.get_full_name() or user.get_username(), Author.Kind.REPORTER)


def _byline_role(roles):
    if roles == {AssignmentMember.Role.WRITER, AssignmentMember.Role.PHOTOGRAPHER}:
        return Byline.Role.WRITER_PHOTOGRAPHER
    if roles == {AssignmentMember.Role.PHOTOGRAPHER}:
        return Byline.Role.PHOTOGRAPHER
    return Byline.Role.WRITER


class PlanState:
    PLANNED = "planned"
    ASSIGNED = "assigned"
    FILED = "filed"
    OVERDUE = "overdue"


def state_of(proposal, today):
    """Where an accepted proposal stands: planned (not assigned), assigned, filed, or overdue (due and not
    yet approved)."""
    assignment = getattr(proposal, "assignment", None)
    if assignment is None:
        return PlanState.OVERDUE if proposal.planned_date < today else PlanState.PLANNED
    article = assignment.article
    if assignment.due_date < today and (article is None or article.status not in ON_TIME_STATUSES):
        return PlanState.OVERDUE
    return PlanState.FILED if article is not None else PlanState.ASSIGNED


def plan(user, start, days=PLAN_DAYS):
    """The coming days' coverage: accepted proposals planned or due from `start` on (and any overdue
    before it), each with its assignment, its staff and its story, as (proposal, state) pairs by date."""
    end = start + datetime.timedelta(days=days)
    proposals = (
        proposals_visible_to(user)
        .filter(status=Proposal.Status.ACCEPTED)
        .filter(
            Q(planned_date__range=(start, end))
            | Q(assignment__due_date__range=(start, end))
            | Q(planned_date__lt=start, assignment__isnull=True)
            | Q(assignment__due_date__lt=start, assignment__article__isnull=True)
            | Q(
                assignment__due_date__lt=start,
                assignment__article__status__in=[
                    status for status in Article.Status if status not in ON_TIME_STATUSES
                ],
            )
        )
        .select_related("assignment__article", "assignment__issue")
        .prefetch_related("assignment__members__user", "townships")
        .distinct()
        .order_by("planned_date", "pk")
    )
    return [(proposal, state_of(proposal, start)) for proposal in proposals]


def by_reporter(rows):
    """The same rows grouped by assigned staff member (unassigned ones under None)."""
    grouped = {}
    for proposal, state in rows:
        assignment = getattr(proposal, "assignment", None)
        members = [member.user for member in assignment.members.all()] if assignment else [None]
        for member in dict.fromkeys(members):
            grouped.setdefault(member, []).append((proposal, state))
    return grouped


def my_assignments(user):
    """The dashboard's list for a staff member: their assignments without an approved story yet."""
    return (
        Assignment.objects.filter(members__user=user)
        .exclude(article__status__in=ON_TIME_STATUSES)
        .select_related("proposal", "article")
        .distinct()
        .order_by("due_date")
    )
