import io
import json
import re

import pytest
import segno
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Byline, Department, Keyword, Township
from articles.roles import EDITOR
from tests.factories import ArticleFactory, BylineFactory, PageFactory, PhotoFactory, png_file, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return PageFactory(issue__published=True, number=2, name="综合")


def story(page, position, headline, published=True):
    article = ArticleFactory(page=page, position=position, headline=headline, published=published)
    article.townships.add(Township.objects.get(name="吴城镇"))
    return article


def test_previous_and_next_on_the_same_page_skip_unpublished(client, page):
    first, _, third = (
        story(page, 1, "第一篇"),
        story(page, 2, "未发布", published=False),
        story(page, 3, "第三篇"),
    )
    response = client.get(first.get_absolute_url())
    assert response.context["previous_on_page"] is None
    assert response.context["next_on_page"] == third
    assert client.get(third.get_absolute_url()).context["previous_on_page"] == first


def test_related_stories_share_a_township_and_are_published(client, page):
    main = story(page, 1, "主稿")
    other = story(page, 2, "同镇稿件")
    story(page, 3, "同镇草稿", published=False)
    ArticleFactory(published=True, headline="无关稿件", body="市场上的苹果价格平稳。")
    assert list(client.get(main.get_absolute_url()).context["related"]) == [other]


def test_related_stories_rank_by_shared_keywords_then_township_then_date(client, page):
    words = {word: Keyword.objects.create(word=word) for word in ("红枣", "加工", "合作社", "增收")}
    main = story(page, 1, "主稿")
    main.keywords.set(words.values())
    two_shared = ArticleFactory(published=True, page=page, position=2, headline="两词")
    two_shared.keywords.set([words["红枣"], words["加工"]])
    one_shared_same_township = story(page, 3, "一词同镇")
    one_shared_same_township.keywords.set([words["增收"]])
    one_shared = ArticleFactory(published=True, page=page, position=4, headline="一词")
    one_shared.keywords.set([words["合作社"]])
    same_township_only = story(page, 5, "同镇")
    same_township_only.keywords.clear()
    related = client.get(main.get_absolute_url()).context["related"]
    assert [article.headline for article in related] == ["两词", "一词同镇", "一词", "同镇"]


def test_share_card_and_structured_data(client, page):
    article = story(page, 1, "吴城镇集中学习")
    BylineFactory(article=article, author__name="王艳")
    PhotoFactory(article=article, image=png_file(size=(640, 400)))
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="吴城镇集中学习">' in content
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/photos/renditions/[^"]+">', content
    )
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', content).group(1))
    assert data["@type"] == "NewsArticle" and data["headline"] == "吴城镇集中学习"
    assert data["author"] == [{"@type": "Person", "name": "王艳"}]
    assert 'href="/townships/wucheng-zhen/"' in content and 'href="/authors/wang-yan/"' in content


def test_a_share_card_without_a_photo_wechat_shows_has_the_sites_square_picture(client, page):
    article = story(page, 1, "无大图的稿件")
    PhotoFactory(article=article, image=png_file(size=(400, 200)))  # under 300 px high: WeChat drops it
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:image" content="http://testserver/static/img/share.png">' in content


def test_the_story_page_has_what_readers_look_for(client, page):
    page.editor = staff_member(EDITOR, first_name="吴夏峰")
    page.save()
    story(page, 1, "前一篇稿件")
    article = story(page, 2, "本篇稿件")
    story(page, 3, "后一篇稿件")
    BylineFactory(article=article, author__name="王艳", role=Byline.Role.WRITER, order=1)
    BylineFactory(article=article, author__name="刘和平", role=Byline.Role.PHOTOGRAPHER, order=2)
    content = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r"文/<a [^>]+>王艳</a>.*图/<a [^>]+>刘和平</a>", content, re.S)
    assert "责任编辑：吴夏峰" in content and "来源：今日离石 第2版 · 综合" in content
    assert re.search(r'rel="prev"[^>]*><span class="pager__label">上一篇</span>前一篇稿件', content)
    assert re.search(r'rel="next"[^>]*><span class="pager__label">下一篇</span>后一篇稿件', content)
    assert 'id="share-address" type="url" value="http://testserver/articles/' in content
    assert "复制链接" in content and f'<img src="/articles/{article.pk}/qr.svg"' in content


def test_the_address_code_is_a_picture_of_the_storys_address(client, page):
    article = story(page, 1, "本篇稿件")
    response = client.get(f"/articles/{article.pk}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    drawn = io.BytesIO()
    segno.make(f"http://testserver/articles/{article.pk}/", error="m").save(
        drawn, kind="svg", dark="#1d1b18", omitsize=True
    )
    assert response.content == drawn.getvalue()
    assert b'xmlns="http://www.w3.org/2000/svg"' in response.content


def test_only_a_published_story_has_an_address_code(client, page):
    draft = story(page, 1, "草稿", published=False)
    withdrawn = story(page, 2, "已撤稿")
    withdrawn.status = withdrawn.Status.WITHDRAWN
    withdrawn.save()
    assert client.get(f"/articles/{draft.pk}/qr.svg").status_code == 404
    assert client.get(f"/articles/{withdrawn.pk}/qr.svg").status_code == 404
    assert client.get("/articles/999999/qr.svg").status_code == 404


def test_the_story_page_runs_the_same_number_of_queries_however_much_is_related(client, page):
    def queries(count):
        main = story(page, 1000, "主稿")
        main.departments.add(Department.objects.first())
        for position in range(1, count + 1):
            related = story(page, position, f"相关{position}")
            BylineFactory(article=related)
            PhotoFactory(article=related)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(main.get_absolute_url()).status_code == 200
        page.articles.all().delete()
        return len(captured)

    # The story with its issue, page, listing, bylines, photos and tags; its related stories ranked, with
    # their listing; its neighbours on the page.
    assert queries(1) == queries(100) == 3


def test_a_long_story_page_weighs_under_100_kb_with_its_css(client, page):
    from django.contrib.staticfiles import finders

    article = story(page, 1, "栉风沐雨砥砺前行")
    article.body = "\n".join(
        ["教育，寄托着学子的梦想；教育，承载着家庭的希望。" * 10] * 30
    )  # ~7,000 characters
    article.save()
    html = client.get(article.get_absolute_url()).content
    with open(finders.find("css/site.css"), "rb") as stylesheet:
        css = stylesheet.read()
    assert len(html) + len(css) < 100 * 1024


def test_the_story_page_shows_its_pictures_in_order_with_their_credits_and_its_bylines_in_order(client, page):
    article = story(page, 1, "本篇稿件")
    BylineFactory(article=article, author__name="刘和平", role=Byline.Role.PHOTOGRAPHER, order=2)
    BylineFactory(article=article, author__name="王艳", role=Byline.Role.WRITER, order=1)
    first = PhotoFactory(article=article, caption="第一张")
    PhotoFactory(article=article, image="", caption="图片待补")
    PhotoFactory(article=article, caption="第二张", photographer__name="白晓燕")
    content = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r"文/<a [^>]+>王艳</a>.*图/<a [^>]+>刘和平</a>", content, re.S)
    assert re.search(
        r"第一张 <span class=\"credit\">刘和平 摄</span>.*第二张 <span class=\"credit\">白晓燕 摄",
        content,
        re.S,
    )
    assert f'src="{first.display_url}"' in content and "图片待补" not in content
