"""Every public page runs a fixed number of SQL queries, whether it shows one story or a hundred.

The story page has its own test, with one and a hundred stories around it (articles/test_story_page.py).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Author, Department, Photo, Township
from issues.models import Issue
from tests.factories import ArticleFactory, BylineFactory, IssueFactory, PageFactory, PhotoFactory

pytestmark = pytest.mark.django_db

AUTHORS = ["王艳", "吴夏峰", "张晋晋", "李琪瑞", "高裕鹏"]
PAGES = 4

PUBLIC_URLS = [
    "/",
    "/articles/",
    "/articles/?township=chengbei-jiedao&department=qu-fulian&date_after=2021-01-01",
    "/townships/",
    "/townships/chengbei-jiedao/",
    "/departments/",
    "/departments/qu-fulian/",
    "/authors/wang-yan/",
    "/archive/2021/",
    "/archive/2021/01/",
    "/archive/2021/01/05/",
    "/issues/",
    "/issues/1/",
    "/issues/1/1/",
    "/feed/",
    "/townships/chengbei-jiedao/feed/",
    "/departments/qu-fulian/feed/",
    "/sitemap.xml",
    "/search/?q=健步走",
    "/search/?q=健步走&township=chengbei-jiedao&page=1",
]


def build_issue(story_count):
    """Issue 1 of 2021-01-05 with its stories spread over four pages, each tagged, signed and illustrated."""
    issue = IssueFactory(number=1, date=datetime.date(2021, 1, 5), published=True)
    pages = [PageFactory(issue=issue, number=number) for number in range(1, PAGES + 1)]
    township = Township.objects.get(name="城北街道")
    department = Department.objects.get(name="离石区妇女联合会")
    authors = [Author.objects.create(name=name) for name in AUTHORS]
    for index in range(story_count):
        article = ArticleFactory(published=True, page=pages[index % PAGES], position=index + 1)
        article.townships.add(township)
        article.departments.add(department)
        BylineFactory(article=article, author=authors[0])
        BylineFactory(article=article, author=authors[1 + index % (len(authors) - 1)], order=2)
        PhotoFactory(article=article)
    # The page also carries a draft and a stand-alone photo, which the public never sees.
    ArticleFactory(page=pages[0], position=story_count + 1)
    PhotoFactory(page=pages[0], position=story_count + 2)


def queries_for(client, url, story_count):
    build_issue(story_count)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    Photo.objects.all().delete()
    Article.objects.all().delete()
    Issue.objects.all().delete()
    Author.objects.all().delete()
    return len(captured)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_page_runs_as_many_queries_for_100_stories_as_for_1(client, url):
    assert queries_for(client, url, 1) == queries_for(client, url, 100)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # the latest stories with their listing; the issue, its pages, their stories with their authors;
        # the townships and departments to browse
        ("/", 6),
        # the count; the filters' townships and departments; the page's stories with their listing
        ("/articles/", 4),
        # the issue, its pages, their stories with their authors
        ("/issues/1/", 3),
        # the same, then the page's photos and zones
        ("/issues/1/1/", 5),
        # the stories with their authors
        ("/feed/", 1),
    ],
)
def test_pages_made_afresh_read_what_they_show_in_few_queries(client, url, expected):
    assert queries_for(client, url, 30) == expected
