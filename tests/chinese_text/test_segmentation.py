import json
from pathlib import Path

import jieba
import pytest

from chinese_text.segmentation import NOT_WORD, WORD, Segmenter

WORDS = ["西属巴街道", "区教科局", "离石一中", "城北街道", "同心书画院", "零学困"]
SEED_TEXT = (
    "本报讯 近日，城北街道举办迎新年健步走活动。区教科局在离石一中召开会议，推动“零学困”工作。"
    "离石区统一战线同心书画院举行揭牌仪式暨首届书画作品展，西属巴街道养驴场带动群众增收150余人。"
)


@pytest.fixture(scope="module")
def segmenter():
    return Segmenter(WORDS)


def test_our_words_stay_single_tokens(segmenter):
    tokens = segmenter.cut(SEED_TEXT)
    for word in ("西属巴街道", "区教科局", "离石一中", "城北街道"):
        assert word in tokens


def test_search_tokens_add_the_short_words_inside_long_ones_and_drop_punctuation(segmenter):
    tokens = segmenter.search_tokens("离石区统一战线，“ABC”！")
    assert {"统一战线", "统一", "战线", "离石区", "abc"} <= set(tokens)
    assert not {"，", "“", "！"} & set(tokens)


def test_matching_words_are_the_distinct_tokens_of_two_characters_or_more(segmenter):
    assert segmenter.matching_words("离石区统一战线，我们的书画院") == {
        "离石区",
        "离石",
        "统一战线",
        "统一",
        "一战",
        "战线",
        "我们",
        "书画院",
        "书画",
        "画院",
    }


def test_a_query_of_punctuation_has_no_terms(segmenter):
    assert segmenter.query_terms("，。！？……——\x00 ") == []


def test_query_terms_are_distinct_and_longest_first(segmenter):
    terms = segmenter.query_terms("书画院 书画院")
    assert terms == sorted(set(terms), key=lambda term: (-len(term), term))
    assert terms[0] == "书画院"


def normalize(tokens):
    """Lower-case word characters only, as the index keeps them."""
    return [word.lower() for token in tokens for word in WORD.findall(token)]


def demo_texts():
    page = json.loads((Path(__file__).resolve().parents[2] / "fixtures/demo/sample_page.json").read_text())
    for story in page["articles"]:
        yield "\n".join([story["kicker"], story["headline"], story["subtitle"], *story["body"]])


def test_rjieba_gives_jiebas_tokens_with_the_same_words(segmenter):
    """The index cuts with rjieba for speed; jieba is the reference. Their searchable tokens must agree."""
    reference = jieba.Tokenizer()
    for word in WORDS:
        reference.add_word(word)
    texts = [SEED_TEXT, "2021年1月5日，5G基站、COVID-19防控和3.5万元资金到位。", *demo_texts()]
    assert len(texts) > 5
    for text in texts:
        assert normalize(segmenter.cut(text)) == normalize(reference.cut(text))
        assert segmenter.search_tokens(text) == normalize(reference.cut_for_search(NOT_WORD.sub(" ", text)))


def test_keywords_leave_out_bare_numbers_and_lone_characters(segmenter):
    text = "12月1日，12个村的12支队伍在12号场地比赛。12支队伍、12个村，赛出了风采。乡村篮球赛火热开赛。"
    keywords = segmenter.keywords(text, count=8)
    assert keywords and "篮球赛" in "".join(keywords)
    assert not [word for word in keywords if word.isdigit() or len(word) < 2]


def test_keywords_use_our_words(segmenter):
    text = "区教科局在离石一中召开会议。离石一中实现零学困。区教科局表示祝贺。"
    keywords = segmenter.keywords(text, count=3)
    assert set(keywords) == {"离石一中", "区教科局", "零学困"}
