"""Every workflow button on the story page saves the form's changes with the step, in one transaction."""

import pytest

from articles import workflow
from articles.models import Article
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from tests.articles.test_admin_workflow import change_url, form_data
from tests.factories import ArticleFactory, BylineFactory, staff_member

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def reporter():
    staff_member(EDITOR), staff_member(EDITOR), staff_member(CHIEF_EDITOR)
    return staff_member(REPORTER)


def assert_refused_with_nothing_saved(client, story, data, status):
    """The form comes back (200) and the story keeps its stored headline and status."""
    assert client.post(change_url(story), data).status_code == 200
    story.refresh_from_db()
    assert (story.headline, story.status) == ("旧标题", status)


@pytest.fixture
def draft(reporter):
    story = ArticleFactory(created_by=reporter, headline="旧标题")
    BylineFactory(article=story, author__user=reporter)
    return story


def test_save_and_submit_keeps_the_fix_typed_before(client, reporter, draft):
    client.force_login(reporter)
    response = client.post(
        change_url(draft), form_data(draft, headline="改好的标题", workflow_action="submit")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("改好的标题", Status.SUBMITTED)


def test_save_and_return_saves_the_editors_fix_with_the_comment(client, reporter, draft):
    workflow.perform(draft, "submit", reporter)
    editor = staff_member(EDITOR)
    client.force_login(editor)
    data = form_data(draft, body="改过的正文。", workflow_action="return", workflow_comment="请补充数据")
    assert client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert (draft.body, draft.status) == ("改过的正文。", Status.RETURNED)
    assert draft.transitions.last().comment == "请补充数据"


def test_save_and_pass_first_review(client, reporter, draft):
    workflow.perform(draft, "submit", reporter)
    editor = staff_member(EDITOR)
    client.force_login(editor)
    assert (
        client.post(
            change_url(draft), form_data(draft, headline="新标题", workflow_action="first_review")
        ).status_code
        == 302
    )
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("新标题", Status.FIRST_REVIEWED)
    assert workflow.review_signers(draft) == [editor.pk]


def test_invalid_changes_move_nothing_and_show_the_errors(client, reporter, draft):
    client.force_login(reporter)
    response = client.post(change_url(draft), form_data(draft, headline="", workflow_action="submit"))
    assert response.status_code == 200 and "headline" in response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("旧标题", Status.DRAFT)


def test_a_refused_step_rolls_back_the_save_and_keeps_the_typed_text_on_screen(client, reporter, draft):
    client.force_login(reporter)
    data = form_data(draft, headline="改好的标题", workflow_action="return", workflow_comment="x")
    response = client.post(change_url(draft), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.non_field_errors() and form["headline"].value() == "改好的标题"
    draft.refresh_from_db()
    assert (draft.headline, draft.status, draft.edit_count) == ("旧标题", Status.DRAFT, 1)


def test_a_step_that_needs_a_comment_keeps_the_edit_unsaved(client, reporter, draft):
    workflow.perform(draft, "submit", reporter)
    client.force_login(staff_member(EDITOR))
    data = form_data(draft, headline="新标题", workflow_action="return")
    assert_refused_with_nothing_saved(client, draft, data, Status.SUBMITTED)


def test_the_stale_save_check_holds_for_save_and_submit(client, reporter, draft):
    client.force_login(reporter)
    data = form_data(draft, headline="我的标题", workflow_action="submit")
    draft.body = "别人同时改了正文。"
    draft.save()
    assert_refused_with_nothing_saved(client, draft, data, Status.DRAFT)


def test_submitting_without_a_byline_is_refused_and_nothing_saved(client, reporter):
    story = ArticleFactory(created_by=reporter, headline="旧标题")
    client.force_login(reporter)
    data = form_data(story, headline="新标题", workflow_action="submit")
    assert_refused_with_nothing_saved(client, story, data, Status.DRAFT)


def test_the_buttons_are_part_of_the_story_form(client, reporter, draft):
    client.force_login(reporter)
    content = client.get(change_url(draft)).content.decode()
    form = content[
        content.index('id="article_form"') : content.index("</form>", content.index('id="article_form"'))
    ]
    assert 'name="workflow_action" value="submit"' in form
