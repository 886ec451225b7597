"""Every role against every action, through the workflow and through tampered admin POSTs."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from tests.factories import ArticleFactory, BylineFactory, PageFactory, staff_member

pytestmark = pytest.mark.django_db
Status = Article.Status

ROLES = ["own_reporter", "other_reporter", "editor", "chief"]
# Who may take each workflow step, from a status where the step is possible. The chief may sign the first
# and second review only where someone else is left to sign the final one (see test_workflow.py); here he
# is the only one who may.
ALLOWED = {
    "submit": {"own_reporter", "editor", "chief"},
    "first_review": {"editor"},
    "second_review": {"editor"},
    "final_review": {"chief"},
    "return": {"editor", "chief"},
    "publish": {"chief"},
    "withdraw": {"chief"},
    "correct": {"chief"},
}


@pytest.fixture
def people():
    # A second editor, so that one editor's signature leaves signers for the remaining levels.
    staff_member(EDITOR)
    return {
        "own_reporter": staff_member(REPORTER),
        "other_reporter": staff_member(REPORTER),
        "editor": staff_member(EDITOR),
        "chief": staff_member(CHIEF_EDITOR),
    }


def story_at(status, people):
    published_at = timezone.now() if status == Status.PUBLISHED else None
    article = ArticleFactory(created_by=people["own_reporter"], status=status, published_at=published_at)
    BylineFactory(article=article, author__user=people["own_reporter"])
    return article


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_workflow_step(people, role, action):
    story = story_at(workflow.ACTIONS[action].sources[0], people)
    allowed = role in ALLOWED[action]
    try:
        workflow.perform(story, action, people[role], comment="理由")
    except workflow.TransitionNotAllowed as error:
        assert not allowed, error.messages
        no_signer_left = role == "chief" and action in ("first_review", "second_review")
        assert error.code == ("no_signer_left" if no_signer_left else "forbidden")
        assert not story.transitions.exists()
    else:
        assert allowed
        assert story.transitions.get().actor == people[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_workflow_step_by_tampered_post(client, people, role, action):
    story = story_at(workflow.ACTIONS[action].sources[0], people)
    client.force_login(people[role])
    response = client.post(
        reverse("admin:articles_article_transition", args=[story.pk]), {"action": action, "comment": "理由"}
    )
    assert response.status_code in (302, 404)
    assert story.transitions.exists() == (role in ALLOWED[action])


EDIT_ALLOWED = {
    Status.DRAFT: {"own_reporter", "editor", "chief"},
    Status.RETURNED: {"own_reporter", "editor", "chief"},
    Status.SUBMITTED: {"editor", "chief"},
    Status.SECOND_REVIEWED: {"editor", "chief"},
    Status.APPROVED: {"editor", "chief"},
    Status.PUBLISHED: set(),
    Status.WITHDRAWN: set(),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(EDIT_ALLOWED))
def test_editing_the_text_by_form_post(client, people, role, status):
    story = story_at(status, people)
    client.force_login(people[role])
    client.post(
        reverse("admin:articles_article_change", args=[story.pk]),
        {
            "headline": "改过的标题",
            "body": story.body,
            "edit_count_seen": story.edit_count,
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "1",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )
    story.refresh_from_db()
    assert (story.headline == "改过的标题") == (role in EDIT_ALLOWED[status])


@pytest.mark.parametrize("role", ROLES)
def test_deleting_a_story(client, people, role):
    story = story_at(Status.DRAFT, people)
    client.force_login(people[role])
    client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
    assert Article.objects.filter(pk=story.pk).exists() == (role != "chief")


@pytest.mark.parametrize("role", ROLES)
def test_bulk_delete_action(client, people, role):
    story = story_at(Status.DRAFT, people)
    client.force_login(people[role])
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [story.pk], "post": "yes"},
    )
    assert Article.objects.filter(pk=story.pk).exists() == (role != "chief")


@pytest.mark.parametrize("role", ROLES)
def test_placing_on_a_page_and_publishing_the_issue(client, people, role):
    story = story_at(Status.APPROVED, people)
    page = PageFactory()
    client.force_login(people[role])
    client.post(reverse("admin:issues_page_place", args=[page.pk]), {"article": story.pk, "position": 1})
    story.refresh_from_db()
    assert (story.page == page) == (role in {"editor", "chief"})
    Article.objects.filter(pk=story.pk).update(page=page, position=1)
    client.post(
        reverse("admin:issues_issue_publish", args=[page.issue.pk]), {"confirm": "1", "reason": "补录旧报"}
    )
    assert Article.objects.published().exists() == (role == "chief")
