import datetime

import pytest

from tests.factories import ArticleFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    page = PageFactory(issue__published=True, issue__date=datetime.date(2021, 1, 5))
    ArticleFactory(published=True, page=page, position=1, headline="一月五日见报")
    ArticleFactory(page=page, position=2, headline="一月五日草稿")
    online = ArticleFactory(published=True, headline="网络首发")
    online.published_at = datetime.datetime(2021, 2, 1, 9, tzinfo=datetime.UTC)
    online.save()


def titles(response):
    return [article.headline for article in response.context["object_list"]]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/archive/2021/", ["网络首发", "一月五日见报"]),
        ("/archive/2021/1/", ["一月五日见报"]),
        ("/archive/2021/01/05/", ["一月五日见报"]),
        ("/archive/2021/1/6/", []),
        ("/archive/2021/2/1/", ["网络首发"]),
        ("/archive/2020/", []),
    ],
)
def test_archives_list_published_stories_by_listing_date(client, stories, path, expected):
    response = client.get(path, {"status": "draft"})
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "path",
    ["/archive/2021/13/", "/archive/2021/2/30/", "/archive/0/", "/archive/99999/", f"/archive/{10**30}/"],
)
def test_impossible_dates_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_year_links_its_months_with_stories_and_a_month_its_days(client, stories):
    year = client.get("/archive/2021/").content.decode()
    assert 'href="/archive/2021/1/"' in year and 'href="/archive/2021/2/"' in year
    assert 'href="/archive/2021/3/"' not in year
    month = client.get("/archive/2021/1/").content.decode()
    assert 'href="/archive/2021/1/5/"' in month and 'href="/archive/2021/1/6/"' not in month
