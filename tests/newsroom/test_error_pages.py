"""The readers' error pages (DEBUG is off in the tests): in the site's own look and in Chinese, with a
viewport and a search box; a withdrawn story answers 410 Gone with its reason, never its text."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory
from django.views import defaults

from articles import workflow
from articles.roles import CHIEF_EDITOR
from tests.factories import ArticleFactory, staff_member

pytestmark = pytest.mark.django_db


def assert_site_page(html):
    assert '<meta name="viewport"' in html
    assert 'class="masthead"' in html
    assert 'class="error-page__search"' in html
    assert html.count('type="search"') == 1  # one search box a page
    assert "Not Found" not in html and "Server Error" not in html


def test_a_missing_page_is_the_sites_own_404_in_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_site_page(html)
    assert "页面不存在" in html


def test_a_missing_story_is_404(client):
    assert client.get("/articles/999999/").status_code == 404


def test_a_bad_host_is_the_sites_own_400(client):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert_site_page(html)
    assert "请求有误" in html


@pytest.mark.parametrize(
    ("view", "status", "text"),
    [
        (defaults.permission_denied, 403, "无权访问"),
        (defaults.bad_request, 400, "请求有误"),
    ],
)
def test_the_403_and_400_pages_are_the_sites_own(view, status, text):
    response = view(RequestFactory().get("/"), exception=Exception("detail for the log only"))
    html = response.content.decode()
    assert response.status_code == status
    assert_site_page(html)
    assert text in html and "detail for the log only" not in html


def test_the_500_page_renders_without_a_request_context():
    # Django renders 500.html with an empty context: nothing in it may need the request or the database.
    response = defaults.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert_site_page(html)
    assert "页面出错了" in html


def withdrawn_story(reason):
    story = ArticleFactory(published=True, headline="撤稿测试", body="这段正文不应再出现在读者面前。")
    workflow.perform(story, "withdraw", staff_member(CHIEF_EDITOR), comment=reason)
    return story


def test_a_withdrawn_story_is_gone_with_its_reason_and_without_its_text(client):
    story = withdrawn_story("经核实，文中数据有误")
    response = client.get(story.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert_site_page(html)
    assert "已撤稿" in html and "经核实，文中数据有误" in html
    assert "这段正文不应再出现" not in html and "撤稿测试" not in html


def test_a_withdrawn_story_preview_is_still_a_404_for_readers(client):
    story = withdrawn_story("有误")
    assert client.get(f"/articles/{story.pk}/preview/").status_code == 404


def test_a_draft_is_404_not_410(client):
    draft = ArticleFactory()
    assert client.get(f"/articles/{draft.pk}/").status_code == 404


def test_the_footer_shows_the_registrations_that_are_set(client, settings):
    settings.SITE_REGISTRATIONS = {
        "icp": "晋ICP备12345678号-1",
        "public_security": "",
        "news_licence": "14120190001",
    }
    html = client.get("/").content.decode()
    assert '<a href="https://beian.miit.gov.cn/"' in html and "晋ICP备12345678号-1" in html
    assert "互联网新闻信息服务许可证：14120190001" in html
    assert "公网安备" not in html


def test_the_footer_shows_no_empty_registrations(client, settings):
    settings.SITE_REGISTRATIONS = {"icp": "", "public_security": "", "news_licence": ""}
    assert "footer__registrations" not in client.get("/").content.decode()


def test_the_deploy_check_warns_of_each_missing_registration(settings):
    settings.SITE_REGISTRATIONS = {"icp": "晋ICP备1号", "public_security": "", "news_licence": ""}
    with pytest.raises(SystemCheckError) as raised:
        call_command("check", deploy=True, fail_level="WARNING", tags=["registrations"])
    message = str(raised.value)
    assert "SITE_PUBLIC_SECURITY_NUMBER" in message and "SITE_NEWS_LICENCE_NUMBER" in message
    assert "SITE_ICP_NUMBER" not in message
