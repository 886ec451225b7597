"""The readers' templates' environment (newsroom/jinja2.py): what it gives the templates that Django's
engine gave them before."""

from types import SimpleNamespace

from django.test import RequestFactory

from newsroom.jinja2 import page_address, regroup, scaled_height


def test_another_page_of_a_list_keeps_every_filter_and_replaces_the_page():
    request = RequestFactory().get("/articles/?township=xinyi-zhen&page=3&department=a&department=b")
    assert page_address(request, 4) == "?township=xinyi-zhen&department=a&department=b&page=4"


def test_another_page_of_a_list_quotes_what_a_reader_typed():
    request = RequestFactory().get("/search/", {"q": "乡村 振兴&page=9"})
    assert page_address(request, 2) == "?q=%E4%B9%A1%E6%9D%91+%E6%8C%AF%E5%85%B4%26page%3D9&page=2"


def test_zones_are_grouped_by_story_in_runs_as_they_come():
    first, second = SimpleNamespace(name="a"), SimpleNamespace(name="b")
    zones = [SimpleNamespace(article=story) for story in (first, first, second, first)]
    groups = regroup(zones, "article")
    assert [(story, len(run)) for story, run in groups] == [(first, 2), (second, 1), (first, 1)]


def test_a_thumbnail_height_follows_the_page_and_survives_an_unmeasured_one():
    assert scaled_height(120, 1000, 1414) == 170
    assert scaled_height(120, None, None) == 0
