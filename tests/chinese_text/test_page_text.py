import codecs
import datetime

import pytest

from chinese_text.printed_page.bylines import feature_byline, news_byline, photo_credit
from chinese_text.printed_page.decoding import UnreadablePage, decode_page
from chinese_text.printed_page.lines import event_date, is_furniture, jumps_away, undouble, unjustify


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            "产 业 扶 贫 是 稳 定 脱 贫 的 根 本 之", "产业扶贫是稳定脱贫的根本之", id="letter-spaced"
        ),
        pytest.param("基层站所负责人共计 150 余人参加活", "基层站所负责人共计150余人参加活", id="number"),
        pytest.param("本报讯 2020 年 12 月 31 日，离石", "本报讯2020年12月31日，离石", id="date"),
        pytest.param("装机 5 kW 的 光 伏", "装机5 kW的光伏", id="unit-kept"),
        pytest.param("Hello World", "Hello World", id="latin-kept"),
        pytest.param("“ 零 学 困 ” 教 育", "“零学困”教育", id="quotes"),
    ],
)
def test_unjustify_drops_spaces_next_to_cjk_only(line, expected):
    assert unjustify(line) == expected


@pytest.mark.parametrize(
    ("doubled", "once"),
    [
        (
            "吴城镇农产品公司员工正在加工土豆吴城镇农产品公司员工正在加工土豆。。 刘和平刘和平 摄摄",
            "吴城镇农产品公司员工正在加工土豆。 刘和平 摄",
        ),
        ("西属巴街道养驴场西属巴街道养驴场。。 刘和平刘和平 摄摄", "西属巴街道养驴场。 刘和平 摄"),
        ("产业扶贫产业扶贫", "产业扶贫"),
    ],
)
def test_undouble_undoes_whole_doubled_lines(doubled, once):
    assert undouble(doubled) == once


@pytest.mark.parametrize(
    "line", ["大家纷纷表示：“谢谢谢谢。”", "谢谢", "哈哈哈哈", "城北街道开展健步走活动", ""]
)
def test_undouble_spares_real_repetition(line):
    assert undouble(line) == line


ISSUE_DATE = datetime.date(2021, 1, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本报讯 1月4日，城北街道", datetime.date(2021, 1, 4)),
        ("本报讯 1 月 29 日，", datetime.date(2021, 1, 29)),
        ("本报讯 2020 年 12 月 31 日，离石一中", datetime.date(2020, 12, 31)),
        ("12月30日，区妇联召开", datetime.date(2020, 12, 30)),
        ("近日，城北街道举办", None),
        ("2月30日，不存在的日子；1月3日才是", datetime.date(2021, 1, 3)),
    ],
)
def test_event_date_resolves_the_year_from_the_issue(text, expected):
    assert event_date(text, ISSUE_DATE) == expected


def writer(name):
    return {"name": name, "roles": ["writer"]}


def both(name):
    return {"name": name, "roles": ["writer", "photographer"]}


@pytest.mark.parametrize(
    ("line", "text", "authors"),
    [
        ("（王艳）", "", [writer("王艳")]),
        ("贡献自己的一份力量。（王艳）", "贡献自己的一份力量。", [writer("王艳")]),
        ("（吴夏峰 张晋晋）", "", [writer("吴夏峰"), writer("张晋晋")]),
        ("（文图/李琪瑞）", "", [both("李琪瑞")]),
        (
            "活动圆满结束。（文/图 张晓斌 高裕鹏 李小龙）",
            "活动圆满结束。",
            [both("张晓斌"), both("高裕鹏"), both("李小龙")],
        ),
        ("（图/刘和平）", "", [{"name": "刘和平", "roles": ["photographer"]}]),
        ("（刘洋王丽）", "", [writer("刘洋"), writer("王丽")]),  # the space lost in extraction
        ("（欧阳文华）", "", [writer("欧阳文华")]),
        ("落地见效。（萧红梅 任杰）", "落地见效。", [writer("萧红梅"), writer("任杰")]),
        ("（王晓丽娜）", "", [writer("王晓丽娜")]),  # 丽 starts no name: one name of four
        ("双方就“零学困”（一种模式）开展合作。", "双方就“零学困”（一种模式）开展合作。", []),
        ("（二〇二一年一月）", "（二〇二一年一月）", []),
    ],
)
def test_news_byline_splits_names_and_roles_off_the_last_line(line, text, authors):
    assert news_byline(line) == (text, authors)


def test_feature_byline():
    assert feature_byline("□ 王燕华") == [writer("王燕华")]
    assert feature_byline("□ 王燕华 李晓东") == [writer("王燕华"), writer("李晓东")]
    assert feature_byline("□ 栉风沐雨砥砺前行的离石教育") == []


def test_photo_credit():
    assert photo_credit("吴城镇农产品公司员工正在加工土豆。 刘和平 摄") == (
        "吴城镇农产品公司员工正在加工土豆。",
        "刘和平",
    )
    assert photo_credit("西属巴街道养驴场。 刘和平 摄") == ("西属巴街道养驴场。", "刘和平")
    assert photo_credit("刘和平 摄") is None
    assert photo_credit("我们拍摄了一部纪录片") is None


@pytest.mark.parametrize("line", ["实施方案（试行）", "（草案）", "工作（一）", "（上接第一版）"])
def test_a_closing_parenthesis_that_names_no_person_is_not_a_byline(line):
    assert news_byline(line) == (line, [])


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        (" 合办：离石区融媒体中心", True),
        ("责任编辑：王燕华  美编：李琪瑞", True),
        ("第 2 版", True),
        ("第二版", True),
        ("2021年1月5日 星期二", True),
        ("本报讯 2020 年 12 月 31 日，离石", False),
        ("离石区融媒体中心记者深入一线采访", False),
        ("第二届教师职业技能大比武", False),
    ],
)
def test_page_furniture(line, furniture):
    assert is_furniture(line) is furniture


PAGE_TEXT = "本报讯 近日，城北街道举办迎新年健步走活动。（王艳）\n"


@pytest.mark.parametrize(
    "data",
    [
        PAGE_TEXT.encode(),
        b"\xef\xbb\xbf" + PAGE_TEXT.encode(),
        PAGE_TEXT.encode("gb18030"),
        PAGE_TEXT.encode("utf-16"),
        codecs.BOM_UTF16_BE + PAGE_TEXT.encode("utf-16-be"),
    ],
)
def test_decode_page_reads_utf8_with_or_without_bom_gbk_and_utf16_with_bom(data):
    assert decode_page(data) == PAGE_TEXT


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\x80\xff\xfe\xfd\xc0", "encoding"),
        (b"\xff\xfe\x00\xd8", "encoding"),  # UTF-16 by its BOM, but half a surrogate pair
        (b"Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "not_chinese"),
        ("城北街道开展活动\n".encode() + "健".encode() * 14_000, "long_line"),  # held a worker 60 s and more
    ],
)
def test_decode_page_refuses_what_is_not_a_chinese_page(data, code):
    with pytest.raises(UnreadablePage) as refused:
        decode_page(data)
    assert refused.value.code == code


def test_a_line_jumps_away_only_at_its_end_and_only_onward():
    assert jumps_away("题35个，帮助企业获得贷款1200余万元。街道还联（下转第4版）")
    assert jumps_away("（转第二版）")
    assert not jumps_away("（上接第1版）")
    assert not jumps_away("（下转第4版）本报讯　3月15日，区市场监管局")
