"""The public site in a real browser, on a phone and on a desk, with the demo issue loaded: each page fits
the screen (down to 320 px), has alt text, keeps AA contrast and reaches every link by keyboard with a
visible focus; screenshots of each page at 390 and 1366 px go to var/screenshots/."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article
from articles.roles import CHIEF_EDITOR
from tests.conftest import SCREENSHOTS
from tests.factories import staff_member

# The lowest WCAG contrast between any visible text and the background behind it (AA asks for 4.5).
LOWEST_TEXT_CONTRAST = """() => {
  const rgb = value => value.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => [r, g, b]
    .map(c => c / 255).map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const background = element => {
    for (let node = element; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour;
    }
    return [255, 255, 255];
  };
  let lowest = {ratio: 21, text: ""};
  for (const element of document.querySelectorAll("body *")) {
    const ownText = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!ownText || !element.getClientRects().length) continue;
    const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background(element))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < lowest.ratio) lowest = {ratio, text: element.textContent.trim().slice(0, 20)};
  }
  return lowest;
}"""
VIEWPORTS = {"phone": (390, 844), "desk": (1366, 900)}
NARROWEST = 320
# Each reader's page, as its address: the story and the withdrawn one are found in the demo.
PAGES = {
    "home": "/",
    "list": "/articles/?township=chengbei-jiedao&date_after=2021-01-01&date_before=2021-01-31",
    "search": "/search/?q=教育",
    "story": None,
    "issue": "/issues/1/",
    "page": "/issues/1/2/",
    "not-found": "/no-such-page/",
    "withdrawn": None,
}
# Whether keyboard focus shows: the focused element has an outline (or the browser's focus ring).
FOCUS_SHOWS = """() => {
  const style = getComputedStyle(document.activeElement);
  return document.activeElement !== document.body && style.outlineStyle !== "none"
    && parseFloat(style.outlineWidth) > 0;
}"""
FOCUSED = "document.activeElement.outerHTML.slice(0, 100)"


@pytest.fixture
def demo(settings, background_worker):
    """The demo issue, its page rendered by the worker, and one story withdrawn by the chief (its address
    answers 410)."""
    settings.DEBUG = True  # load_demo refuses otherwise; the pages themselves do not depend on it
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    background_worker()
    withdrawn = Article.objects.published().get(headline="产业扶贫结硕果")
    workflow.perform(withdrawn, "withdraw", staff_member(CHIEF_EDITOR), comment="文中数据有误，核实后重发。")
    feature = Article.objects.get(headline="栉风沐雨砥砺前行")
    return {**PAGES, "story": feature.get_absolute_url(), "withdrawn": withdrawn.get_absolute_url()}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_public_pages_fit_the_screen_have_alt_text_and_working_links(browser, live_server, demo, viewport):
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def check(name):
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
        assert page.evaluate(
            "[...document.images].every(image => image.alt.trim().length > 0 || "
            "image.closest('[aria-hidden=true]'))"
        ), name
        assert page.locator("html").get_attribute("lang") == "zh-Hans"
        for landmark in ("header", "main", "footer"):
            expect(page.locator(f"body > {landmark}")).to_have_count(1)
        assert page.locator("input[type=search]").count() <= 1, f"{name} has two search boxes"
        lowest = page.evaluate(LOWEST_TEXT_CONTRAST)
        assert lowest["ratio"] >= 4.5, f"{name}: {lowest}"
        page.screenshot(path=SCREENSHOTS / f"public-{name}-{viewport}.png", full_page=True)

    for name, path in demo.items():
        page.goto(live_server.url + path)
        check(name)
    if viewport == "phone":
        assert page.locator("body > header").bounding_box()["height"] <= 100
    page.goto(live_server.url + demo["home"])
    page.click("nav.masthead__nav >> text=乡镇（街道）")
    expect(page.locator("h1")).to_have_text("乡镇（街道）")
    page.click("text=城北街道")
    expect(page.locator("h1")).to_contain_text("城北街道")
    page.goto(live_server.url + demo["page"])
    page.get_by_role("link", name="栉风沐雨砥砺前行", exact=True).last.click()
    expect(page.locator("p.subtitle")).to_have_text("——离石区教育发展工作综述")
    page.click("a[rel=next]")
    expect(page.locator("h1.headline")).to_have_text("集中学习《论党的宣传思想工作》")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_page_scrolls_sideways_at_320_px(browser, live_server, demo):
    page = browser.new_page(viewport={"width": NARROWEST, "height": 640}, locale="zh-CN")
    for name, path in demo.items():
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROWEST, name


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_link_and_control_is_reached_by_keyboard_with_a_visible_focus(browser, live_server, demo):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    for name in ("home", "list", "story"):
        page.goto(live_server.url + demo[name])
        reachable = page.evaluate(
            "[...document.querySelectorAll('a[href], button, input, select')]"
            ".filter(e => e.getClientRects().length && e.tabIndex >= 0 && !e.closest('[aria-hidden=true]'))"
            ".length"
        )
        for _ in range(4 * reachable):  # a date input takes three stops: year, month and day
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement === document.body"):
                break  # round the page and back out
            assert page.evaluate(FOCUS_SHOWS), f"{name}: no focus shown on {page.evaluate(FOCUSED)}"
            page.evaluate("document.activeElement.dataset.reached = 'yes'")
        assert page.locator("[data-reached]").count() == reachable, name


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_phone_never_fetches_the_address_code_it_does_not_show(browser, live_server, demo):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(live_server.url + demo["story"])
    page.mouse.wheel(0, 20000)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".share__copy")).to_be_visible()
    assert not any(url.endswith("/qr.svg") for url in asked)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_share_button_copies_the_address(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(live_server.url + demo["story"])
    code = page.locator(".share__qr img")
    expect(code).to_be_visible()
    code.scroll_into_view_if_needed()  # loaded lazily: a phone, which hides it, never fetches it
    page.wait_for_function(
        "(picture) => picture.complete && picture.naturalWidth > 0", arg=code.element_handle()
    )
    page.click("text=复制链接")
    expect(page.locator(".share__copy")).to_have_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + demo["story"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_story_prints_without_the_sites_navigation_and_sharing(browser, live_server, demo):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(live_server.url + demo["story"])
    page.emulate_media(media="print")
    for hidden in (".masthead__nav", ".share", ".pager", ".related"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".story__body")).to_be_visible()
    expect(page.locator(".story__credits")).to_contain_text("责任编辑：吴夏峰")
    page.screenshot(path=SCREENSHOTS / "public-story-print.png", full_page=True)
