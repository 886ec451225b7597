"""A month of the newsroom in a real browser, with the demo accounts: a 报题 becomes an assignment, a story
through 三审 to the readers, a grade, the chief's locked and exported ledger, and the coverage map."""

import io
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import expect

from articles.models import Article
from planning.models import Proposal
from scoring.models import LedgerMonth
from tests.browser import CSP_VIOLATIONS, Desk

TOPIC = "枣林乡饮水安全工程通水"
ZAOLIN = "141102201"  # 枣林乡's statistics code, its hexagon's anchor on the map


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_month_from_the_proposal_to_the_locked_ledger_and_the_map(
    browser, live_server, demo_staff, time_machine
):
    time_machine.move_to("2026-11-24 09:00:00+08:00", tick=True)

    # 1. A reporter proposes a story.
    reporter = Desk(browser, live_server, "reporter")
    reporter.open("/admin/planning/proposal/add/")
    reporter.page.fill("#id_topic", TOPIC)
    reporter.page.select_option("#id_kind", "news")
    reporter.page.select_option("#id_townships_from", label="枣林乡")
    reporter.page.click("#id_townships_add")
    reporter.page.fill("#id_planned_date", "2026-11-25")
    reporter.page.fill("#id_expected_characters", "600")
    reporter.page.click("input[name=_save]")
    expect(reporter.page.locator(".messagelist .success")).to_be_visible()
    proposal = Proposal.objects.get(topic=TOPIC)
    reporter.shot("month-1-proposed")

    # 2. An editor accepts it and assigns it to the reporter, due the next day.
    editor = Desk(browser, live_server, "editor")
    editor.open(f"/admin/planning/proposal/{proposal.pk}/change/")
    editor.page.click("#accept-proposal")
    expect(editor.page.locator(".messagelist .success")).to_be_visible()
    editor.page.click("#assign-proposal")
    editor.page.select_option("#id_writers", label="王艳")
    editor.page.fill("#id_due_date", "2026-11-25")
    editor.page.click("#assign-form input[type=submit]")
    expect(editor.page.locator("#proposal-assignment")).to_contain_text("王艳")
    editor.shot("month-2-assigned")

    # 3. The reporter finds it on the dashboard and files the story from it.
    reporter.open("/admin/")
    assert reporter.contrast("#my-ledger") >= 4.5  # the title bar's links can be read
    reporter.page.click(f"#my-assignments a:text-is('{TOPIC}')")
    reporter.page.click("#file-story")
    expect(reporter.page.locator("#id_headline")).to_have_value(TOPIC)
    reporter.page.fill("#id_source", "本报讯")
    reporter.page.fill(
        "#id_body",
        "近日，枣林乡饮水安全巩固提升工程正式通水，全乡十二个行政村三千余名群众喝上了放心水。\n"
        "据了解，该工程总投资四百余万元，新建蓄水池六座，铺设管网二十余公里。",
    )
    reporter.step("提交")
    story = Article.objects.get(assignment__proposal=proposal)
    reporter.shot("month-3-filed")

    # 4. 三审 by three people, then the chief publishes it.
    editor.open(f"/admin/articles/article/{story.pk}/change/")
    editor.step("初审通过")
    editor2 = Desk(browser, live_server, "editor2")
    editor2.open(f"/admin/articles/article/{story.pk}/change/")
    editor2.step("复审通过")
    chief = Desk(browser, live_server, "chief")
    chief.open(f"/admin/articles/article/{story.pk}/change/")
    chief.step("终审通过")
    chief.step("发布")
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED
    chief.shot("month-4-published")

    # 5. The editor grades it 优.
    editor.open(f"/admin/scoring/grade/add/?article={story.pk}")
    editor.page.select_option("#id_level", "excellent")
    editor.page.click("input[name=_save]")
    expect(editor.page.locator(".messagelist .success")).to_be_visible()

    # 6. Once November is over, the chief locks it and exports it.
    time_machine.move_to("2026-12-02 09:00:00+08:00", tick=True)
    chief.open("/admin/scoring/ledgermonth/ledger/?month=2026-11")
    expect(chief.page.locator("#ledger")).to_contain_text(TOPIC)
    expect(chief.page.locator("#ledger")).to_contain_text("优")
    chief.page.click("#lock-month")
    expect(chief.page.locator("#ledger-locked")).to_be_visible()
    assert LedgerMonth.objects.filter(month="2026-11-01").exists()
    ledger_total = Decimal(chief.page.locator("#ledger-total").inner_text())
    assert ledger_total > 0
    font_size = "element => getComputedStyle(element).fontSize"
    # The grand total is set as each person's total is.
    assert chief.page.eval_on_selector("#ledger-total", font_size) == chief.page.eval_on_selector(
        ".ledger-total strong", font_size
    )
    chief.shot("month-6-locked")
    with chief.page.expect_download() as download:
        chief.page.click("#export-xlsx")

    # 7. The export's totals match the ledger.
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    detail, summary = workbook.worksheets
    line_points = [Decimal(str(row[4])) for row in list(detail.values)[1:]]
    assert any(row[2] == TOPIC for row in list(detail.values)[1:])
    assert sum(line_points) == Decimal(str(list(summary.values)[-1][2])) == ledger_total

    # 8. The coverage map shows 枣林乡 covered in November.
    editor.open("/admin/planning/proposal/coverage/?start=2026-11-01&end=2026-11-30")
    expect(editor.page.locator(f'a[href="#reach-{ZAOLIN}"]')).to_have_class("coverage-high")
    expect(editor.page.locator(f"#reach-{ZAOLIN} td").first).to_have_text("1")
    editor.shot("month-8-coverage-map")
    assert CSP_VIOLATIONS == []
