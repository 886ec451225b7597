import datetime

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from tests.factories import ArticleFactory, BylineFactory, staff_member

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def newsroom():
    return {
        "reporter": staff_member(REPORTER),
        "other_reporter": staff_member(REPORTER),
        "editor": staff_member(EDITOR),
        "second_editor": staff_member(EDITOR),
        "chief": staff_member(CHIEF_EDITOR),
    }


@pytest.fixture
def story(newsroom):
    article = ArticleFactory(created_by=newsroom["reporter"])
    BylineFactory(article=article, author__user=newsroom["reporter"])
    return article


def walk_to_approval(story, newsroom):
    workflow.perform(story, "submit", newsroom["reporter"])
    workflow.perform(story, "first_review", newsroom["editor"])
    workflow.perform(story, "second_review", newsroom["second_editor"])
    workflow.perform(story, "final_review", newsroom["chief"])


def test_the_normal_path_records_every_step(story, newsroom):
    walk_to_approval(story, newsroom)
    workflow.perform(story, "publish", newsroom["chief"])
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert Article.objects.published().get() == story
    steps = list(story.transitions.values_list("action", "source", "target", "actor"))
    assert steps == [
        ("submit", "draft", "submitted", newsroom["reporter"].pk),
        ("first_review", "submitted", "first_reviewed", newsroom["editor"].pk),
        ("second_review", "first_reviewed", "second_reviewed", newsroom["second_editor"].pk),
        ("final_review", "second_reviewed", "approved", newsroom["chief"].pk),
        ("publish", "approved", "published", newsroom["chief"].pk),
    ]


def test_one_person_cannot_sign_two_review_levels(story, newsroom):
    all_roles = staff_member(EDITOR, CHIEF_EDITOR)
    workflow.perform(story, "submit", newsroom["reporter"])
    workflow.perform(story, "first_review", all_roles)
    with pytest.raises(workflow.TransitionNotAllowed) as raised:
        workflow.perform(story, "second_review", all_roles)
    assert raised.value.code == "same_reviewer"
    workflow.perform(story, "second_review", newsroom["editor"])
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.perform(story, "final_review", all_roles)
    story.refresh_from_db()
    assert story.status == Status.SECOND_REVIEWED


def test_a_returned_and_resubmitted_story_starts_a_new_review_round(story, newsroom):
    workflow.perform(story, "submit", newsroom["reporter"])
    workflow.perform(story, "first_review", newsroom["editor"])
    workflow.perform(story, "return", newsroom["second_editor"], comment="请补充活动人数。")
    assert story.status == Status.RETURNED
    assert story.transitions.latest().comment == "请补充活动人数。"
    workflow.perform(story, "submit", newsroom["reporter"])
    workflow.perform(story, "first_review", newsroom["second_editor"])
    workflow.perform(story, "second_review", newsroom["editor"])
    assert story.status == Status.SECOND_REVIEWED


def test_returning_needs_a_comment(story, newsroom):
    workflow.perform(story, "submit", newsroom["reporter"])
    with pytest.raises(workflow.TransitionNotAllowed) as raised:
        workflow.perform(story, "return", newsroom["editor"], comment="  ")
    assert raised.value.code == "comment"


@pytest.mark.parametrize(
    ("actor", "action"),
    [
        ("other_reporter", "submit"),
        ("reporter", "first_review"),
        ("reporter", "publish"),
        ("editor", "final_review"),
        ("editor", "publish"),
    ],
)
def test_roles_cannot_take_steps_that_are_not_theirs(story, newsroom, actor, action):
    # Put the story where the action would otherwise be possible.
    target_status = {a.name: a.sources[0] for a in workflow.ACTIONS.values()}[action]
    Article.objects.filter(pk=story.pk).update(status=target_status)
    story.refresh_from_db()
    with pytest.raises(workflow.TransitionNotAllowed) as raised:
        workflow.perform(story, action, newsroom[actor])
    assert raised.value.code == "forbidden"
    story.refresh_from_db()
    assert story.status == target_status
    assert not story.transitions.exists()


def test_an_invalid_transition_has_a_clear_message(story, newsroom):
    with pytest.raises(workflow.TransitionNotAllowed) as raised:
        workflow.perform(story, "publish", newsroom["chief"])
    assert raised.value.code == "wrong_status"
    assert "草稿" in raised.value.messages[0]
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.perform(story, "fly", newsroom["chief"])


def test_a_story_without_byline_cannot_be_submitted(newsroom):
    article = ArticleFactory(created_by=newsroom["reporter"])
    with pytest.raises(workflow.TransitionNotAllowed) as raised:
        workflow.perform(article, "submit", newsroom["reporter"])
    assert raised.value.code == "no_byline"


def test_a_stale_instance_cannot_replay_a_step(story, newsroom):
    stale = Article.objects.get(pk=story.pk)
    workflow.perform(story, "submit", newsroom["reporter"])
    workflow.perform(story, "first_review", newsroom["editor"])
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.perform(stale, "submit", newsroom["reporter"])


def test_withdraw_and_correct_published_stories(story, newsroom):
    walk_to_approval(story, newsroom)
    workflow.perform(story, "publish", newsroom["chief"])
    workflow.perform(story, "correct", newsroom["chief"], comment="原文“150余人”应为“160余人”。")
    story.refresh_from_db()
    assert "原文“150余人”应为“160余人”。" in story.correction
    assert story.status == Status.PUBLISHED
    workflow.perform(story, "withdraw", newsroom["chief"], comment="当事人要求撤稿。")
    assert not Article.objects.published().exists()


def test_scheduled_publication_appears_at_its_time(story, newsroom):
    walk_to_approval(story, newsroom)
    at = timezone.now() + datetime.timedelta(hours=2)
    workflow.perform(story, "publish", newsroom["chief"], publish_at=at)
    assert not Article.objects.published().exists()
    story.refresh_from_db()
    assert story.published_at == at


def test_available_actions_follow_role_and_status(story, newsroom):
    def names(user):
        return [action.name for action in workflow.available_actions(story, user)]

    assert names(newsroom["reporter"]) == ["submit"]
    assert names(newsroom["other_reporter"]) == []
    workflow.perform(story, "submit", newsroom["reporter"])
    assert names(newsroom["editor"]) == ["first_review", "return"]
    assert names(newsroom["reporter"]) == []
