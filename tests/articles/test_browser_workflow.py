"""One story through the whole cycle in a real browser, with the demo accounts alone: Playwright driving
Debian's chromium."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from issues.models import Page
from tests.browser import CSP_VIOLATIONS, Desk, watch_csp
from tests.conftest import SCREENSHOTS
from tests.factories import png_file


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_story_from_filing_to_the_public_site(browser, live_server, tmp_path, demo_staff):
    photo = tmp_path / "walk.png"
    photo.write_bytes(png_file(size=(800, 600)).read())

    # 1. The reporter files the story with a photo.
    desk = Desk(browser, live_server, "reporter")
    desk.open("/admin/articles/article/add/")
    desk.page.fill("#id_headline", "城北街道开展迎新年健步走活动")
    desk.page.fill("#id_source", "本报讯")
    desk.page.fill("#id_body", "近日，城北街道举办迎新年健步走活动。\n共计150余人参加活动。")
    desk.page.click("#photos-group .add-row a")
    desk.page.set_input_files("#id_photos-0-image", str(photo))
    desk.page.fill("#id_photos-0-caption", "健步走活动现场。")
    desk.page.click("input[name=_continue]")
    expect(desk.page.locator(".messagelist .success")).to_be_visible()
    story = Article.objects.get(headline="城北街道开展迎新年健步走活动")
    assert [b.author.name for b in story.bylines.all()] == ["王艳"]
    assert story.photos.get().photographer.name == "王艳"
    desk.step("提交")
    desk.shot("1-reporter-filed")

    # 2. An editor returns it with a comment.
    editor1 = Desk(browser, live_server, "editor")
    editor1.open(f"/admin/articles/article/{story.pk}/change/")
    expect(editor1.page.locator("#next-step")).to_contain_text("王燕华")
    editor1.step("退回修改", comment="请写明活动地点。")
    editor1.shot("2-editor-returned")

    # 3. The reporter sees the reason on top, fixes the story and submits it in one click.
    desk.open(f"/admin/articles/article/{story.pk}/change/")
    expect(desk.page.locator("#return-reason")).to_contain_text("请写明活动地点。")
    expect(desk.page.locator("#return-reason")).to_contain_text("王燕华")
    desk.page.fill("#id_body", "近日，城北街道在吕梁如意湖公园举办迎新年健步走活动。\n共计150余人参加活动。")
    desk.step("提交")
    desk.shot("3-reporter-fixed")

    # 4. Three different people sign the three reviews; the chief is not offered the second.
    editor1.open(f"/admin/articles/article/{story.pk}/change/")
    editor1.step("初审通过")
    chief = Desk(browser, live_server, "chief")
    chief.open(f"/admin/articles/article/{story.pk}/change/")
    expect(chief.page.locator("#workflow-save")).not_to_contain_text("复审通过")
    expect(chief.page.locator("#next-step")).to_contain_text("吴夏峰")
    editor2 = Desk(browser, live_server, "editor2")
    editor2.open(f"/admin/articles/article/{story.pk}/change/")
    editor2.step("复审通过")
    chief.open(f"/admin/articles/article/{story.pk}/change/")
    chief.step("终审通过")
    chief.shot("4-three-reviews")

    # 5. An editor creates the issue with a page and places the story on it.
    editor1.open("/admin/issues/issue/add/")
    editor1.page.fill("#id_number", "1024")
    editor1.page.fill("#id_date", "2021-01-06")
    editor1.page.click("#pages-group .add-row a")
    editor1.page.fill("#id_pages-0-number", "2")
    editor1.page.fill("#id_pages-0-name", "综合")
    editor1.page.click("input[name=_save]")
    expect(editor1.page.locator(".messagelist .success")).to_be_visible()
    editor1.open(f"/admin/issues/page/{Page.objects.get(issue__number=1024).pk}/change/")
    editor1.page.select_option("#id_place_article", str(story.pk))
    editor1.page.click("#place-story")
    expect(editor1.page.locator("#page-stories")).to_contain_text("城北街道开展迎新年健步走活动")
    editor1.page.click("#place-photo")
    expect(editor1.page.locator("#page-photos")).to_contain_text("健步走活动现场。")
    editor1.shot("5-editor-placed")

    # 6. The chief editor publishes the issue.
    chief.open("/admin/issues/issue/")
    chief.page.click("#result_list tbody tr a:text-is('1024')")
    chief.page.click("#publish-issue a")
    chief.page.fill("#id_reason", "补登")  # the issue is dated in the past
    chief.page.click("#publish-confirm")
    expect(chief.page.locator(".messagelist .success")).to_be_visible()
    chief.shot("6-chief-published")

    # 7. A reader on a phone finds it on the public site.
    reader = watch_csp(browser.new_page(viewport={"width": 390, "height": 844}))
    reader.goto(live_server.url + "/")
    reader.click("text=城北街道开展迎新年健步走活动")
    expect(reader.locator("h1.headline")).to_have_text("城北街道开展迎新年健步走活动")
    expect(reader.locator(".story__body")).to_contain_text("吕梁如意湖公园")
    expect(reader.locator("figure.photo figcaption")).to_contain_text("王艳 摄")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    reader.screenshot(path=SCREENSHOTS / "7-reader.png", full_page=True)
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED
    assert [t.actor.username for t in story.transitions.filter(action__endswith="review")] == [
        "editor",
        "editor2",
        "chief",
    ]
    assert CSP_VIOLATIONS == []
