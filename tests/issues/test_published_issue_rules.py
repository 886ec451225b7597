"""What readers already see (a published issue, its pages, a published story's place, names in print)
changes only by the chief editor; a published issue's and page's addresses never change."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles import workflow
from articles.models import Article, Transition
from articles.roles import CHIEF_EDITOR, EDITOR
from issues.models import Issue, Page
from tests.factories import ArticleFactory, BylineFactory, IssueFactory, PageFactory, staff_member
from tests.issues.test_import_admin import SAMPLE, confirm, upload
from tests.issues.test_import_admin import URL as IMPORT_URL

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def issue():
    issue = IssueFactory(published=True, number=100, date=datetime.date(2021, 1, 5))
    page = PageFactory(issue=issue, number=1, name="要闻")
    ArticleFactory(published=True, page=page, position=1, headline="已发布的稿件")
    return issue


@pytest.fixture
def editor(client):
    user = staff_member(EDITOR)
    client.force_login(user)
    return user


def issue_form(issue, **changes):
    pages = list(issue.pages.all())
    data = {
        "number": issue.number,
        "date": issue.date.isoformat(),
        "pages-TOTAL_FORMS": str(len(pages)),
        "pages-INITIAL_FORMS": str(len(pages)),
        **{f"pages-{n}-id": page.pk for n, page in enumerate(pages)},
        **{f"pages-{n}-issue": issue.pk for n, page in enumerate(pages)},
        **{f"pages-{n}-number": page.number for n, page in enumerate(pages)},
        **{f"pages-{n}-name": page.name for n, page in enumerate(pages)},
    }
    data.update(changes)
    return data


def test_an_editor_cannot_move_a_published_story_onto_tomorrows_page(client, editor, issue):
    story = Article.objects.get(headline="已发布的稿件")
    tomorrow = PageFactory(issue=IssueFactory(number=101, date=datetime.date(2021, 1, 6)))
    client.post(reverse("admin:issues_page_place", args=[tomorrow.pk]), {"article": story.pk, "position": 1})
    story.refresh_from_db()
    assert story.page.issue == issue and story.listing_date == datetime.date(2021, 1, 5)


def test_the_chief_moves_a_published_story_only_within_published_issues_and_it_is_recorded(issue):
    chief, story = staff_member(CHIEF_EDITOR), Article.objects.get(headline="已发布的稿件")
    with pytest.raises(workflow.TransitionNotAllowed) as refused:
        workflow.place(
            story, PageFactory(issue=IssueFactory(number=102, date=datetime.date(2021, 1, 7))), 1, chief
        )
    assert refused.value.code == "unpublished_page"
    workflow.place(story, PageFactory(issue=issue, number=2), 1, chief)
    step = Transition.objects.get(article=story, action=workflow.MOVE)
    assert step.actor == chief and "要闻" in step.comment


def test_an_editor_cannot_renumber_redate_or_change_the_pages_of_a_published_issue(client, editor, issue):
    url = reverse("admin:issues_issue_change", args=[issue.pk])
    client.post(url, issue_form(issue, number=101, date="2021-01-06", **{"pages-0-name": "改名"}))
    issue.refresh_from_db()
    assert (issue.number, issue.date) == (100, datetime.date(2021, 1, 5))
    assert issue.pages.get().name == "要闻"
    page = issue.pages.get()
    client.post(
        reverse("admin:issues_page_change", args=[page.pk]), {"issue": issue.pk, "number": 9, "name": "改名"}
    )
    client.post(reverse("admin:issues_page_delete", args=[page.pk]), {"post": "yes"})
    client.post(reverse("admin:issues_page_add"), {"issue": issue.pk, "number": 2, "name": "新版"})
    assert list(issue.pages.values_list("number", "name")) == [(1, "要闻")]
    assert client.get(issue.get_absolute_url()).status_code == 200


def test_the_chief_renames_a_page_but_numbers_and_dates_stay(client, issue):
    chief = staff_member(CHIEF_EDITOR)
    client.force_login(chief)
    url = reverse("admin:issues_issue_change", args=[issue.pk])
    response = client.post(
        url, issue_form(issue, number=101, date="2021-01-06", **{"pages-0-number": 7, "pages-0-name": "头版"})
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.number, issue.date) == (100, datetime.date(2021, 1, 5))
    assert list(issue.pages.values_list("number", "name")) == [(1, "头版")]
    assert LogEntry.objects.filter(user=chief, object_id=str(issue.pk)).exists()
    client.post(reverse("admin:issues_issue_delete", args=[issue.pk]), {"post": "yes"})
    client.post(
        reverse("admin:issues_issue_changelist"),
        {"action": "delete_selected", "_selected_action": [issue.pk], "post": "yes"},
    )
    assert Issue.objects.filter(pk=issue.pk).exists()


def test_the_import_refuses_a_published_issue_for_an_editor_even_with_a_tampered_date(client, editor, issue):
    preview = upload(client, date="2021-01-04", page="3")
    tampered = {field.name: field.value() for field in preview.context["confirm"]}
    tampered |= {"date": "2021-01-05", "number": "", "confirm": "1"}
    response = client.post(
        IMPORT_URL, {key: "" if value is None else value for key, value in tampered.items()}
    )
    assert response.status_code == 200
    assert not Page.objects.filter(issue=issue, number=3).exists()
    assert "只有总编" in " ".join(str(message) for message in response.wsgi_request._messages)
    assert confirm(client, upload(client, date="2021-01-04", page="3")).status_code == 302
    assert SAMPLE


def test_an_editor_cannot_rename_an_author_in_print(client, editor, issue):
    byline = BylineFactory(article=Article.objects.get(headline="已发布的稿件"), author__name="王艳")
    draft_author = BylineFactory(article=ArticleFactory(), author__name="李明").author
    for author, renamed in ((byline.author, False), (draft_author, True)):
        client.post(
            reverse("admin:articles_author_change", args=[author.pk]),
            {"name": "改名", "slug": author.slug, "kind": author.kind},
        )
        author.refresh_from_db()
        assert (author.name == "改名") == renamed
    client.force_login(staff_member(CHIEF_EDITOR))
    client.post(
        reverse("admin:articles_author_change", args=[byline.author.pk]),
        {"name": "王燕", "slug": byline.author.slug, "kind": "reporter"},
    )
    byline.author.refresh_from_db()
    assert byline.author.name == "王燕"


def test_an_author_named_only_in_drafts_has_no_page(client, issue):
    draft_author = BylineFactory(article=ArticleFactory(), author__name="李明").author
    assert client.get(draft_author.get_absolute_url()).status_code == 404
    published_author = BylineFactory(
        article=Article.objects.get(headline="已发布的稿件"), author__name="王艳"
    ).author
    assert client.get(published_author.get_absolute_url()).status_code == 200


def test_the_page_offers_each_person_the_stories_they_may_place_there(client, issue):
    page = issue.pages.get()
    ArticleFactory(status=Status.APPROVED, headline="待上版的稿件")
    ArticleFactory(published=True, headline="先发网络的稿件")
    url = reverse("admin:issues_page_change", args=[page.pk])

    client.force_login(staff_member(EDITOR))
    offered = {text.rsplit("（", 1)[0] for _, text in client.get(url).context["story_choices"]}
    assert offered == {"待上版的稿件"}

    client.force_login(staff_member(CHIEF_EDITOR))  # may move a published story onto a published issue
    offered = {text.rsplit("（", 1)[0] for _, text in client.get(url).context["story_choices"]}
    assert offered == {"待上版的稿件", "先发网络的稿件"}
    unpublished_page = PageFactory(issue=IssueFactory(), number=1)
    url = reverse("admin:issues_page_change", args=[unpublished_page.pk])
    offered = {text.rsplit("（", 1)[0] for _, text in client.get(url).context["story_choices"]}
    assert offered == {"待上版的稿件"}


def test_every_recorded_step_has_a_name_to_show(issue):
    chief = staff_member(CHIEF_EDITOR)
    story = ArticleFactory(published=True)
    workflow.place(story, issue.pages.get(), 2, chief)
    workflow.perform(story, "withdraw", chief, comment="有误")
    steps = Transition.objects.filter(article=story)
    assert [step.get_action_display() for step in steps] == ["移动版面", "撤稿"]
