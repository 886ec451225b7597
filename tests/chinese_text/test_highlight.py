from chinese_text.highlight import marked, snippet


def test_marked_marks_every_occurrence_longest_first():
    parts = marked("书画院举办书画展", ["书画", "书画院"])
    assert parts == [("书画院", True), ("举办", False), ("书画", True), ("展", False)]


def test_marked_ignores_case_and_empty_terms():
    assert marked("ABC与abc", ["abc", ""]) == [("ABC", True), ("与", False), ("abc", True)]


def test_snippet_shows_the_window_around_the_first_match():
    text = "甲" * 200 + "健步走" + "乙" * 200
    parts = snippet(text, ["健步走"], width=40)
    joined = "".join(part for part, _ in parts)
    assert joined.startswith("…") and joined.endswith("…")
    assert ("健步走", True) in parts
    assert len(joined) == 42


def test_snippet_without_a_match_is_the_start():
    parts = snippet("近日，城北街道举办活动。", ["书画"], width=6)
    assert parts == [("近日，城北街…", False)]


def test_adjacent_matches_make_one_mark():
    assert marked("开展健步走活动", ["健步", "走"]) == [("开展", False), ("健步走", True), ("活动", False)]
