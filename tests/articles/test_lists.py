import datetime

import pytest
from django.urls import reverse

from articles.models import Department, Township
from tests.factories import ArticleFactory, BylineFactory, PageFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return PageFactory(issue__published=True, issue__date=datetime.date(2021, 1, 5))


def published(page, position, **fields):
    article = ArticleFactory(published=True, page=page, position=position, **fields)
    article.townships.add(Township.objects.get(name="城北街道"))
    article.departments.add(Department.objects.get(name="离石区妇女联合会"))
    BylineFactory(article=article, author__name="王艳")
    PhotoFactory(article=article)
    return article


def titles(response):
    return [article.headline for article in response.context["object_list"]]


def test_the_list_filters_by_township_department_author_and_date(client, page):
    walk = published(page, 1, headline="城北街道健步走")
    ArticleFactory(published=True, headline="别的乡镇")
    url = reverse("articles:list")
    assert titles(client.get(url, {"township": "chengbei-jiedao"})) == ["城北街道健步走"]
    assert titles(client.get(url, {"department": "qu-fulian"})) == ["城北街道健步走"]
    assert titles(client.get(url, {"author": walk.authors.get().slug})) == ["城北街道健步走"]
    assert titles(client.get(url, {"date_after": "2021-01-05", "date_before": "2021-01-05"})) == [
        "城北街道健步走"
    ]
    assert titles(client.get(url, {"date_before": "2021-01-04"})) == []


def test_lists_show_only_published_stories_whatever_the_query(client, page):
    published(page, 1, headline="已发布")
    ArticleFactory(page=page, position=2, headline="草稿")
    for query in ({}, {"status": "draft"}, {"preview": "1"}):
        assert titles(client.get(reverse("articles:list"), query)) == ["已发布"]
    assert titles(
        client.get(reverse("articles:township", args=["chengbei-jiedao"]), {"status": "draft"})
    ) == ["已发布"]


def test_lists_show_date_tags_summary_and_thumbnail(client, page):
    published(page, 1, body="近日，城北街道举办迎新年健步走活动。\n第二段。")
    content = client.get(reverse("articles:list")).content.decode()
    assert "2021年1月5日" in content
    assert 'href="/townships/chengbei-jiedao/"' in content and "区妇联" in content
    assert "近日，城北街道举办迎新年健步走活动。" in content
    assert 'class="item__thumb"' in content


@pytest.mark.parametrize(
    "query",
    [
        {"date_after": "2021-13-45"},
        {"date_before": "x" * 10_000},
        {"township": "no-such-place"},
        {"township": "\x00"},
        {"department": "a" * 10_000},
        {"author": "\x00"},
    ],
)
def test_bad_filters_give_the_list_with_the_form_error(client, page, query):
    published(page, 1)
    response = client.get(reverse("articles:list"), query)
    assert response.status_code == 200
    assert response.context["filter"].form.errors
    assert titles(response) == []


@pytest.mark.parametrize("number", ["abc", "0", str(10**30), "\x00", "9" * 10_000])
def test_bad_page_numbers_are_not_found(client, page, number):
    published(page, 1)
    assert client.get(reverse("articles:list"), {"page": number}).status_code == 404


@pytest.mark.parametrize("path", ["/townships/no-such/", "/departments/no-such/", "/authors/no-such/"])
def test_unknown_slugs_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_township_and_department_indexes_count_published_stories(client, page):
    published(page, 1)
    ArticleFactory().townships.add(Township.objects.get(name="城北街道"))
    townships = {
        t.name: t.story_count for t in client.get(reverse("articles:townships")).context["object_list"]
    }
    assert townships["城北街道"] == 1 and townships["信义镇"] == 0 and len(townships) == 12
    departments = {
        d.name: d.story_count for d in client.get(reverse("articles:departments")).context["object_list"]
    }
    assert departments["离石区妇女联合会"] == 1


def test_tag_pages_list_their_stories(client, page):
    walk = published(page, 1, headline="城北街道健步走")
    for url in (
        reverse("articles:township", args=["chengbei-jiedao"]),
        reverse("articles:department", args=["qu-fulian"]),
        walk.authors.get().get_absolute_url(),
    ):
        assert titles(client.get(url)) == ["城北街道健步走"]


def test_date_filters_use_the_phone_date_picker_and_keep_their_value(client, page):
    content = client.get(reverse("articles:list"), {"date_after": "2021-01-05"}).content.decode()
    assert '<input type="date" name="date_after" value="2021-01-05"' in content


def test_the_filters_keep_the_chosen_township_and_escape_what_they_echo(client, page):
    content = client.get(
        reverse("articles:list"), {"township": "chengbei-jiedao", "date_before": '"><script>'}
    ).content.decode()
    assert '<option value="chengbei-jiedao" selected>城北街道</option>' in content
    assert content.count(" selected>") == 1
    assert 'value="&#34;&gt;&lt;script&gt;"' in content
