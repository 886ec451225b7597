"""A page PDF from upload to a published 数字报 page, in a real browser: the editor uploads the page's
PDF, the worker renders it, the editor imports its stories with their zones and moves a zone, the chief
publishes, and a reader on a phone and at a desk opens a story from its zone and comes back to it."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Photo
from issues.models import Issue, Page
from tests.browser import CSP_VIOLATIONS, Desk, watch_csp
from tests.conftest import SCREENSHOTS
from tests.factories import PDF_PAGES, png_file

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_page_pdf_becomes_a_published_epaper_page(browser, live_server, demo_staff, background_worker):
    CSP_VIOLATIONS.clear()
    issue = Issue.objects.create(number=2, date="2021-01-06")
    page = Page.objects.create(issue=issue, number=1, name="要闻")

    editor = Desk(browser, live_server, "editor")
    editor.open(f"/admin/issues/page/{page.pk}/change/")
    editor.page.set_input_files("#id_scan", str(PDF_PAGES / "front_page.pdf"))
    editor.page.click("input[name=_continue]")
    expect(editor.page.locator(".messagelist .success")).to_be_visible()
    background_worker()  # the worker renders the page's images
    editor.page.reload()
    expect(editor.page.locator("#page-printed")).to_contain_text("文字层：可读")
    editor.page.click("#import-pdf")
    expect(editor.page.locator(".messagelist")).to_contain_text("新建草稿 9 篇")

    editor.page.click("#edit-zones")
    before = sorted(zone.box for zone in page.zones.all())
    zones = editor.page.locator(".zone")
    expect(zones.first).to_be_visible()
    count = zones.count()
    first = zones.first.bounding_box()
    editor.page.mouse.move(first["x"] + first["width"] / 2, first["y"] + first["height"] / 2)
    editor.page.mouse.down()
    editor.page.mouse.move(
        first["x"] + first["width"] / 2 + 12, first["y"] + first["height"] / 2 + 8, steps=4
    )
    editor.page.mouse.up()
    for key in ("ArrowDown", "ArrowDown", "Shift+ArrowRight"):  # the keyboard moves and resizes too
        editor.page.keyboard.press(key)
    editor.page.screenshot(path=SCREENSHOTS / "epaper-1-zone-editor.png")
    editor.page.click("#zone-form input[type=submit]")
    expect(editor.page.locator(".messagelist")).to_contain_text(f"已保存 {count} 个热区")
    after = sorted(zone.box for zone in page.zones.all())
    assert len(after) == len(before) and after != before

    # Review is the workflow's and tested on its own; here the page's stories have passed it, and the
    # imported captions have their photos.
    Article.objects.filter(page=page).update(status=Article.Status.APPROVED)
    for photo in Photo.objects.filter(page=page):
        photo.image = png_file()
        photo.save()
    chief = Desk(browser, live_server, "chief")
    chief.open(f"/admin/issues/issue/{issue.pk}/change/")
    chief.page.click("#publish-issue a")
    chief.page.fill("#id_reason", "补登旧报")  # the issue is dated in the past
    chief.page.click("#publish-confirm")
    expect(chief.page.locator(".messagelist")).to_contain_text("已发布")

    for width, height in ((390, 844), (1366, 900)):
        reader = watch_csp(browser.new_page(viewport={"width": width, "height": height}))
        reader.goto(f"{live_server.url}/issues/2/1/")
        links = reader.locator(".epaper__zones a[aria-label]")
        expect(links).to_have_count(9)
        for _ in range(40):  # past the header's links to the first zone
            reader.keyboard.press("Tab")
            if reader.evaluate("document.activeElement.closest('svg') !== null"):
                break
        focused = reader.evaluate("document.activeElement.getAttribute('aria-label')")
        assert focused == links.first.get_attribute("aria-label")
        reader.screenshot(path=SCREENSHOTS / f"epaper-2-page-{width}.png")
        anchor, label = links.nth(2).get_attribute("id"), links.nth(2).get_attribute("aria-label")
        links.nth(2).click()
        expect(reader.locator(".headline")).to_have_text(label)
        reader.click("text=在版面中查看")
        expect(reader).to_have_url(f"{live_server.url}/issues/2/1/#{anchor}")
        reader.screenshot(path=SCREENSHOTS / f"epaper-3-back-on-the-page-{width}.png")
        reader.close()
    assert CSP_VIOLATIONS == []
