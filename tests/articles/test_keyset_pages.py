"""A list's "older" link says which story the next page starts after, and that page is read from there."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Township
from tests.factories import ArticleFactory, IssueFactory, PageFactory

pytestmark = pytest.mark.django_db


# So that on either database one page ends on a story without a position (online only), whose day's
# printed stories come before it on PostgreSQL and after it on SQLite.
ONLINE_ONLY = {5: 8, 4: 3, 3: 5}


def build_list():
    """52 stories over three days: each day two pages whose positions repeat, and stories published
    online only, which have no position."""
    township = Township.objects.get(name="城北街道")
    for day in (3, 4, 5):
        date = datetime.date(2021, 1, day)
        issue = IssueFactory(number=day, date=date, published=True)
        pages = [PageFactory(issue=issue, number=number) for number in (1, 2)]
        for position in range(1, 7):
            for page in pages:
                ArticleFactory(
                    published=True, page=page, position=position, headline=f"{day}日{page.number}版{position}"
                )
        for number in range(ONLINE_ONLY[day]):
            published_at = timezone.make_aware(datetime.datetime(2021, 1, day, 20, number))
            ArticleFactory(
                status=Article.Status.PUBLISHED, published_at=published_at, headline=f"{day}日网{number}"
            )
    for story in Article.objects.all():
        story.townships.add(township)


def headlines(content):
    return re.findall(r'class="item__headline" href="[^"]+">([^<]+)</a>', content)


def older_link(content):
    found = re.search(r'rel="next" href="([^"]+)"', content)
    return found and found.group(1).replace("&amp;", "&")


@pytest.mark.parametrize(
    "path", ["/articles/", "/townships/chengbei-jiedao/", "/articles/?township=chengbei-jiedao"]
)
def test_following_the_older_links_reads_the_list_as_its_page_numbers_do(client, path):
    build_list()
    by_number = [headlines(client.get(path, {"page": number}).content.decode()) for number in (1, 2, 3)]
    walked, address = [], path
    while address:
        content = client.get(
            address if address.startswith("/") else path.split("?")[0] + address
        ).content.decode()
        walked.append(headlines(content))
        address = older_link(content)

    assert walked == by_number
    assert [len(page) for page in walked] == [20, 20, 12]
    everything = [title for page in walked for title in page]
    assert everything == list(Article.objects.published().newest_first().values_list("headline", flat=True))
    printed = [f"5日{page}版{position}" for position in range(1, 7) for page in (2, 1)]
    online = [f"5日网{number}" for number in range(7, -1, -1)]
    assert everything[:20] in ([*printed, *online], [*online, *printed])  # as the database sorts NULLs


def test_the_older_link_names_the_last_story_of_the_page(client):
    build_list()
    content = client.get("/articles/", {"township": "chengbei-jiedao"}).content.decode()
    last = Article.objects.get(headline=headlines(content)[-1])
    assert older_link(content) == f"?township=chengbei-jiedao&page=2&after={last.pk}"


def test_a_page_after_a_story_no_longer_listed_is_read_by_its_number(client):
    build_list()
    gone = Article.objects.get(headline="5日1版6")
    gone.status = Article.Status.WITHDRAWN
    gone.save()
    draft = ArticleFactory(headline="草稿")
    expected = headlines(client.get("/articles/", {"page": 2}).content.decode())
    for after in (gone.pk, draft.pk, 999999):
        assert headlines(client.get("/articles/", {"page": 2, "after": after}).content.decode()) == expected


@pytest.mark.parametrize("after", ["abc", "", "-1", "1.5", "١٢", str(2**63)])
def test_a_malformed_after_is_not_found(client, after):
    build_list()
    assert client.get("/articles/", {"page": 2, "after": after}).status_code == 404


def test_a_page_read_after_a_story_runs_as_few_queries_however_deep(client):
    build_list()

    def queries(page, after):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/articles/", {"page": page, "after": after}).status_code == 200
        return len(captured)

    last_of_page_one = Article.objects.published().newest_first()[19]
    last_of_page_two = Article.objects.published().newest_first()[39]
    # the count; the filters' townships and departments; where the page starts; its stories
    assert queries(2, last_of_page_one.pk) == queries(3, last_of_page_two.pk) == 5
