"""Reading the extractor's blocks: pieces of body out of order chained back, bold's twin lines, a byline
broken over two lines, the masthead, 简讯 lead-ins, and texts too slight to be stories."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chinese_text.printed_page.chaining import Chunk, _insertions, chain
from chinese_text.printed_page.layout import blocks, split_page
from chinese_text.segmentation import Segmenter


@pytest.fixture(scope="module")
def words():
    return Segmenter(["老旧小区"]).matching_words


def test_a_piece_that_breaks_a_word_runs_on_into_the_piece_that_ends_it(words):
    opening = Chunk(["初冬时节，漫步东川河畔，河水清", "澈，成群的水鸟在河面上嬉"], starts=True)
    ending = Chunk(["戏觅食，不少市民在步道上散步健", "身。"])
    other = Chunk(
        ["截至目前，共排查管网120公里，整", "改隐患37处。"], lead="本报讯", authors=[{"name": "刘美琴"}]
    )
    assert chain([ending, other, opening], words) == [[other], [opening, ending]]


def test_without_blocks_marked_the_text_is_in_reading_order_and_nothing_is_chained(words):
    one, other = Chunk(["近日，区妇联召开会议"], lead="本报讯"), Chunk(["，部署工作。"])
    assert chain([one, other], words, marked=False) == [[one], [other]]


def test_bolds_twin_lines_the_masthead_and_a_broken_byline_are_mended():
    lines = [
        "离石新闻",
        "",
        "第3版  综合",
        "",
        "滨河街道开展",
        "滨河街道开展",
        "高层建筑消防演练",
        "",
        "区气象局发布寒潮预警　区气象局",
        "区气象局发布寒潮预警",
        "发布寒潮蓝色预警。（韩雪梅",
        "李志强）",
    ]
    found, marked = blocks(lines)
    assert marked
    assert found == [
        ["滨河街道开展", "高层建筑消防演练"],
        ["区气象局发布寒潮预警　区气象局", "发布寒潮蓝色预警。（韩雪梅李志强）"],
    ]


def test_a_lead_in_opens_a_brief_and_is_its_headline(words):
    lines = [
        "简讯",
        "",
        "区气象局发布寒潮预警　区气象局",
        "区气象局发布寒潮预警",
        "发布寒潮蓝色预警，提醒群众做好防寒",
        "保暖。（吴夏峰）",
    ]
    parts = split_page(lines, words)
    assert ["".join(body.lines) for body in parts.bodies] == [
        "区气象局发布寒潮蓝色预警，提醒群众做好防寒保暖。"
    ]
    assert parts.headline_runs == [["简讯"], ["区气象局发布寒潮预警"]]


def test_a_text_with_no_lead_no_byline_and_no_sentence_of_body_length_is_no_story(words):
    lines = [
        "坚持党建引领",
        "",
        "文明新风吹遍了家家户户，",
        "",
        "本报讯　近日，区妇联召开工作会议，部署明年工作。（王艳）",
    ]
    parts = split_page(lines, words)
    assert len(parts.bodies) == 1 and parts.bodies[0].lead == "本报讯"
    assert parts.stray == ["文明新风吹遍了家家户户，"]


def test_a_column_first_line_without_punctuation_is_body_not_headline(words):
    lines = ["在吴城镇的一座智能温室", "里，29岁的郭晓峰正在调试", "设备。三年前，他回到家乡种起了草莓。"]
    parts = split_page(["返乡青年", "", "□ 苗慧敏", "", *lines], words)
    assert parts.bodies[0].lines == lines
    assert parts.headline_runs == [["返乡青年", "□ 苗慧敏"]]  # a byline set apart joins its headline


def test_a_sentence_broken_off_does_not_go_on_in_an_indented_line(words):
    news = Chunk(
        ["11月28日，西属巴街道今年实施的", "12个老旧小区改造项目全部完工，"], lead="本报讯", starts=True
    )
    indented = Chunk(
        ["初冬时节，漫步东川", "河畔，河水清澈，成群的水鸟在河", "面上嬉戏，不少市民在散步健身。"],
        authors=[{"name": "王艳"}],  # it would close the news story: only its indent says it does not
    )
    going_on = Chunk(["惠及居民2300余户，新建停车位4", "00余个。"])
    assert indented.opens_paragraph and not going_on.opens_paragraph
    assert chain([news, indented, going_on], words)[0][:2] == [news, going_on]


def test_a_piece_ending_in_a_comma_is_not_followed_by_one_opening_with_a_comma(words):
    feature = Chunk(["来的专家免费学习科学种植，不仅地", "里产量翻了翻，收入也跟着增加了，"], starts=True)
    going_on = Chunk(["如今的日子越过越红火。”在离石，像", "他一样的农户还有很多。"])
    other = Chunk(["，实施粮改饲草牧业发展工程1万亩，", "种植中药材5000余亩。"], authors=[{"name": "王艳"}])
    assert chain([feature, other, going_on], words)[0] == [feature, going_on]


FEATURE_READ_LAST_FIRST = """
抢抓机遇 扩大开放
离石物流园区
跑出发展“加速度”
——离石区现代物流产业发展侧记

□ 贺鹏飞

