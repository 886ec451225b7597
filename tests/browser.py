"""Helpers for the browser tests: a person at the admin desk, and what the CSP refused."""

from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD, SCREENSHOTS

# What the browser refuses under the Content-Security-Policy, on any page of the test.
CSP_VIOLATIONS = []


def watch_csp(page):
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and CSP_VIOLATIONS.append(message.text),
    )
    return page


class Desk:
    """A person at the newsroom admin, in a browser context of their own."""

    def __init__(self, browser, live_server, username):
        self.base = live_server.url
        self.page = watch_csp(browser.new_page(viewport={"width": 1280, "height": 900}))
        self.page.goto(f"{self.base}/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", DEMO_PASSWORD)
        self.page.click("input[type=submit]")
        expect(self.page.locator("#dashboard")).to_be_visible()

    def open(self, path):
        self.page.goto(self.base + path)

    def step(self, action, comment=""):
        """Take a workflow step: 保存并… in the story form while the story is editable, else the step."""
        if comment:
            self.page.fill("#id_workflow_comment", comment)
        saving = self.page.locator(f"#workflow-save button:text-is('保存并{action}')")
        if saving.count():
            saving.click()
        else:
            self.page.click(f"#workflow button:text-is('{action}')")
        expect(self.page.locator(".messagelist .success")).to_be_visible()

    def shot(self, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    def contrast(self, selector):
        """The WCAG contrast ratio of the element's text against the nearest background behind it."""
        return self.page.eval_on_selector(
            selector,
            """element => {
                const rgb = color => color.match(/[\\d.]+/g).map(Number);
                const luminance = color => {
                    const [r, g, b] = rgb(color).slice(0, 3).map(value => {
                        value /= 255;
                        return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
                    });
                    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
                };
                let behind = element;
                while (behind && rgb(getComputedStyle(behind).backgroundColor)[3] === 0) {
                    behind = behind.parentElement;
                }
                const text = luminance(getComputedStyle(element).color);
                // No background set anywhere above: the browser's canvas, white.
                const background = behind ? luminance(getComputedStyle(behind).backgroundColor) : 1;
                const [light, dark] = [text, background].sort((a, b) => b - a);
                return (light + 0.05) / (dark + 0.05);
            }""",
        )
