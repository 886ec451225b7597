"""The text importer on composed pages (tests/data/text_pages, issue 19): the text pdfminer.six
extracts from each page's PDF, with its headlines away from their bodies, pieces of body out of order,
doubled bold and captions among the columns. bench/text_import_scores.py prints the same scores per
page, and the pages held back (bench/held_out_pages)."""

import datetime
import json

import pytest

from issues import page_import
from tests.factories import TEXT_PAGES
from tests.issues.page_scoring import Score, score

pytestmark = pytest.mark.django_db


def test_the_tuned_pages_stories_headlines_bylines_and_body_ends_hold():
    total = Score()
    for path in sorted(TEXT_PAGES.glob("*.txt")):
        spec = json.loads(path.with_suffix(".page.json").read_text())
        parsed = page_import.read_page(path.read_bytes(), datetime.date.fromisoformat(spec["page"]["date"]))
        total.add(score(page_import.as_json(parsed), path.with_suffix(".json")))
    # Issue 19 asks for every story and none spurious; one feature (round1_five_columns) is still
    # missed: its opening piece is not the first text after its byline (docs/import.md, limits).
    assert total.found >= total.expected - 1 and total.spurious <= 1, total.misses
    for counted in ("headlines", "subtitles", "bylines", "dates", "body_ends"):
        assert getattr(total, counted) >= 0.9 * total.found, (counted, total.misses)
    assert total.photos_found == total.photos_expected, total.misses


NUMBERS_IN_COMMON = """春耕整地1.2万亩。（耿志强）

本报讯　连日来，吴城镇
抢抓农时，组织农技人员深入
田间地头，指导农户开展春耕
备耕。

截至目前，全镇已调运化
肥200余吨、种子30余吨，完成

本报讯　4月14日，坪头乡
召开乡村振兴工作推进会，总
结一季度工作，安排部署下一
阶段重点任务。

会议要求，各村要围绕产
业发展、人居环境整治等重点

，细化任务清单，确保各项工
作落地见效。（萧红梅 任杰）

本报讯　4月11日，信义镇
邀请市林业专家为200余名核桃
种植户开展春季管护技术培训
。

专家现场示范了修剪、嫁

接等技术。（文/图 葛亮）
"""


def test_a_number_two_stories_share_does_not_tie_a_piece_to_the_wrong_one():
    parsed = page_import.read_page(NUMBERS_IN_COMMON.encode(), datetime.date(2023, 4, 18))
    assert [story.body[-1][-15:] for story in parsed.articles] == [
        "余吨，完成春耕整地1.2万亩。",
        "任务清单，确保各项工作落地见效。"[-15:],
        "专家现场示范了修剪、嫁接等技术。"[-15:],
    ]


def test_a_brief_whose_lead_in_ends_its_line_is_a_story_of_its_own():
    path = TEXT_PAGES.parent / "pdf_pages/left_briefs_page.txt"
    parsed = page_import.read_page(path.read_bytes(), datetime.date(2022, 1, 6))
    [brief] = [story for story in parsed.articles if story.headline == "凤山街道清理卫生死角"]
    assert brief.body == ["凤山街道组织志愿者清理背街小巷卫生死角20余处，清运垃圾5吨。"]
    assert [author["name"] for author in brief.authors] == ["李琪瑞"]
