import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/articles/", "/townships/", "/issues/", "/feed/", "/sitemap.xml"])
def test_public_pages_send_cache_headers_and_an_etag(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
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
