import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, IssueFactory, PageFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue():
    issue = IssueFactory(published=True, number=1)
    for number, name in ((1, "要闻"), (2, "综合"), (3, "专题")):
        PageFactory(issue=issue, number=number, name=name)
    return issue


def test_issue_lists_its_pages_with_published_stories_in_order(client, issue):
    page = issue.pages.get(number=2)
    ArticleFactory(published=True, page=page, position=2, headline="第二条")
    ArticleFactory(published=True, page=page, position=1, headline="头条")
    ArticleFactory(page=page, position=3, headline="草稿稿件")
    content = client.get(issue.get_absolute_url()).content.decode()
    assert content.index("第1版 · 要闻") < content.index("第2版 · 综合") < content.index("第3版 · 专题")
    assert content.index("头条") < content.index("第二条")
    assert "草稿稿件" not in content


def test_page_view_shows_its_photos_and_neighbours(client, issue):
    page = issue.pages.get(number=2)
    PhotoFactory(page=page, caption="吴城镇农产品公司员工正在加工土豆。")
    response = client.get(reverse("issues:page", kwargs={"number": 1, "page": 2}))
    content = response.content.decode()
    assert "吴城镇农产品公司员工正在加工土豆。" in content
    assert response.context["previous_page"].number == 1
    assert response.context["next_page"].number == 3


def test_first_page_has_no_previous(client, issue):
    response = client.get(reverse("issues:page", kwargs={"number": 1, "page": 1}))
    assert response.context["previous_page"] is None


@pytest.mark.parametrize("path", ["/issues/1/9/", "/issues/2/", "/issues/2/1/", "/issues/abc/"])
def test_unknown_issues_and_pages_are_not_found(client, issue, path):
    assert client.get(path).status_code == 404


def test_an_issue_still_in_planning_is_not_public(client):
    planning = IssueFactory(number=5)
    PageFactory(issue=planning, number=1)
    assert client.get(planning.get_absolute_url()).status_code == 404
    assert client.get("/issues/5/1/").status_code == 404


def test_past_issues_by_year_as_a_calendar(client):
    import datetime

    IssueFactory(published=True, number=10, date=datetime.date(2021, 1, 5))
    IssueFactory(published=True, number=11, date=datetime.date(2021, 1, 12))
    IssueFactory(published=True, number=3, date=datetime.date(2020, 12, 29))
    IssueFactory(number=12, date=datetime.date(2021, 1, 19))
    response = client.get(reverse("issues:archive"))
    assert response.context["years"] == [2021, 2020]
    assert response.context["year"] == 2021
    content = response.content.decode()
    assert 'href="/issues/10/"' in content and 'href="/issues/11/"' in content
    assert 'href="/issues/12/"' not in content
    assert 'href="/issues/3/"' in client.get(reverse("issues:archive"), {"year": "2020"}).content.decode()


@pytest.mark.parametrize("year", ["abc", "1999", "\x00", "9" * 5000])
def test_past_issues_of_a_year_without_issues_are_not_found(client, year):
    assert client.get(reverse("issues:archive"), {"year": year}).status_code == 404


def test_a_photo_awaiting_its_image_is_not_shown_to_readers(client, issue, admin_client):
    page = issue.pages.get(number=2)
    story = ArticleFactory(published=True, page=page, position=1, headline="头条")
    PhotoFactory(page=page, article=story, caption="有图的照片。")
    PhotoFactory(page=page, article=story, caption="待补的照片。", image="")
    for url in (page.get_absolute_url(), story.get_absolute_url(), reverse("articles:list"), "/"):
        content = client.get(url).content.decode()
        assert "待补的照片" not in content, url
    assert "有图的照片" in client.get(page.get_absolute_url()).content.decode()
    listing = admin_client.get(reverse("admin:articles_photo_changelist"), {"awaiting_image": "1"})
    assert list(listing.context["cl"].result_list.values_list("caption", flat=True)) == ["待补的照片。"]
    assert "图片待补" in listing.content.decode()
