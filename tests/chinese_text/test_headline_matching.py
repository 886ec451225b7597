import json
from pathlib import Path

import pytest

from chinese_text.printed_page.headlines import group_headlines
from chinese_text.segmentation import Segmenter

DEMO = json.loads((Path(__file__).resolve().parents[2] / "fixtures/demo/sample_page.json").read_text())


def match_headlines(headlines, bodies, words):
    """Each headline on a line of its own, so that only the assignment is decided: (body, score)."""
    return [
        (found.body, found.score) for found in group_headlines([[line] for line in headlines], bodies, words)
    ]


@pytest.fixture(scope="module")
def words():
    segmenter = Segmenter(["西属巴街道", "离石一中", "同心书画院", "零学困", "区妇联"])
    return lambda text: {word for word in segmenter.search_tokens(text) if len(word) > 1}


def test_the_sample_page_headlines_find_their_bodies(words):
    stories = DEMO["articles"]
    headlines = [story["headline"] for story in reversed(stories)]  # any order
    bodies = ["".join(story["body"]) for story in stories]
    pairs = match_headlines(headlines, bodies, words)
    assert [stories[body]["headline"] for body, _score in pairs] == headlines


def test_the_assignment_is_global_not_greedy(words):
    # Greedy would give 红枣 the first body (its best), leaving 核桃 with nothing.
    headlines = ["红枣核桃丰收", "核桃丰收"]
    bodies = ["红枣丰收，核桃丰收。", "红枣丰收。"]
    assert [body for body, _score in match_headlines(headlines, bodies, words)] == [1, 0]


def test_a_headline_sharing_no_word_takes_the_body_left_over_with_score_zero(words):
    assert match_headlines(["量子计算", "红枣丰收"], ["红枣丰收。", "会议召开。"], words) == [
        (1, 0.0),
        (0, 1.0),
    ]


def test_more_headlines_than_bodies_leave_one_unmatched(words):
    assert match_headlines(["红枣丰收", "核桃丰收"], ["红枣丰收。"], words)[1] == (None, 0.0)