寒冬时节，位于交口街道的离石
物流园区内，一辆辆满载货物的大货
车有序进出，分拣中心里传送带飞速
运转，工人们忙着装卸、扫码、分拣
，一派繁忙景象。

“园区投用以来，我们的配送时
间缩短了一半，成本降低了三成。”
入驻企业负责人李建军告诉记者，如
今从园区发出的快递，当天就能送到
全区各个乡镇。

近年来，我区把现代物流作为转
型发展的重要支撑，规划建设物流园
区，引进快递、冷链、仓储等企业32
家，建成县乡村三级物流配送网络，
打通了农产品进城、工业品下乡的“
最后一公里”。

据统计，去年园区完成货物吞吐

物流园区分拣中心一角。　贺鹏飞 摄

量85万吨，实现营业收入6.2亿元，带
动就业1500余人。

区市场监管局开展
节前食品安全检查

本报讯　1月9日，区市场监管局
组织执法人员深入城区各大商超、农
贸市场，开展春节前食品安全专项检
查。

检查中，执法人员重点查看了食
品进货查验记录、索证索票、冷链食
品储存等情况，对发现的问题当场督

促整改。截至目前，共检查经营主体1
26家，下达整改通知书9份。（韩雪梅
）
"""


def test_the_text_after_a_features_byline_that_opens_a_paragraph_opens_the_feature(words):
    # The extractor gives the feature's columns in order; its last piece reads as well before its first.
    bodies = split_page(FEATURE_READ_LAST_FIRST.splitlines(), words).bodies
    assert bodies[0].lines[0] == "寒冬时节，位于交口街道的离石"
    assert bodies[0].lines[-1] == "动就业1500余人。"


def test_a_whole_chain_is_set_between_a_news_lead_and_its_byline(words):
    # Linked straight to its byline the news looks done; only its three pieces set in together beat that.
    page = (Path(__file__).resolve().parents[1] / "data/pdf_pages/general_page.txt").read_text()
    [news] = [body for body in split_page(page.splitlines(), words).bodies if "同心书" in body.lines[0]]
    assert news.lines[-1] == "了本次活动。"
    assert "青彰显文化自信、展示统战风采。" in news.lines


READ_PAGE = """
import json, sys
from chinese_text.printed_page.headlines import group_headlines
from chinese_text.printed_page.layout import split_page
from chinese_text.printed_page.lines import paragraphs
from chinese_text.segmentation import Segmenter
words = Segmenter([]).matching_words
for page in sys.argv[1:]:
    parts = split_page(open(page, encoding="utf-8").read().splitlines(), words)
    bodies = ["".join(paragraphs(body.lines)) for body in parts.bodies]
    found = [(h.headline, h.body) for h in group_headlines(parts.headline_runs, bodies, words)]
    print(json.dumps([bodies, found], ensure_ascii=False))
"""


def test_a_page_reads_the_same_whatever_the_hash_seed():
    """Ties in the matchings break alike on every run: no reading depends on how sets are ordered."""
    pages = sorted(
        str(page) for page in (Path(__file__).resolve().parents[1] / "data/text_pages").glob("*.txt")
    )
    root = Path(__file__).resolve().parents[2]
    readings = {
        subprocess.run(
            [sys.executable, "-c", READ_PAGE, *pages],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(readings) == 1


FEATURE_AFTER_NEWS = [
    "小核桃撑起大产业",
    "——信义镇核桃产业发展纪实",
    "",
    "□ 梁晓东",
    "",
    "深冬的信义镇，核桃加工",
    "厂里机器轰鸣，工人们正忙着分拣、烘",
    "干、包装核桃，一箱箱核桃销往全国。",
    "",
    "本报讯　12月22日，北川河新桥正式建",
    "成通车，城北街道与凤山街道之间的通",
    "行时间缩短一半，附近居民纷纷前来。（尚志远）",
    "",
    "如今，全镇核桃种植面积",
    "达到3.5万亩，年产值超过1亿元，核",
    "桃成了群众增收的金果果。",
]


def test_the_text_after_a_features_byline_opens_the_feature(words):
    parts = split_page(FEATURE_AFTER_NEWS, words)
    assert [(body.lead, body.lines[0]) for body in parts.bodies] == [
        ("", "深冬的信义镇，核桃加工"),
        ("本报讯", "12月22日，北川河新桥正式建"),
    ]
    assert parts.bodies[0].lines[-1] == "桃成了群众增收的金果果。"  # its other piece follows it


def test_a_piece_may_be_taken_out_of_one_story_and_set_into_another():
    one, moved, other, last = (Chunk([text]) for text in ("甲，", "乙，", "丙，", "丁。"))
    weights = {pair: 1.0 for pair in [(one, moved), (moved, other), (one, other), (last, moved)]}
    found = list(_insertions({one: moved, moved: other}, [one, moved, other, last], weights))
    assert {one: other, last: moved} in found  # out from between 甲 and 丙, which close up; after 丁
    # A link that surely holds (a word broken across it) is not undone.
    weights[one, moved] = 3.0
    assert not any(
        links.get(one) is other for links in _insertions({one: moved}, [one, moved, last], weights)
    )
