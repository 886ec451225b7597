import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, BylineFactory, PageFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_page():
    return PageFactory(issue__published=True, number=2, name="综合")


def test_home_shows_the_latest_issue_front_and_latest_stories(client, published_page):
    ArticleFactory(published=True, page=published_page, position=1, headline="产业扶贫结硕果")
    ArticleFactory(page=published_page, position=2, headline="尚未签发的稿件")
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "产业扶贫结硕果" in content
    assert "第2版 · 综合" in content
    assert "尚未签发的稿件" not in content
    assert '<html lang="zh-Hans">' in content


def test_home_leads_with_the_newest_story_that_has_a_picture(client, published_page):
    ArticleFactory(published=True, page=published_page, position=1, headline="头条无图")
    pictured = ArticleFactory(published=True, page=published_page, position=2, headline="有图的稿件")
    PhotoFactory(article=pictured)
    PhotoFactory(
        article=ArticleFactory(published=True, page=published_page, position=3), image=""
    )  # 图片待补
    response = client.get(reverse("articles:home"))
    assert response.context["lead"] == pictured
    assert pictured not in response.context["latest_articles"]
    content = response.content.decode()
    url = pictured.get_absolute_url()
    assert f'<h1 class="lead__headline"><a href="{url}">有图的稿件</a></h1>' in content
    assert 'class="lead__image"' in content


def test_home_leads_with_the_newest_story_when_none_has_a_picture(client, published_page):
    newest = ArticleFactory(published=True, page=published_page, position=1, headline="头条无图")
    ArticleFactory(published=True, page=published_page, position=2)
    response = client.get(reverse("articles:home"))
    assert response.context["lead"] == newest
    assert 'class="lead__image"' not in response.content.decode()


def test_home_without_any_issue(client):
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    assert "尚未出版任何一期。" in response.content.decode()


def test_story_page_lays_out_headline_block_byline_and_photos(client, published_page):
    article = ArticleFactory(
        published=True,
        page=published_page,
        position=1,
        kicker="引题文字",
        headline="栉风沐雨砥砺前行",
        subtitle="——离石区教育发展工作综述",
        source="本报讯",
    )
    BylineFactory(article=article, author__name="王燕华")
    PhotoFactory(article=article, caption="西属巴街道养驴场。")
    content = client.get(article.get_absolute_url()).content.decode()
    for text in (
        "引题文字",
        "栉风沐雨砥砺前行",
        "——离石区教育发展工作综述",
        "刘和平 摄",
        "第2版 · 综合",
    ):
        assert text in content
    assert '<strong class="source">本报讯</strong> 近日' in content
    assert '文/<a href="/authors/wang-yanhua/">王燕华</a>' in content  # as the paper prints it


@pytest.mark.parametrize(
    "status", sorted(set(Article.Status) - {Article.Status.PUBLISHED, Article.Status.WITHDRAWN})
)
def test_unpublished_stories_are_not_found(client, status):
    article = ArticleFactory(status=status)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(article.get_absolute_url(), {"status": "draft", "preview": "1"}).status_code == 404


def test_a_withdrawn_story_is_gone(client):
    # Readers who follow an old link learn that the story was withdrawn (tests/newsroom/test_error_pages.py).
    article = ArticleFactory(status=Article.Status.WITHDRAWN)
    assert client.get(article.get_absolute_url()).status_code == 410
    assert client.get(article.get_absolute_url(), {"status": "draft", "preview": "1"}).status_code == 410


def test_an_unknown_story_is_not_found(client):
    assert client.get("/articles/999999/").status_code == 404
