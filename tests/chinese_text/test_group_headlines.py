from pathlib import Path

import pytest

from chinese_text.page_text import group_headlines, paragraphs, split_page
from chinese_text.segmentation import Segmenter

SAMPLE = (Path(__file__).resolve().parents[1] / "data/pages/sample_page.txt").read_text().splitlines()


@pytest.fixture(scope="module")
def words():
    segmenter = Segmenter(["西属巴街道", "离石一中", "同心书画院", "零学困", "区妇联"])
    return lambda text: {word for word in segmenter.search_tokens(text) if len(word) > 1}


def test_the_sample_pages_wrapped_headlines_are_joined_and_matched_to_their_bodies(words):
    parts = split_page(SAMPLE)
    bodies = ["".join(paragraphs(body.lines)) for body in parts.bodies]
    found = [
        (headline.headline, headline.subtitle, [author["name"] for author in headline.authors], headline.body)
        for headline in group_headlines(parts.headline_runs, bodies, words)
    ]
    assert found == [
        ("栉风沐雨砥砺前行", "——离石区教育发展工作综述", ["王燕华"], 5),
        ("产业扶贫结硕果", "——离石区产业助力脱贫攻坚工作综述", ["刘一荪"], 3),
        ("离石区统一战线同心书画院举行成立揭牌仪式暨首届书画作品展", "", [], 2),
        ("城北街道开展“迎新年”健步走活动", "", [], 0),
        ("离石一中和朝阳小学举行深度合作签约仪式", "", [], 1),
        ("离石区妇联社会治理创新工作成效显著", "", [], 4),
        ("吴城镇集中学习《论党的宣传思想工作》", "", [], 6),
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
