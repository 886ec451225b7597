import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/articles/", "/townships/", "/issues/", "/feed/", "/sitemap.xml"])
def test_public_pages_send_cache_headers_and_an_etag(client, path):
    response = client.get(path)
    assert response.status_code == 200
    # Revalidated every time, so that no browser or proxy shows a withdrawn story.
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=0", "must-revalidate"}
    assert response.has_header("ETag")


def test_an_unchanged_page_is_not_sent_again(client):
    article = ArticleFactory(published=True)
    first = client.get(article.get_absolute_url())
    again = client.get(article.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_the_admin_and_previews_are_never_cached(admin_client):
    article = ArticleFactory()
    for path in ("/admin/", f"/articles/{article.pk}/preview/"):
        assert "no-cache" in admin_client.get(path)["Cache-Control"]


# The server's page cache (infrastructure/caching.py), on as in production.


def test_a_page_is_served_from_the_cache_with_one_read_of_the_generation(
    client, page_cache, django_assert_num_queries
):
    ArticleFactory(published=True, headline="城北街道开展健步走活动")
    first = client.get("/articles/")
    with django_assert_num_queries(1) as queries:
        again = client.get("/articles/")
    assert "publicgeneration" in queries.captured_queries[0]["sql"]
    assert again.content == first.content and "城北街道开展健步走活动" in again.content.decode()


def test_a_page_from_the_cache_keeps_its_headers_and_answers_revalidation(client, page_cache):
    ArticleFactory(published=True)
    first = client.get("/articles/")
    again = client.get("/articles/")
    for header in ("Content-Security-Policy", "X-Frame-Options", "Cache-Control", "ETag"):
        assert again[header] == first[header], header
    assert client.get("/articles/", headers={"if-none-match": first["ETag"]}).status_code == 304


def test_a_cached_page_is_not_served_for_a_host_that_is_not_allowed(client, page_cache):
    client.get("/articles/")
    assert client.get("/articles/", headers={"host": "evil.example"}).status_code == 400


def test_only_readers_pages_without_cookies_are_stored(rf, page_cache):
    from django.core.cache import cache
    from django.http import HttpResponse

    from infrastructure.caching import PublicPageCacheMiddleware, page_key

    def page(request):
        response = HttpResponse(request.path)
        if request.path == "/townships/":
            response.set_cookie("sessionid", "a reader's session")
        return response

    paths = ["/articles/", "/townships/", "/livez"]  # a reader's page, one setting a cookie, a health check
    for path in paths:
        PublicPageCacheMiddleware(page)(rf.get(path))
    assert [path for path in paths if cache.get(page_key(rf.get(path)))] == ["/articles/"]


def test_withdrawing_a_story_takes_it_off_every_cached_page(client, page_cache):
    from articles import workflow
    from tests.factories import staff_member

    story = ArticleFactory(published=True, headline="已撤回的稿件")
    paths = ["/", "/articles/", story.get_absolute_url(), "/feed/"]
    for path in paths:
        assert "已撤回的稿件" in client.get(path).content.decode(), path
    chief = staff_member("总编")
    page_cache(lambda: workflow.perform(story, "withdraw", chief, comment="内容有误"))
    for path in (paths[0], paths[1], paths[3]):
        assert "已撤回的稿件" not in client.get(path).content.decode(), path
    assert client.get(story.get_absolute_url()).status_code == 410  # gone, with a notice


def test_publishing_and_correcting_show_at_once(client, page_cache):
    from articles import workflow
    from articles.models import Article
    from tests.factories import staff_member

    chief = staff_member("总编")
    story = ArticleFactory(published=True, headline="旧标题")
    client.get("/articles/")
    waiting = ArticleFactory(status=Article.Status.APPROVED, headline="新发布的稿件")
    page_cache(lambda: workflow.perform(waiting, "publish", chief))
    assert "新发布的稿件" in client.get("/articles/").content.decode()
    client.get(story.get_absolute_url())
    page_cache(lambda: workflow.perform(story, "correct", chief, comment="更正：时间应为1月5日"))
    assert "更正：时间应为1月5日" in client.get(story.get_absolute_url()).content.decode()


def test_a_drafts_saves_leave_the_cache_alone(client, page_cache, django_assert_num_queries):
    ArticleFactory(published=True)
    client.get("/articles/")
    draft = ArticleFactory(headline="草稿")
    page_cache(lambda: draft.save())
    with django_assert_num_queries(1):  # the generation's row; the page itself comes from the cache
        client.get("/articles/")


def test_a_story_scheduled_for_later_appears_when_its_time_comes(client, page_cache, time_machine):
    from django.utils import timezone

    time_machine.move_to("2026-01-05 08:00:00+08:00", tick=False)
    page_cache(lambda: ArticleFactory(published=True, headline="早间稿件"))
    page_cache(
        lambda: ArticleFactory(
            published=True, headline="定时稿件", published_at=timezone.now() + timezone.timedelta(hours=1)
        )
    )
    assert "定时稿件" not in client.get("/articles/").content.decode()
    time_machine.move_to("2026-01-05 09:00:01+08:00", tick=False)
    assert "定时稿件" in client.get("/articles/").content.decode()


def test_pages_are_made_afresh_when_the_cache_is_down(client, page_cache, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    from django.core.cache import caches

    caches["default"].close()
    del caches["default"]
    ArticleFactory(published=True, headline="缓存不可用时的稿件")
    response = client.get("/articles/")
    assert response.status_code == 200 and "缓存不可用时的稿件" in response.content.decode()


def test_a_lists_count_and_a_searchs_ranking_serve_all_its_pages(client, page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles import workflow
    from articles.models import Article
    from tests.factories import staff_member

    for number in range(25):
        ArticleFactory(published=True, headline=f"健步走活动第{number}场", body="城北街道举办健步走活动。")
    first = client.get("/search/", {"q": "健步走", "page": 1})
    assert "25 篇" in first.content.decode()
    with CaptureQueriesContext(connection) as second_page:
        assert "25 篇" in client.get("/search/", {"page": 2, "q": "健步走"}).content.decode()
    # Neither counted nor ranked again: only the page's own stories are read.
    queries = [query["sql"] for query in second_page.captured_queries]
    assert queries and not any("COUNT(" in sql or "LIMIT 1000" in sql for sql in queries)

    waiting = ArticleFactory(status=Article.Status.APPROVED, headline="新的健步走活动", body="健步走。")
    page_cache(lambda: workflow.perform(waiting, "publish", staff_member("总编")))
    assert "26 篇" in client.get("/search/", {"q": "健步走", "page": 2}).content.decode()


def cached_pages():
    from django.core.cache import cache

    return [key for key in cache._cache if ":public-page:" in key]


def test_a_query_string_the_page_does_not_read_neither_makes_an_entry_nor_a_render(
    client, page_cache, django_assert_num_queries
):
    story = ArticleFactory(published=True, headline="微信转发的稿件")
    first = client.get(story.get_absolute_url(), {"from": "singlemessage", "isappinstalled": "0"})
    assert len(cached_pages()) == 1
    with django_assert_num_queries(50):  # one read of the generation each; no page made afresh
        for n in range(50):
            assert client.get(story.get_absolute_url(), {"random": f"x{n}"}).content == first.content
    assert len(cached_pages()) == 1
    assert "singlemessage" not in first.content.decode()  # the page was made for the address without it


def test_known_parameters_in_any_order_share_one_entry_and_unknown_ones_stay_out_of_links(client, page_cache):
    for n in range(25):
        ArticleFactory(published=True, headline=f"列表稿件{n}")
    a = client.get("/articles/", {"page": "1", "date_after": "2020-01-01", "junk": "<b>x</b>"})
    b = client.get("/articles/?date_after=2020-01-01&utm_source=wechat&page=1")
    assert a.content == b.content and len(cached_pages()) == 1
    assert "junk" not in a.content.decode() and "utm_source" not in a.content.decode()
    assert "date_after=2020-01-01" in a.content.decode()  # the pagination keeps what the list reads


def test_a_page_made_afresh_reads_the_generation_once_for_itself_and_what_it_remembers(
    client, page_cache, django_assert_max_num_queries
):
    ArticleFactory.create_batch(3, published=True, headline="乡村振兴工作推进会")
    with django_assert_max_num_queries(50) as queries:
        assert client.get("/search/", {"q": "乡村振兴"}).status_code == 200  # a count and a ranking
    reads = [query for query in queries.captured_queries if "publicgeneration" in query["sql"]]
    assert len(reads) == 1
