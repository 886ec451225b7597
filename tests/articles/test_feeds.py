import pytest
from django.urls import reverse

from articles.models import Township
from tests.factories import ArticleFactory, BylineFactory, IssueFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    published = ArticleFactory(published=True, headline="已发布的稿件")
    published.townships.add(Township.objects.get(name="信义镇"))
    draft = ArticleFactory(headline="草稿稿件")
    draft.townships.add(Township.objects.get(name="信义镇"))
    return published


@pytest.mark.parametrize("url", ["/feed/", "/townships/xinyi-zhen/feed/", "/departments/qu-fulian/feed/"])
def test_feeds_carry_only_published_stories(client, stories, url):
    response = client.get(url, {"status": "draft"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "草稿稿件" not in content
    if "qu-fulian" not in url:
        assert "已发布的稿件" in content


def test_a_feed_is_sent_in_one_piece(client, stories):
    # The server writes each piece of a response to the socket separately.
    assert len(list(client.get("/feed/"))) == 1


@pytest.mark.parametrize("url", ["/townships/nowhere/feed/", "/departments/%00/feed/"])
def test_feeds_of_unknown_tags_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_the_sitemap_lists_published_stories_and_issues_only(client, stories):
    IssueFactory(number=9)
    public_issue = PageFactory(issue__published=True, issue__number=8).issue
    draft = ArticleFactory(headline="另一篇草稿")
    content = client.get(reverse("sitemap")).content.decode()
    assert stories.get_absolute_url() in content
    assert draft.get_absolute_url() not in content
    assert public_issue.get_absolute_url() in content and "/issues/9/" not in content
    assert "/townships/xinyi-zhen/" in content


def test_robots_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_a_feed_names_a_storys_authors_in_byline_order(client, stories):
    BylineFactory(article=stories, author__name="王艳", order=2)
    BylineFactory(article=stories, author__name="吴夏峰", order=1)
    assert ">吴夏峰 王艳</dc:creator>" in client.get("/feed/").content.decode()
