from pathlib import Path

import pytest

from chinese_text.printed_page.headlines import evidence, group_headlines, kicker_and_headline
from chinese_text.printed_page.layout import split_page
from chinese_text.printed_page.lines import paragraphs
from chinese_text.segmentation import Segmenter

SAMPLE = (Path(__file__).resolve().parents[1] / "data/pages/sample_page.txt").read_text().splitlines()


@pytest.fixture(scope="module")
def words():
    segmenter = Segmenter(["西属巴街道", "离石一中", "同心书画院", "零学困", "区妇联"])
    return segmenter.matching_words


def test_the_sample_pages_wrapped_headlines_are_joined_and_matched_to_their_bodies(words):
    parts = split_page(SAMPLE)
    bodies = ["".join(paragraphs(body.lines)) for body in parts.bodies]
    found = [
        (
            headline.kicker,
            headline.headline,
            headline.subtitle,
            [author["name"] for author in headline.authors],
            headline.body,
        )
        for headline in group_headlines(parts.headline_runs, bodies, words)
    ]
    assert found == [
        ("", "栉风沐雨砥砺前行", "——离石区教育发展工作综述", ["王燕华"], 5),
        ("", "产业扶贫结硕果", "——离石区产业助力脱贫攻坚工作综述", ["刘一荪"], 3),
        ("", "离石区统一战线同心书画院举行成立揭牌仪式暨首届书画作品展", "", [], 2),
        ("", "城北街道开展“迎新年”健步走活动", "", [], 0),
        ("", "离石一中和朝阳小学举行深度合作签约仪式", "", [], 1),
        ("", "离石区妇联社会治理创新工作成效显著", "", [], 4),
        ("吴城镇", "集中学习《论党的宣传思想工作》", "", [], 6),
    ]


def test_headline_lines_are_grouped_by_the_bodies_they_match_not_by_line(words):
    runs = [["红枣喜获", "丰收", "核桃产业", "助农增收"]]
    bodies = ["核桃产业发展，带动农民增收，助农效果明显。", "红枣喜获丰收，村民忙着晾晒红枣。"]
    grouped = group_headlines(runs, bodies, words)
    assert [(headline.headline, headline.body) for headline in grouped] == [
        ("红枣喜获丰收", 1),
        ("核桃产业助农增收", 0),
    ]


def test_no_runs_no_headlines(words):
    assert group_headlines([], ["正文。"], words) == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["吴城镇", "集中学习《论党的宣传思想工作》"], ("吴城镇", "集中学习《论党的宣传思想工作》")),
        (
            ["坚持党建引领 推动乡村振兴", "信义镇召开全镇干部大会"],
            ("坚持党建引领 推动乡村振兴", "信义镇召开全镇干部大会"),
        ),
        # A wrapped headline fills its first line: no kicker.
        (["离石一中和朝阳小学举行", "深度合作签约仪式"], ("", "离石一中和朝阳小学举行深度合作签约仪式")),
        (["离石区妇联社会治理", "创新工作成效显著"], ("", "离石区妇联社会治理创新工作成效显著")),
        (["城北街道", "“书香社区”建设见成效"], ("", "城北街道“书香社区”建设见成效")),
        (["德岗村", "小米深加工", "带富一方百姓"], ("", "德岗村小米深加工带富一方百姓")),
        # A short subject on a line of its own, over a third as wide as the rest: a wrapped headline.
        (["枣林乡", "开展植树造林活动"], ("", "枣林乡开展植树造林活动")),
        (["坪头乡", "土豆种植喜获丰收"], ("", "坪头乡土豆种植喜获丰收")),
        (["吴城镇", "区卫健体局", "开展家庭医生签约服务"], ("吴城镇", "区卫健体局开展家庭医生签约服务")),
        # Phrases set apart keep their space; a line set otherwise above them is the kicker.
        (["为民办实事 温暖进万家"], ("", "为民办实事 温暖进万家")),
        (["办好人民满意的教育", "新学期 新校园 新气象"], ("办好人民满意的教育", "新学期 新校园 新气象")),
        # Letter-spaced (justified) setting is not phrases set apart.
        (["产 业 扶 贫", "结硕果"], ("", "产业扶贫结硕果")),
        (["栉风沐雨砥砺前行"], ("", "栉风沐雨砥砺前行")),
    ],
)
def test_a_kicker_is_a_line_that_a_wrapped_headline_would_have_filled(lines, expected):
    assert kicker_and_headline(lines) == expected


def test_a_kicker_above_a_feature_headline_with_subtitle_and_byline(words):
    # A kicker a third of the headline's width at most: half as wide could as well be a wrapped first line.
    runs = [["田家会", "小小食用菌撑起致富伞", "——田家会街道产业发展纪实", "□ 李晓东"]]
    bodies = ["走进田家会街道的食用菌大棚，一排排菌棒整齐排列，食用菌长势喜人，成了群众的致富伞。"]
    (found,) = group_headlines(runs, bodies, words)
    assert (found.kicker, found.headline, found.subtitle, found.authors[0]["name"]) == (
        "田家会",
        "小小食用菌撑起致富伞",
        "——田家会街道产业发展纪实",
        "李晓东",
    )


def headlines_and_bodies(runs, bodies, words):
    """Each headline found, with the index of the body it leads."""
    return [(headline.headline, headline.body) for headline in group_headlines(runs, bodies, words)]


