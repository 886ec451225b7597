"""The admin's import: upload a page's text, see the preview, confirm."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Photo
from articles.roles import EDITOR, REPORTER
from issues.models import Page
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

SAMPLE = (Path(__file__).resolve().parents[1] / "data/pages/sample_page.txt").read_bytes()
URL = reverse("admin:issues_page_import")
OPTIONS = {"date": "2021-01-05", "page": "2", "name": "综合", "number": ""}


@pytest.fixture
def editor(client):
    user = staff_member(EDITOR)
    client.force_login(user)
    return user


def upload(client, content=SAMPLE, **options):
    return client.post(URL, {**OPTIONS, **options, "file": SimpleUploadedFile("page.txt", content)})


def confirm(client, preview):
    data = {field.name: field.value() for field in preview.context["confirm"]}
    return client.post(
        URL, {**{key: "" if value is None else value for key, value in data.items()}, "confirm": "1"}
    )


def test_the_page_list_offers_the_import_to_editors(client, editor):
    content = client.get(reverse("admin:issues_page_changelist")).content.decode()
    assert URL in content and "导入版面文本" in content


def test_the_preview_shows_every_story_and_writes_nothing(client, editor):
    preview = upload(client)
    assert preview.status_code == 200
    content = preview.content.decode()
    for headline in ("城北街道开展“迎新年”健步走活动", "栉风沐雨砥砺前行", "集中学习《论党的宣传思想工作》"):
        assert headline in content
    assert "识别出 7 篇稿件、2 张图片" in content
    assert "标题“栉风沐雨砥砺前行”与所配正文共有的词很少（0%），请核对。" in content
    assert "吴城镇农产品公司员工正在加工土豆。 刘和平 摄" in content
    assert 'value="导入为草稿"' in content
    assert not Page.objects.exists() and not Article.objects.exists()


def test_confirming_imports_the_previewed_page_as_drafts(client, editor):
    response = confirm(client, upload(client))
    page = Page.objects.get()
    assert response.status_code == 302 and response.url == reverse("admin:issues_page_change", args=[page.pk])
    assert page.articles.filter(status=Article.Status.DRAFT, created_by=editor).count() == 7
    assert Photo.objects.filter(page=page, image="").count() == 2
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages[0] == "第2版 综合，第1期（2021-01-05）：新建草稿 7 篇，已导入过 0 篇；新建图片 2 张。"
    again = upload(client)
    assert again.content.decode().count("已导入</strong>") == 7
    confirm(client, again)
    assert Article.objects.count() == 7


@pytest.mark.parametrize(
    ("content", "options", "field", "message"),
    [
        (b"", {}, "file", "所提交的是空文件。"),
        (b" \n\n", {}, "file", "文件是空的。"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", {}, "file", "这是二进制文件，不是从版面提取的文本。"),
        ("合办：离石区融媒体中心\n".encode(), {}, "file", "没有识别出稿件"),
        (SAMPLE, {"date": "2021-02-30"}, "date", "输入一个有效的日期。"),
        (SAMPLE, {"page": "0"}, "page", "确保该值大于或等于1。"),
        (SAMPLE, {"page": "x" * 10000}, "page", "输入整数。"),
    ],
)
def test_bad_uploads_are_form_errors_and_write_nothing(client, editor, content, options, field, message):
    response = upload(client, content, **options)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Page.objects.exists() and not Article.objects.exists()


def test_a_confirmation_that_no_longer_fits_is_refused_with_a_message(client, editor):
    preview = upload(client, number="5")
    upload(client, date="2021-01-06", number="5")  # another editor's preview takes nothing
    confirm(client, upload(client, date="2021-01-06", number="5"))  # …but this one claims No. 5 first
    response = confirm(client, preview)
    assert response.status_code == 200
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages[-1] == "第5期已存在，日期不同。"
    assert Page.objects.count() == 1


def test_a_tampered_confirmation_is_refused(client, editor):
    response = client.post(URL, {**OPTIONS, "text": "\x00", "confirm": "1"})
    assert response.status_code == 200 and not Page.objects.exists()


def test_reporters_cannot_import(client):
    client.force_login(staff_member(REPORTER))
    assert client.get(URL).status_code == 403
    assert upload(client).status_code == 403
    assert not Page.objects.exists()
    assert URL not in client.get(reverse("admin:issues_page_changelist")).content.decode()


def test_the_confirmation_runs_the_uploads_checks_again(client, editor):
    """A confirmation is what the browser sends back: it may not be what was previewed."""
    page = SAMPLE.decode("utf-8")
    not_chinese = page + "\n" + "lorem ipsum dolor sit amet\n" * 2000
    too_large = page + "\n" + "一" * (800 * 1024)
    for text in (not_chinese, too_large):
        response = client.post(URL, {**OPTIONS, "text": text, "confirm": "1"})
        assert response.status_code == 200
    assert not Page.objects.exists() and not Article.objects.exists()
