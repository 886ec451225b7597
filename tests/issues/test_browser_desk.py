"""The editors' desk in a real browser: an issue made from a template, stories placed by drag and drop
and by keyboard, reordered, moved and taken back, the fill meter, a second editor's stale move refused,
the chief's checklist and publication, and the reader's printed order."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Photo
from issues.models import Issue
from tests.browser import CSP_VIOLATIONS, Desk, watch_csp
from tests.conftest import SCREENSHOTS
from tests.factories import ArticleFactory, PhotoFactory, png_file

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def card(desk, headline):
    return desk.page.locator(".board__card", has_text=headline)


def board_moved(desk, action):
    """Do something on the board and wait for the server's board to come back with a new version."""
    version = desk.page.locator("#board-version").get_attribute("data-version")
    action()
    expect(desk.page.locator("#board-version")).not_to_have_attribute("data-version", version)


def drag(desk, item, target):
    """Drag with the mouse in small steps, as a person does (SortableJS follows the pointer)."""

    def move():
        start, end = item.bounding_box(), target.bounding_box()
        desk.page.mouse.move(start["x"] + 4, start["y"] + 4)
        desk.page.mouse.down()
        desk.page.mouse.move(end["x"] + end["width"] / 2, end["y"] + min(end["height"] / 2, 20), steps=12)
        desk.page.mouse.up()

    board_moved(desk, move)


def move_with_keyboard(desk, headline, page):
    """The card's own controls: choose the page, then the 移动 button from the keyboard."""
    found = card(desk, headline)
    found.locator("select").select_option(str(page.pk) if page else "pool")
    board_moved(desk, lambda: found.locator(".board__go").press("Enter"))


def test_the_whole_desk(browser, live_server, demo_staff):
    CSP_VIOLATIONS.clear()
    for headline in ("头条：区委召开全会", "二条：乡村振兴", "三条：教育综述", "四条：文化活动"):
        ArticleFactory(status=Article.Status.APPROVED, headline=headline, body="正文。" * 200)
    captioned = ArticleFactory(status=Article.Status.APPROVED, headline="图片新闻：春耕", body="正文。" * 50)
    photo = PhotoFactory(article=captioned, image="", caption="春耕现场。")

    # 1. An issue from the template, with the next number and date suggested.
    editor = Desk(browser, live_server, "editor")
    editor.open("/admin/issues/issue/")
    editor.page.click("#new-issue-from-template")
    editor.page.select_option("#id_template", index=1)
    editor.page.fill("#id_date", "2021-01-06")
    editor.page.click("#new-issue-form [type=submit]")
    expect(editor.page.locator("#board")).to_be_visible()
    issue = Issue.objects.get(date="2021-01-06")
    pages = list(issue.pages.order_by("number"))
    first, second = (
        editor.page.locator(f'.board__list[data-page="{page.pk}"][data-kind="article"]') for page in pages[:2]
    )

    # 2. Placed by drag and drop, and by keyboard (the card's page menu and its button).
    drag(editor, card(editor, "头条：区委召开全会"), first)
    expect(first.locator(".board__card")).to_have_count(1)
    editor.page.locator(".board__card", has_text="二条：乡村振兴").locator("select").select_option(
        str(pages[0].pk)
    )
    editor.page.locator(".board__card", has_text="二条：乡村振兴").locator(".board__go").press("Enter")
    expect(first.locator(".board__card")).to_have_count(2)
    for headline in ("三条：教育综述", "图片新闻：春耕"):
        editor.page.locator(".board__card", has_text=headline).locator("select").select_option(
            str(pages[0].pk)
        )
        editor.page.locator(".board__card", has_text=headline).locator(".board__go").click()
        expect(first.locator(".board__card", has_text=headline)).to_be_visible()
    fill = editor.page.locator(f"#board-page-{pages[0].pk} ~ .board__fill .board__fill-text")
    before = fill.inner_text()

    # 3. Reordered (up), moved to another page, and one taken back to the pool.
    board_moved(editor, first.locator(".board__card", has_text="二条：乡村振兴").locator(".board__up").click)
    expect(first.locator(".board__card").first).to_contain_text("二条：乡村振兴")
    drag(editor, card(editor, "三条：教育综述"), second)
    expect(second.locator(".board__card")).to_have_count(1)
    move_with_keyboard(editor, "头条：区委召开全会", None)
    expect(first.locator(".board__card", has_text="头条：区委召开全会")).to_have_count(0)
    # 4. The fill meter follows.
    expect(fill).not_to_have_text(before)
    editor.page.screenshot(path=SCREENSHOTS / "desk-1-board.png", full_page=True)
    editor.page.emulate_media(color_scheme="dark")  # the admin's dark theme: the board follows it
    editor.page.screenshot(path=SCREENSHOTS / "desk-1-board-dark.png", full_page=True)
    editor.page.emulate_media(color_scheme="light")

    # 5. A second editor, on a board loaded before the first editor's last move, is refused.
    other = Desk(browser, live_server, "editor2")
    other.open(f"/admin/issues/issue/{issue.pk}/board/")
    editor.page.locator(".board__card", has_text="四条：文化活动").locator("select").select_option(
        str(pages[1].pk)
    )
    editor.page.locator(".board__card", has_text="四条：文化活动").locator(".board__go").click()
    expect(second.locator(".board__card")).to_have_count(2)
    other.page.locator(".board__card", has_text="二条：乡村振兴").locator(".board__down").click()
    expect(other.page.locator("#board-error")).to_contain_text("别人改动了版面规划")
    expect(other.page.locator(f'.board__list[data-page="{pages[1].pk}"] .board__card')).to_have_count(2)
    other.page.screenshot(path=SCREENSHOTS / "desk-2-stale-move.png", full_page=True)

    # 6. The chief previews, sees the missing photo flagged, has it fixed, and publishes.
    chief = Desk(browser, live_server, "chief")
    chief.open(f"/admin/issues/issue/{issue.pk}/publish/")
    expect(chief.page.locator("#checklist")).to_contain_text("春耕现场。")
    expect(chief.page.locator("#publish-form")).to_have_count(0)
    chief.page.click("#preview-issue")
    expect(chief.page.locator(".preview-banner")).to_be_visible()
    expect(chief.page.locator("main")).to_contain_text("二条：乡村振兴")
    photo = Photo.objects.get(pk=photo.pk)
    photo.image = png_file()
    photo.save()
    chief.open(f"/admin/issues/issue/{issue.pk}/publish/")
    expect(chief.page.locator("#publish-summary")).to_contain_text("4 篇稿件")
    chief.page.screenshot(path=SCREENSHOTS / "desk-3-checklist.png", full_page=True)
    chief.page.fill("#id_reason", "补登")
    chief.page.click("#publish-confirm")
    expect(chief.page.locator(".messagelist .success")).to_be_visible()

    # 7. The reader sees the issue in the printed order.
    reader = watch_csp(browser.new_page(viewport={"width": 1366, "height": 900}))
    reader.goto(f"{live_server.url}/issues/{issue.number}/1/")
    items = reader.locator(".epaper__headlines li").all_inner_texts()
    assert [text.split()[0] for text in items] == ["二条：乡村振兴", "图片新闻：春耕"]
    reader.screenshot(path=SCREENSHOTS / "desk-4-reader.png", full_page=True)
    assert CSP_VIOLATIONS == []