BODIES = [
    "近日，城北街道在如意湖公园举办健步走活动，社区居民踊跃参加。",
    "近日，离石一中与朝阳小学签约，开展深度合作。",
    "近日，信义镇千年村红枣迎来丰收，村民忙着晾晒。",
]


SPLIT_RUN = [("城北街道举办健步走活动", 0), ("离石一中与朝阳小学签约", 1), ("信义镇红枣喜获丰收", 2)]


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        (["城北街道举办健步走活动离石一中与朝阳小学签约", "信义镇红枣喜获丰收"], SPLIT_RUN),
        (["城北街道举办健步走活动   离石一中与朝阳小学签约", "信义镇红枣喜获丰收"], SPLIT_RUN),
        (["城北街道举办健步走活动\u3000离石一中与朝阳小学签约", "信义镇红枣喜获丰收"], SPLIT_RUN),
        # As many lines as bodies, yet the right reading joins the wrap and splits the run-together line.
        (
            ["信义镇千年村红枣", "喜获丰收", "城北街道举办健步走活动离石一中与朝阳小学签约"],
            [("信义镇千年村红枣喜获丰收", 2), ("城北街道举办健步走活动", 0), ("离石一中与朝阳小学签约", 1)],
        ),
    ],
    ids=["run-together", "wide-gap", "ideographic-space", "beside-a-wrapped-headline"],
)
def test_two_headlines_on_one_line_are_split_and_each_finds_its_body(words, run, expected):
    assert headlines_and_bodies([run], BODIES, words) == expected


def test_a_wrapped_headline_is_not_split_on_words_that_every_story_shares(words):
    run = ["离石区城北街道举办", "健步走活动", "离石区召开全区工作会议"]
    bodies = ["近日，离石区城北街道举办健步走活动。", "近日，离石区召开全区工作会议。"]
    assert headlines_and_bodies([run], bodies, words) == [
        ("离石区城北街道举办健步走活动", 0),
        ("离石区召开全区工作会议", 1),
    ]


def test_a_subtitle_without_a_headline_of_its_own_does_not_replace_the_one_above(words):
    runs = [["产业扶贫结硕果", "——离石区产业助力脱贫攻坚工作综述", "□ 刘一荪", "——离石区教育发展工作综述"]]
    (found,) = group_headlines(runs, ["产业扶贫取得显著成效。"], words)
    assert (found.headline, found.subtitle) == ("产业扶贫结硕果", "——离石区产业助力脱贫攻坚工作综述")


def test_the_subtitle_under_a_headline_is_evidence_that_keeps_its_lines_together(words):
    runs = [["守护群众健康的", "“白衣天使”", "——记凤山街道社区卫生服务中心护士长郝丽萍", "□ 邵敏"]]
    bodies = [
        "1月5日至6日，全区中小学开展期末质量检测，1.6万余名学生参加。",
        "清晨七点，凤山街道社区卫生服务中心的护士长郝丽萍已经开始了一天的工作。"
        "“能为群众的健康出一份力，再苦再累也值得。”郝丽萍说。",
    ]
    [headline] = group_headlines(runs, bodies, words)
    assert (headline.headline, headline.body) == ("守护群众健康的“白衣天使”", 1)
    assert [author["name"] for author in headline.authors] == ["邵敏"]


def test_phrases_a_single_space_sets_apart_are_never_cut_into_two_headlines(words):
    runs = [["传承非遗技艺 讲好离石故事", "指尖上的", "离石剪纸", "——记市级非遗传承人贾秀梅"]]
    bodies = [
        "走进贾秀梅的工作室，满墙的剪纸作品映入眼帘。她坚持传承非遗技艺，开设剪纸课堂。",
        "3月6日，区文化馆组织文艺小分队走进坪头乡，演员讲述红色故事。",
    ]
    [headline] = group_headlines(runs, bodies, words)
    assert (headline.kicker, headline.headline, headline.body) == (
        "传承非遗技艺 讲好离石故事",
        "指尖上的离石剪纸",
        0,
    )


def test_a_headline_line_no_body_explains_costs_its_characters_once(words):
    """The segmentation's words overlap (聚宝盆, 聚宝, 宝盆); counted each, a line left over cost less than
    the same line kept in its headline."""
    body = "坪头乡光伏电站建成后，板下种植中药材。"
    assert evidence("荒山变成“聚宝盆”", body, words(body), words) == -0.25 * len("荒山变成聚宝盆")


def test_a_three_line_headline_keeps_its_wider_third_line(words):
    runs = [["光伏板上发电", "板下种菜养羊", "荒山变成“聚宝盆”"], ["区市场监管局", "开展计量器具专项检查"]]
    bodies = [
        "走进坪头乡的光伏产业园，一排排光伏板整齐排列，板下种植的中药材长势喜人，不远处的羊群正在悠闲觅食。"
        "光伏电站建成后，乡里引导村集体利用板下空间发展种植、养殖。",
        "3月15日，区市场监管局组织执法人员对城区农贸市场的计量器具开展专项检查。",
    ]
    assert headlines_and_bodies(runs, bodies, words) == [
        ("光伏板上发电板下种菜养羊荒山变成“聚宝盆”", 0),
        ("区市场监管局开展计量器具专项检查", 1),
    ]
