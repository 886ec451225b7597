"""The public site in a real browser, on a phone and on a desk, with the demo issue loaded."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import SCREENSHOTS

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
PAGES = {
    "home": "/",
    "township": "/townships/chengbei-jiedao/",
    "story": None,  # the education feature, found through the issue page
    "issue-page": "/issues/1/2/",
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_public_pages_fit_the_screen_have_alt_text_and_working_links(
    browser, live_server, settings, viewport
):
    settings.DEBUG = True  # load_demo refuses otherwise; the pages themselves do not depend on it
    call_command("load_demo", verbosity=0)
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def check(name):
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
        assert page.evaluate("[...document.images].every(image => image.alt.trim().length > 0)"), name
        assert page.locator("html").get_attribute("lang") == "zh-Hans"
        for landmark in ("header", "main", "footer"):
            expect(page.locator(f"body > {landmark}")).to_have_count(1)
        lowest = page.evaluate(LOWEST_TEXT_CONTRAST)
        assert lowest["ratio"] >= 4.5, f"{name}: {lowest}"
        page.screenshot(path=SCREENSHOTS / f"public-{name}-{viewport}.png", full_page=True)

    page.goto(live_server.url + PAGES["home"])
    check("home")
    page.click("nav.masthead__nav >> text=乡镇（街道）")
    expect(page.locator("h1")).to_have_text("乡镇（街道）")
    page.click("text=城北街道")
    expect(page.locator("h1")).to_contain_text("城北街道")
    check("township")
    page.goto(live_server.url + PAGES["issue-page"])
    expect(page.locator("figure.photo")).to_have_count(2)
    check("issue-page")
    page.click("text=栉风沐雨砥砺前行")
    expect(page.locator("p.subtitle")).to_have_text("——离石区教育发展工作综述")
    check("story")
    page.click("a[rel=next]")
    expect(page.locator("h1.headline")).to_have_text("集中学习《论党的宣传思想工作》")
