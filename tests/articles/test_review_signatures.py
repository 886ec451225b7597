"""Signatures belong to a text: a change of printed content voids them; a signature that would leave a
level without a possible signer is refused; each person's queue holds what they can act on."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Transition
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from tests.articles.test_admin_workflow import change_url, form_data
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, UserFactory, png_file, staff_member

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def desk():
    return {
        "reporter": staff_member(REPORTER, first_name="王艳"),
        "editor": staff_member(EDITOR, first_name="张编辑"),
        "second_editor": staff_member(EDITOR, first_name="李编辑"),
        "chief": staff_member(CHIEF_EDITOR, first_name="赵总编"),
    }


def approved_story(desk):
    story = ArticleFactory(created_by=desk["reporter"], headline="原来的标题")
    BylineFactory(article=story, author__user=desk["reporter"])
    workflow.perform(story, "submit", desk["reporter"])
    workflow.perform(story, "first_review", desk["editor"])
    workflow.perform(story, "second_review", desk["second_editor"])
    workflow.perform(story, "final_review", desk["chief"])
    return story


def first_reviewed_again(desk):
    """A signed-off story returned by the chief, resubmitted and passed first review by the editor."""
    story = approved_story(desk)
    workflow.perform(story, "return", desk["chief"], comment="再看看")
    workflow.perform(story, "submit", desk["reporter"])
    workflow.perform(story, "first_review", desk["editor"])
    return story


def test_an_edit_after_final_review_voids_the_signatures(client, desk):
    story = approved_story(desk)
    client.force_login(desk["editor"])
    assert client.post(change_url(story), form_data(story, headline="改过的标题")).status_code == 302
    story.refresh_from_db()
    assert story.status == Status.SUBMITTED
    step = story.transitions.last()
    assert (step.action, step.source, step.actor) == (workflow.REOPEN, Status.APPROVED, desk["editor"])
    assert "主题" in step.comment  # the headline's label
    assert workflow.review_signers(story) == []
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.perform(story, "publish", desk["chief"])


def test_a_save_that_changes_nothing_printed_keeps_the_signatures(client, desk):
    story = approved_story(desk)
    client.force_login(desk["editor"])
    client.post(change_url(story), form_data(story))
    story.refresh_from_db()
    assert story.status == Status.APPROVED


def test_a_new_photo_on_a_signed_story_voids_the_signatures(client, desk):
    story = approved_story(desk)
    client.force_login(desk["editor"])
    photographer = AuthorFactory(name="刘和平")
    response = client.post(
        reverse("admin:articles_photo_add"),
        {"image": png_file(), "caption": "新图片。", "photographer": photographer.pk, "article": story.pk},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Status.SUBMITTED


def test_the_chief_may_not_sign_second_review_when_nobody_else_can_sign_the_final(desk):
    story = first_reviewed_again(desk)
    with pytest.raises(workflow.TransitionNotAllowed) as refused:
        workflow.perform(story, "second_review", desk["chief"])
    assert refused.value.code == "no_signer_left"
    assert "second_review" not in [action.name for action in workflow.available_actions(story, desk["chief"])]
    assert workflow.next_step(story)[1] == ["李编辑"]


def test_a_second_chief_editor_may_sign_second_review():
    editor, chief, other_chief = staff_member(EDITOR), staff_member(CHIEF_EDITOR), staff_member(CHIEF_EDITOR)
    story = ArticleFactory(status=Status.FIRST_REVIEWED)
    Transition.objects.create(
        article=story, action="first_review", source="submitted", target="first_reviewed", actor=editor
    )
    workflow.perform(story, "second_review", chief)
    workflow.perform(story, "final_review", other_chief)
    assert story.status == Status.APPROVED


def test_the_queue_lists_only_what_the_person_can_act_on(desk):
    first_reviewed_again(desk)

    def queue(user):
        return {str(label): [s.headline for s in stories] for label, stories in workflow.waiting_for(user)}

    assert queue(desk["editor"])["待复审"] == []  # signed the first review already
    assert queue(desk["second_editor"])["待复审"] == ["原来的标题"]
    assert queue(desk["chief"])["待复审"] == []  # then nobody could sign the final review
    inactive = UserFactory(is_active=False)
    assert inactive.pk not in workflow.may_sign("articles.review_article")


def test_the_story_page_says_who_takes_the_next_step(client, desk):
    story = ArticleFactory(created_by=desk["reporter"], status=Status.SUBMITTED)
    client.force_login(desk["editor"])
    content = client.get(change_url(story)).content.decode()
    assert "李编辑" in content and "张编辑" in content and 'id="next-step"' in content


def test_a_body_sent_with_browser_line_endings_is_no_change(client, desk):
    story = approved_story(desk)
    client.force_login(desk["editor"])
    client.post(change_url(story), form_data(story, body=story.body.replace("\n", "\r\n")))
    story.refresh_from_db()
    assert story.status == Status.APPROVED


def test_save_and_sign_with_changes_to_signed_text_is_refused_with_the_reason(client, desk):
    story = first_reviewed_again(desk)
    client.force_login(desk["second_editor"])
    data = form_data(story, headline="改过的标题", workflow_action="second_review")
    response = client.post(change_url(story), data)
    assert response.status_code == 200
    assert "作废" in " ".join(response.context["adminform"].form.non_field_errors())
    story.refresh_from_db()
    assert (story.headline, story.status) == ("原来的标题", Status.FIRST_REVIEWED)


def test_signatures_are_counted_in_the_databases_order_not_by_the_servers_clocks(desk):
    """One server's clock 5 s behind another's must not let one person sign two levels."""
    import datetime

    story = ArticleFactory(created_by=desk["reporter"], status=Status.FIRST_REVIEWED)
    now = timezone.now()
    Transition.objects.create(
        article=story, action="submit", source="draft", target="submitted", actor=desk["reporter"], at=now
    )
    # Signed on a server whose clock is 5 s behind: recorded later, stamped earlier.
    Transition.objects.create(
        article=story,
        action="first_review",
        source="submitted",
        target="first_reviewed",
        actor=desk["editor"],
        at=now - datetime.timedelta(seconds=5),
    )
    with pytest.raises(workflow.TransitionNotAllowed) as refused:
        workflow.perform(story, "second_review", desk["editor"])
    assert refused.value.code == "same_reviewer"
