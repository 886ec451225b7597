"""The whole parser on the sample page, against the demo fixture that was cleaned by hand."""

import csv
import datetime
import json
from pathlib import Path

import pytest

from chinese_text.printed_page import UnreadablePage, parse
from chinese_text.printed_page.parser import parse_page
from chinese_text.segmentation import Segmenter
from chinese_text.tagger import GazetteerTagger

ROOT = Path(__file__).resolve().parents[2]
DEMO = json.loads((ROOT / "fixtures/demo/sample_page.json").read_text())


def rows(name):
    with (ROOT / "fixtures/gazetteer" / name).open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def page():
    tagger = GazetteerTagger(
        {
            row["name"]: [alias for alias in row["aliases"].split("|") if alias]
            for row in rows("townships.csv")
        },
        {row["name"]: row["township"] for row in rows("places.csv")},
        {
            row["name"]: [short for short in row["short_names"].split("|") if short]
            for row in rows("departments.csv")
        },
    )
    segmenter = Segmenter(["西属巴街道", "离石一中", "同心书画院", "零学困", "区妇联"])
    text = (ROOT / "tests/data/pages/sample_page.txt").read_text()
    return parse_page(
        text,
        datetime.date(2021, 1, 5),
        segmenter.matching_words,
        tagger,
    )


def test_the_sample_page_gives_the_seven_stories_as_cleaned_by_hand(page):
    found = [
        (
            article.kicker,
            article.headline,
            article.subtitle,
            article.source,
            article.event_date.isoformat() if article.event_date else None,
            [(author["name"], author["roles"]) for author in article.authors],
            article.townships,
            article.departments,
        )
        for article in page.articles
    ]
    expected = [
        (
            story["kicker"],
            story["headline"],
            story["subtitle"],
            story["source"],
            story["event_date"],
            [(author["name"], [author["role"]]) for author in story["authors"]],
            story["townships"],
            story["departments"],
        )
        for story in DEMO["articles"]
    ]
    assert found == expected


def test_bodies_are_the_hand_cleaned_paragraphs(page):
    assert [article.body for article in page.articles] == [story["body"] for story in DEMO["articles"]]


def test_the_two_photos_with_photographer_and_township(page):
    assert [(photo.caption, photo.photographer, photo.townships) for photo in page.photos] == [
        (photo["caption"], photo["photographer"], photo["townships"]) for photo in DEMO["photos"]
    ]


def test_the_literary_headline_is_flagged_for_the_editor(page):
    assert [code for code, _details in page.warnings] == ["weak_headline"]
    assert page.warnings[0][1]["headline"] == "栉风沐雨砥砺前行"


def test_a_page_without_stories_says_so():
    tagger = GazetteerTagger({}, {}, {})
    found = parse_page("合办：离石区融媒体中心\n", datetime.date(2021, 1, 5), lambda text: set(), tagger)
    assert found.articles == [] and [code for code, _ in found.warnings] == ["no_story"]


def test_a_text_too_slight_to_be_a_story_is_a_warning_not_a_story():
    tagger = GazetteerTagger({}, {}, {})
    text = "\n\n".join(
        ["区妇联召开会议", "文明新风吹遍了家家户户，", "本报讯　近日，区妇联召开工作会议，部署工作。（王艳）"]
    )
    found = parse_page(text, datetime.date(2021, 1, 5), lambda text: set(), tagger)
    assert [article.body for article in found.articles] == [["近日，区妇联召开工作会议，部署工作。"]]
    assert ("stray", {"text": "文明新风吹遍了家家户户，"}) in found.warnings


def test_the_entry_point_reads_a_pages_bytes_in_either_encoding():
    text = (ROOT / "tests/data/pages/sample_page.txt").read_text()
    segmenter, tagger = Segmenter([]), GazetteerTagger({}, {}, {})
    expected = parse_page(text, datetime.date(2021, 1, 5), segmenter.matching_words, tagger)
    for data in (text.encode("utf-8"), text.encode("gb18030")):
        assert parse(data, datetime.date(2021, 1, 5), segmenter.matching_words, tagger) == expected
    with pytest.raises(UnreadablePage):
        parse(b"\x00\x01binary", datetime.date(2021, 1, 5), segmenter.matching_words, tagger)
