"""Paragraph recovery on the sample page's stories, against the demo fixture's hand-cleaned paragraphs."""

import json
import re
from pathlib import Path

import pytest

from chinese_text.printed_page.lines import display_width, paragraphs, unjustify

ROOT = Path(__file__).resolve().parents[2]
PAGE = [line for line in (ROOT / "tests/data/pages/sample_page.txt").read_text().splitlines() if line.strip()]
DEMO = json.loads((ROOT / "fixtures/demo/sample_page.json").read_text())


def lines_between(first, last):
    start = next(i for i, line in enumerate(PAGE) if line.startswith(first))
    end = next(i for i, line in enumerate(PAGE) if i >= start and unjustify(line).startswith(last))
    return PAGE[start : end + 1]


def demo_body(headline):
    return next(story["body"] for story in DEMO["articles"] if story["headline"] == headline)


def without_lead(found):
    return [re.sub(r"^本报讯\s*", "", found[0]), *found[1:]]


def test_display_width_counts_cjk_double():
    assert display_width("共计150余人") == 2 + 2 + 3 + 2 + 2


@pytest.mark.parametrize(
    ("first", "last", "headline"),
    [
        ("曾经的离石区农业农村贫穷落后", "是离石区委区政府的最终目的", "产业扶贫结硕果"),
        ("本报讯 去年以来", "纽带”这一职能定位得到充分体现", "离石区妇联社会治理创新工作成效显著"),
        ("本报讯 近日，城北", "己的一份力量。", "城北街道开展“迎新年”健步走活动"),
        ("本报讯 近日，吴城镇", "宣传思想等各项工作再上新台阶。", "集中学习《论党的宣传思想工作》"),
        (
            "本报讯 2020 年 12 月 31 日",
            "果。”朝阳小学副校长牛金泉说道。",
            "离石一中和朝阳小学举行深度合作签约仪式",
        ),
        (
            "本报讯 近日，离石区统一战线同",
            "共计100余人参加了本次活动。",
            "离石区统一战线同心书画院举行成立揭牌仪式暨首届书画作品展",
        ),
    ],
)
def test_paragraphs_of_the_sample_page_match_the_hand_cleaned_demo(first, last, headline):
    assert without_lead(paragraphs(lines_between(first, last))) == demo_body(headline)


def test_the_feature_keeps_its_subheadings_and_dash_items_as_paragraphs():
    found = paragraphs(lines_between("装备完善的实验室", "经济社会高质量发展的教育篇章"))
    assert found == demo_body("栉风沐雨砥砺前行")
    assert "“筑基织网”：抓基础破难题，全区教育教学质量稳步提升" in found


def test_no_lines_no_paragraphs():
    assert paragraphs(["", "  "]) == []


def test_lines_join_without_space_except_between_two_latin_words():
    lines = ["开通“Wang Ying", "Zhuang”网店，在抖音等平台直播带货，年销售", "额突破300万元。"]
    assert paragraphs(lines) == ["开通“Wang Ying Zhuang”网店，在抖音等平台直播带货，年销售额突破300万元。"]
