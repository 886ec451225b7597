"""报题 in the admin: a reporter proposes, an editor decides, assigns and sees the plan, the reporter files
the story from the assignment; tampered and stale requests are refused without a change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertRedirects

from articles.models import Article, Township
from planning import rules
from planning.models import AssignmentMember, Proposal
from tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def url(name, proposal=None):
    return reverse(f"admin:planning_{name}", args=[proposal.pk] if proposal else [])


def test_a_reporter_proposes_in_the_admin(client, reporter):
    client.force_login(reporter)
    chengbei = Township.objects.get(name="城北街道")
    response = client.post(
        reverse("admin:planning_proposal_add"),
        {
            "topic": "城北街道冬季供暖走访",
            "kind": "news",
            "townships": [chengbei.pk],
            "planned_date": "2026-12-10",
            "expected_characters": "800",
            "note": "",
            "version_seen": "0",
        },
    )
    assertRedirects(response, reverse("admin:planning_proposal_changelist"), fetch_redirect_response=False)
    proposal = Proposal.objects.get()
    assert (proposal.proposed_by, proposal.status, list(proposal.townships.all())) == (
        reporter,
        Proposal.Status.PROPOSED,
        [chengbei],
    )


def test_a_reporter_cannot_decide_even_by_a_tampered_post(client, reporter):
    proposal = ProposalFactory(proposed_by=reporter)
    client.force_login(reporter)
    client.post(url("proposal_decide", proposal), {"decision": "accepted", "version": "0"})
    assert Proposal.objects.get().status == Proposal.Status.PROPOSED
    assert client.get(url("proposal_assign", proposal)).status_code == 403


def test_a_reporter_cannot_see_anothers_proposal(client, reporter):
    other = ProposalFactory()
    client.force_login(reporter)
    assert client.get(reverse("admin:planning_proposal_change", args=[other.pk])).status_code == 302
    assert client.post(url("proposal_decide", other), {"decision": "accepted"}).status_code == 404


def test_an_editor_rejects_with_a_reason_shown_in_chinese(client, editor):
    proposal = ProposalFactory()
    client.force_login(editor)
    response = client.post(
        url("proposal_decide", proposal), {"decision": "rejected", "version": "0"}, follow=True
    )
    assert "请说明不采纳的理由" in response.content.decode()
    client.post(url("proposal_decide", proposal), {"decision": "rejected", "reason": "重复", "version": "0"})
    assert Proposal.objects.get().status == Proposal.Status.REJECTED


def test_a_stale_decision_changes_nothing(client, editor):
    proposal = ProposalFactory()
    Proposal.objects.filter(pk=proposal.pk).update(version=3)
    client.force_login(editor)
    response = client.post(
        url("proposal_decide", proposal), {"decision": "accepted", "version": "0"}, follow=True
    )
    assert "有人在您打开之后修改了它" in response.content.decode()
    assert Proposal.objects.get().status == Proposal.Status.PROPOSED


def test_a_stale_edit_of_a_proposal_is_refused(client, editor):
    proposal = ProposalFactory(topic="原题")
    Proposal.objects.filter(pk=proposal.pk).update(version=1)
    client.force_login(editor)
    response = client.post(
        reverse("admin:planning_proposal_change", args=[proposal.pk]),
        {"topic": "改题", "kind": "news", "planned_date": "2026-12-10", "note": "", "version_seen": "0"},
    )
    assert response.status_code == 200 and "有人在您打开之后修改了它" in response.content.decode()
    assert Proposal.objects.get().topic == "原题"


def test_assign_then_file_the_story_from_the_assignment(client, editor, reporter):
    proposal = rules.decide(ProposalFactory(topic="城北街道冬季供暖走访"), editor, Proposal.Status.ACCEPTED)
    client.force_login(editor)
    assert client.get(url("proposal_assign", proposal)).status_code == 200
    response = client.post(
        url("proposal_assign", proposal), {"writers": [reporter.pk], "due_date": "2026-12-11", "version": ""}
    )
    assert response.status_code == 302
    assignment = proposal.assignment
    assert [(m.user, m.role) for m in assignment.members.all()] == [(reporter, AssignmentMember.Role.WRITER)]
    client.force_login(reporter)
    response = client.post(url("proposal_file", proposal))
    article = Article.objects.get()
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    assert article.headline == "城北街道冬季供暖走访" and article.assignment == assignment


def test_the_assign_form_refuses_bad_input_with_errors(client, editor):
    proposal = rules.decide(ProposalFactory(), editor, Proposal.Status.ACCEPTED)
    client.force_login(editor)
    response = client.post(url("proposal_assign", proposal), {"writers": ["999999"], "due_date": "明天"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(url("proposal_assign", proposal), {"due_date": "2026-12-11"})
    assert "请至少指派一人" in response.content.decode()
    assert not hasattr(Proposal.objects.get(), "assignment")


def test_the_plan_and_the_dashboard(client, editor, reporter):
    today = timezone.localdate()
    proposal = rules.decide(
        ProposalFactory(topic="冬季供暖", planned_date=today), editor, Proposal.Status.ACCEPTED
    )
    rules.assign(
        proposal, editor, [(reporter, AssignmentMember.Role.WRITER)], today + datetime.timedelta(days=1)
    )
    client.force_login(editor)
    content = client.get(url("proposal_plan")).content.decode()
    assert "选题计划" in content and "冬季供暖" in content and "已派稿" in content and "王艳" in content
    assert client.get(url("proposal_plan"), {"from": "not-a-date"}).status_code == 200
    client.force_login(reporter)
    assert "冬季供暖" in client.get(reverse("admin:index")).content.decode()
