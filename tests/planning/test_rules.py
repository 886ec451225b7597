"""报题 and assignments (planning/rules.py): who decides, what a decision needs, stale changes refused,
assigning, filing the story once, and the plan's states."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import Article, Byline, Township
from articles.roles import CHIEF_EDITOR, REPORTER
from planning import rules
from planning.models import AssignmentMember, Proposal
from tests.factories import ProposalFactory, staff_member

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 7)
WRITER, PHOTOGRAPHER = AssignmentMember.Role.WRITER, AssignmentMember.Role.PHOTOGRAPHER


def accepted(editor, **fields):
    proposal = ProposalFactory(**fields)
    return rules.decide(proposal, editor, Proposal.Status.ACCEPTED, version=proposal.version)


def test_a_reporter_proposes_and_sees_only_their_own(reporter, editor):
    mine, theirs = ProposalFactory(proposed_by=reporter), ProposalFactory()
    assert rules.can_propose(reporter) and not rules.can_plan(reporter)
    assert list(rules.proposals_visible_to(reporter)) == [mine]
    assert set(rules.proposals_visible_to(editor)) == {mine, theirs}
    assert rules.can_plan(staff_member(CHIEF_EDITOR))


def test_a_reporter_may_not_decide(reporter):
    proposal = ProposalFactory(proposed_by=reporter)
    with pytest.raises(PermissionDenied):
        rules.decide(proposal, reporter, Proposal.Status.ACCEPTED)


def test_a_reporter_edits_their_proposal_only_while_it_is_proposed(reporter, editor):
    proposal = ProposalFactory(proposed_by=reporter)
    assert rules.can_edit_proposal(proposal, reporter)
    proposal = rules.decide(proposal, editor, Proposal.Status.ACCEPTED)
    assert not rules.can_edit_proposal(proposal, reporter) and rules.can_edit_proposal(proposal, editor)


def test_a_rejection_needs_its_reason(editor):
    proposal = ProposalFactory()
    with pytest.raises(ValidationError) as refused:
        rules.decide(proposal, editor, Proposal.Status.REJECTED, reason="  ")
    assert refused.value.code == "reason"
    proposal = rules.decide(proposal, editor, Proposal.Status.REJECTED, reason="与上周报道重复")
    assert (proposal.status, proposal.decision_note, proposal.decided_by) == (
        "rejected",
        "与上周报道重复",
        editor,
    )


def test_a_decided_proposal_is_not_decided_again(editor):
    proposal = accepted(editor)
    with pytest.raises(ValidationError) as refused:
        rules.decide(proposal, editor, Proposal.Status.REJECTED, reason="改主意")
    assert refused.value.code == "decided"


def test_a_decision_on_an_older_copy_is_refused(editor):
    proposal = ProposalFactory()
    seen = proposal.version
    Proposal.objects.filter(pk=proposal.pk).update(version=seen + 1)  # another editor changed it meanwhile
    with pytest.raises(ValidationError) as refused:
        rules.decide(proposal, editor, Proposal.Status.ACCEPTED, version=seen)
    assert refused.value.code == "stale"
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.PROPOSED


def test_merging_takes_the_tags_into_the_live_proposal(editor):
    chengbei = Township.objects.get(name="城北街道")
    target, merged = ProposalFactory(), ProposalFactory()
    merged.townships.add(chengbei)
    merged = rules.decide(merged, editor, Proposal.Status.MERGED, merged_into=target)
    assert merged.merged_into == target and list(target.townships.all()) == [chengbei]
    with pytest.raises(ValidationError):  # not into itself, nor into a dead proposal
        rules.decide(ProposalFactory(), editor, Proposal.Status.MERGED, merged_into=merged)


def test_the_proposals_offered_to_merge_into_are_the_live_ones_the_decision_accepts(editor):
    proposal = ProposalFactory()
    accepted = rules.decide(ProposalFactory(), editor, Proposal.Status.ACCEPTED)
    rejected = rules.decide(ProposalFactory(), editor, Proposal.Status.REJECTED, reason="重复")
    undecided = ProposalFactory()
    assert set(rules.merge_targets(proposal, editor)) == {accepted, undecided}
    with pytest.raises(ValidationError):
        rules.decide(proposal, editor, Proposal.Status.MERGED, merged_into=rejected)
    merged = rules.decide(proposal, editor, Proposal.Status.MERGED, merged_into=accepted)
    assert merged.merged_into == accepted


def test_only_an_accepted_proposal_is_assigned(editor, reporter):
    with pytest.raises(ValidationError) as refused:
        rules.assign(ProposalFactory(), editor, [(reporter, WRITER)], TODAY)
    assert refused.value.code == "status"
    with pytest.raises(ValidationError):
        rules.assign(accepted(editor), editor, [], TODAY)
    with pytest.raises(PermissionDenied):
        rules.assign(accepted(editor), reporter, [(reporter, WRITER)], TODAY)


def test_assigning_again_replaces_the_staff_and_refuses_an_older_copy(editor, reporter):
    proposal = accepted(editor)
    photographer = staff_member(REPORTER, first_name="刘和平")
    first = rules.assign(proposal, editor, [(reporter, WRITER)], TODAY)
    again = rules.assign(
        proposal, editor, [(reporter, WRITER), (photographer, PHOTOGRAPHER)], TODAY, version=first.version
    )
    assert again.pk == first.pk and again.version == first.version + 1
    assert {(member.user, member.role) for member in again.members.all()} == {
        (reporter, WRITER),
        (photographer, PHOTOGRAPHER),
    }
    with pytest.raises(ValidationError) as refused:
        rules.assign(proposal, editor, [(reporter, WRITER)], TODAY, version=first.version)
    assert refused.value.code == "stale"


def test_filing_makes_the_draft_once_with_the_topic_tags_and_bylines(editor, reporter):
    chengbei = Township.objects.get(name="城北街道")
    proposal = accepted(editor, topic="城北街道冬季供暖走访")
    proposal.townships.add(chengbei)
    photographer = staff_member(REPORTER, first_name="刘和平")
    assignment = rules.assign(proposal, editor, [(reporter, WRITER), (photographer, PHOTOGRAPHER)], TODAY)
    article = rules.file_story(assignment, reporter)
    assert (article.headline, article.status, article.created_by) == (
        "城北街道冬季供暖走访",
        "draft",
        reporter,
    )
    assert list(article.townships.all()) == [chengbei]
    assert sorted((b.author.name, b.role) for b in article.bylines.all()) == [
        ("刘和平", Byline.Role.PHOTOGRAPHER),
        ("王艳", Byline.Role.WRITER),
    ]
    assert rules.file_story(assignment, reporter) == article and Article.objects.count() == 1


def test_only_the_assigned_staff_or_a_planner_file_the_story(editor, reporter):
    assignment = rules.assign(accepted(editor), editor, [(reporter, WRITER)], TODAY)
    with pytest.raises(PermissionDenied):
        rules.file_story(assignment, staff_member(REPORTER))
    assert rules.file_story(assignment, editor).assignment == assignment


def test_the_plan_says_planned_assigned_filed_and_overdue(editor, reporter):
    accepted(editor, topic="未派", planned_date=TODAY + datetime.timedelta(days=2))
    assigned = accepted(editor, topic="已派", planned_date=TODAY)
    rules.assign(assigned, editor, [(reporter, WRITER)], TODAY + datetime.timedelta(days=1))
    filed = accepted(editor, topic="已交", planned_date=TODAY)
    rules.file_story(rules.assign(filed, editor, [(reporter, WRITER)], TODAY), reporter)
    late = accepted(editor, topic="逾期", planned_date=TODAY - datetime.timedelta(days=5))
    rules.file_story(
        rules.assign(late, editor, [(reporter, WRITER)], TODAY - datetime.timedelta(days=1)), reporter
    )
    done = accepted(editor, topic="按时完成", planned_date=TODAY - datetime.timedelta(days=5))
    story = rules.file_story(
        rules.assign(done, editor, [(reporter, WRITER)], TODAY - datetime.timedelta(days=1)), reporter
    )
    Article.objects.filter(pk=story.pk).update(status=Article.Status.APPROVED)
    ProposalFactory(topic="待定", planned_date=TODAY)  # not accepted: not in the plan
    states = {proposal.topic: state for proposal, state in rules.plan(editor, TODAY)}
    assert states == {
        "未派": rules.PlanState.PLANNED,
        "已派": rules.PlanState.ASSIGNED,
        "已交": rules.PlanState.FILED,
        "逾期": rules.PlanState.OVERDUE,
    }
    # A reporter's plan: what they were given, not the rest.
    assert {p.topic for p, _ in rules.plan(reporter, TODAY)} == {"已派", "已交", "逾期"}
    by_reporter = rules.by_reporter(rules.plan(editor, TODAY))
    assert [p.topic for p, _ in by_reporter[None]] == ["未派"]
    assert {p.topic for p, _ in by_reporter[reporter]} == {"已派", "已交", "逾期"}


def test_a_reporter_sees_their_assignments_until_the_story_is_approved(editor, reporter):
    assignment = rules.assign(accepted(editor, topic="走访"), editor, [(reporter, WRITER)], TODAY)
    assert [a.proposal.topic for a in rules.my_assignments(reporter)] == ["走访"]
    story = rules.file_story(assignment, reporter)
    Article.objects.filter(pk=story.pk).update(status=Article.Status.APPROVED)
    assert not rules.my_assignments(reporter)
