import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import workflow
from articles.models import Article
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from tests.factories import ArticleFactory, BylineFactory, UserFactory, staff_member, story_form

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def reporter():
    return staff_member(REPORTER)


@pytest.fixture
def story(reporter):
    article = ArticleFactory(created_by=reporter, headline="城北街道开展健步走活动")
    BylineFactory(article=article, author__user=reporter)
    return article


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def transition(client, article, action, comment=""):
    return client.post(
        reverse("admin:articles_article_transition", args=[article.pk]),
        {"action": action, "comment": comment},
    )


def form_data(article, **changes):
    shown = {field: getattr(article, field) for field in ("kicker", "headline", "subtitle", "source", "body")}
    edit_count = Article.objects.get(pk=article.pk).edit_count
    return story_form(**shown, edit_count_seen=edit_count) | changes


def test_a_reporter_edits_a_draft_but_cannot_set_its_status(client, reporter, story):
    client.force_login(reporter)
    response = client.post(
        change_url(story), form_data(story, headline="新标题", status="published", published_at="2021-01-05")
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.headline, story.status, story.published_at) == ("新标题", Status.DRAFT, None)


def test_a_reporter_cannot_see_or_change_another_reporters_story(client, story):
    client.force_login(staff_member(REPORTER))
    assert client.get(change_url(story)).status_code == 302  # the admin's "does not exist" redirect
    assert client.post(change_url(story), form_data(story, headline="篡改")).status_code == 302
    assert transition(client, story, "submit").status_code == 404
    story.refresh_from_db()
    assert story.headline == "城北街道开展健步走活动"
    listed = client.get(reverse("admin:articles_article_changelist")).context["cl"].result_list
    assert story not in listed


def test_a_reporter_cannot_edit_their_story_once_submitted(client, reporter, story):
    client.force_login(reporter)
    assert transition(client, story, "submit").status_code == 302
    assert client.post(change_url(story), form_data(story, headline="篡改")).status_code == 403
    story.refresh_from_db()
    assert (story.headline, story.status) == ("城北街道开展健步走活动", Status.SUBMITTED)


def test_a_reporter_cannot_review_their_own_story_by_a_tampered_post(client, reporter, story):
    client.force_login(reporter)
    transition(client, story, "submit")
    response = transition(client, story, "first_review")
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Status.SUBMITTED
    messages = [str(message) for message in client.get(change_url(story)).context["messages"]]
    assert any("无权" in message for message in messages)


def test_a_reporter_cannot_delete_a_story(client, reporter, story):
    client.force_login(reporter)
    assert (
        client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Article.objects.filter(pk=story.pk).exists()


def test_an_editor_returns_a_story_with_a_comment_that_the_reporter_sees(client, reporter, story):
    workflow.perform(story, "submit", reporter)
    client.force_login(staff_member(EDITOR))
    transition(client, story, "return", "请核实人数。")
    story.refresh_from_db()
    assert story.status == Status.RETURNED
    client.force_login(reporter)
    content = client.get(change_url(story)).content.decode()
    assert "请核实人数。" in content
    assert "退回修改" in content


def test_the_change_page_offers_only_the_allowed_steps(client, reporter, story):
    workflow.perform(story, "submit", reporter)
    staff_member(EDITOR), staff_member(CHIEF_EDITOR)  # left to sign the second and final review
    client.force_login(staff_member(EDITOR))
    actions = [action.name for action in client.get(change_url(story)).context["workflow_actions"]]
    assert actions == ["first_review", "return"]


def test_a_bad_transition_request_is_a_message_not_a_500(client, story):
    client.force_login(staff_member(CHIEF_EDITOR))
    assert transition(client, story, "no-such-action\x00").status_code == 302
    assert client.get(reverse("admin:articles_article_transition", args=[story.pk])).status_code == 405
    assert transition(client, story, "publish").status_code == 302
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_the_story_list_filters_and_puts_ones_own_stories_first(client):
    both = UserFactory(is_staff=True)
    both.groups.add(Group.objects.get(name=EDITOR), Group.objects.get(name=REPORTER))
    others = [ArticleFactory(headline=f"别人的稿件{n}") for n in range(3)]
    own = ArticleFactory(headline="自己的稿件", created_by=both)
    signed = BylineFactory(article__headline="署名的稿件", author__user=both).article
    ArticleFactory.reset_sequence()
    client.force_login(both)
    changelist = reverse("admin:articles_article_changelist")
    listed = list(client.get(changelist).context["cl"].result_list)
    assert listed[:2] == [signed, own] and set(listed[2:]) == set(others)
    for query in ({"status__exact": "draft"}, {"q": "自己"}, {"bylines__author__id__exact": "1"}):
        assert client.get(changelist, query).status_code == 200
    assert list(client.get(changelist, {"q": "自己"}).context["cl"].result_list) == [own]


def test_a_reporter_sees_only_their_own_stories_steps(client, reporter, story):
    other = BylineFactory(article__headline="别人的未发表稿件").article
    editor = staff_member(EDITOR)
    workflow.perform(story, "submit", reporter)
    workflow.perform(other, "submit", editor)
    workflow.perform(other, "return", editor, comment="别人的退回意见")
    client.force_login(reporter)
    response = client.get(reverse("admin:articles_transition_changelist"))
    assert {step.article for step in response.context["cl"].result_list} == {story}
    assert "别人的退回意见" not in response.content.decode()


def test_a_reporter_does_not_see_the_page_assembly(client, reporter):
    from tests.factories import PageFactory

    page = PageFactory()
    ArticleFactory(status=Status.APPROVED, headline="待排版的稿件")
    ArticleFactory(status=Status.APPROVED, headline="已上版的稿件", page=page, position=1)
    client.force_login(reporter)
    content = client.get(reverse("admin:issues_page_change", args=[page.pk])).content.decode()
    assert "待排版的稿件" not in content and "已上版的稿件" not in content


def test_the_return_reason_heads_the_story_and_steps_and_comments_are_one_thread(client, reporter, story):
    from articles.models import Comment

    editor = staff_member(EDITOR, first_name="张编辑")
    workflow.perform(story, "submit", reporter)
    Comment.objects.create(article=story, author=editor, text="导语太长")
    workflow.perform(story, "return", editor, comment="请补充参加人数")
    client.force_login(reporter)
    response = client.get(change_url(story))
    content = response.content.decode()
    assert content.index('id="return-reason"') < content.index('id="article_form"')
    assert "请补充参加人数" in content[: content.index('id="article_form"')]
    thread = [(name, text) for _at, name, _step, text in response.context["conversation"]]
    assert thread[-2:] == [("张编辑", "导语太长"), ("张编辑", "请补充参加人数")]


def test_a_read_only_story_page_shows_no_form_internals(client, reporter, story):
    workflow.perform(story, "submit", reporter)
    client.force_login(reporter)
    content = client.get(change_url(story)).content.decode()
    assert "Suggested" not in content and "Edit count" not in content
