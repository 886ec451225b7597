"""The layout reading on small hand-placed pages: characters with boxes → story blocks with zones."""

from chinese_text.printed_page.geometry import Char, PageLayout, Picture, read_once
from chinese_text.printed_page.reading import page_header, read_layout

BODY = 9


def set_line(text, x, top, size=BODY, bold=False):
    """Characters set one em apart, their boxes as the PDF reader gives them."""
    return [
        Char(character, x + index * size, top, x + (index + 1) * size, top + size, size, bold)
        for index, character in enumerate(text)
    ]


def column(lines, x, top, indent_first=True):
    """Body lines of 10 characters from `top`, 13 pt apart; a paragraph's first line indented two."""
    chars = []
    for number, (text, first) in enumerate(lines):
        chars += set_line(text, x + (2 * BODY if first and indent_first else 0), top + number * 13)
    return chars


def layout(*parts, pictures=()):
    return PageLayout(600, 800, [char for part in parts for char in part], list(pictures))


HEADER = set_line("离石新闻", 20, 10, 20) + set_line("第2版 综合", 250, 14, 11)


def test_two_stories_side_by_side_each_take_the_columns_under_their_headline():
    left = column(
        [("本报讯　近日，城北", True), ("街道开展健步走活动", False), ("。（王艳）", False)], 20, 130
    )
    right = column(
        [("本报讯　1月4日，区妇", True), ("联开展宣讲活动。（李", False), ("琪瑞）", False)], 140, 130
    )
    page = layout(
        HEADER,
        set_line("城北健步走", 20, 100, 18),  # two headlines on one baseline, a gutter apart
        set_line("妇联宣讲", 140, 100, 18),
        left,
        right,
        column([("其他栏文字其他栏文字", False)] * 12, 260, 100, indent_first=False),
    )
    stories, photos = read_layout(page)
    found = {story.headline: story for story in stories}
    assert found["城北健步走"].paragraphs == ["近日，城北街道开展健步走活动。"]
    assert found["城北健步走"].authors == [{"name": "王艳", "roles": ["writer"]}]
    assert found["城北健步走"].lead == "本报讯"
    assert found["妇联宣讲"].authors == [{"name": "李琪瑞", "roles": ["writer"]}]
    assert photos == []


def test_kicker_headline_subtitle_and_byline_stack_into_one_block_over_the_columns():
    body = [("初春时节，走进吴城镇", True), ("王营庄村，处处生机。", False)]
    page = layout(
        HEADER,
        set_line("坚持党建引领", 80, 100, 12),
        set_line("王营庄村新路子", 56, 116, 24),
        set_line("——乡村振兴纪实", 70, 145, 12),
        set_line("□ 李晓东", 20, 163),
        column(body, 20, 180),
        column([("两年来，村里建成大棚", True), ("一百二十座。", False)], 140, 180),
        column([("下一篇稿件下一篇稿件", False)] * 10, 260, 60, indent_first=False),
    )
    stories, _photos = read_layout(page)
    feature = next(story for story in stories if story.headline)
    assert (feature.kicker, feature.headline, feature.subtitle) == (
        "坚持党建引领",
        "王营庄村新路子",
        "——乡村振兴纪实",
    )
    assert feature.authors == [{"name": "李晓东", "roles": ["writer"]}]
    assert feature.paragraphs == [
        "初春时节，走进吴城镇王营庄村，处处生机。",
        "两年来，村里建成大棚一百二十座。",
    ]
    assert len(feature.zones) == 3  # the headline block and one piece in each column


def test_a_picture_takes_the_caption_under_it_and_the_caption_leaves_the_story():
    picture = Picture(20, 140, 110, 240)
    page = layout(
        HEADER,
        set_line("红枣丰收", 25, 100, 20),
        set_line("晾晒红枣。 张晓斌 摄", 20, 243, 8),
        column([("本报讯　千年村的红枣", True), ("迎来丰收。（张晓斌）", False)], 20, 262),
        column([("另一栏的文字另一栏的", False)] * 20, 140, 60, indent_first=False),
        pictures=[picture],
    )
    stories, photos = read_layout(page)
    assert [(photo.caption, photo.photographer) for photo in photos] == [("晾晒红枣。", "张晓斌")]
    x, y, _width, height = photos[0].zone
    assert (x, y) == (round(20 / 600, 4), round(140 / 800, 4)) and y + height > 250 / 800
    story = next(story for story in stories if story.headline == "红枣丰收")
    assert story.paragraphs == ["千年村的红枣迎来丰收。"]


def test_brief_items_with_bold_lead_ins_are_stories_of_their_own():
    chars = set_line("简讯", 40, 100, 20)
    chars += set_line("坪头乡农技培训", 38, 130, bold=True) + set_line("　1月3日，", 101, 130)
    chars += set_line("专家讲授技术。（张晓斌）", 20, 143)
    chars += set_line("图书馆新增图书", 38, 156, bold=True) + set_line("　新购图书", 101, 156)
    chars += set_line("三千册。（王艳）", 20, 169)
    stories, _photos = read_layout(layout(HEADER, chars))
    assert [(story.headline, story.paragraphs, story.authors[0]["name"]) for story in stories] == [
        ("坪头乡农技培训", ["1月3日，专家讲授技术。"], "张晓斌"),
        ("图书馆新增图书", ["新购图书三千册。"], "王艳"),
    ]


def test_characters_drawn_twice_are_read_once_as_bold():
    twice = set_line("文艺汇演", 20, 100, 20) + [
        Char(char.text, char.x0 + 0.35, char.top, char.x1 + 0.35, char.bottom, char.size)
        for char in set_line("文艺汇演", 20, 100, 20)
    ]
    once = read_once(twice)
    assert "".join(char.text for char in once) == "文艺汇演"
    assert all(char.bold for char in once)


def test_the_page_header_gives_the_page_number_and_name_and_is_no_story():
    body = column(
        [("本报讯　区委昨日召开", True), ("会议，研究部署明年的", False), ("经济工作。（王燕华）", False)],
        20,
        130,
    )
    page = layout(HEADER, set_line("区委召开会议", 40, 100, 20), body)
    assert page_header(page) == (2, "综合")
    stories, _photos = read_layout(page)
    assert [story.headline for story in stories] == ["区委召开会议"]


def test_a_jump_line_is_not_part_of_the_story():
    page = layout(
        HEADER,
        set_line("妇联工作成效显著", 20, 100, 20),
        column(
            [("本报讯　去年以来，妇", True), ("联推进妇女工作，把", False), ("（下转第2版）", True)], 20, 130
        ),
    )
    stories, _photos = read_layout(page)
    assert stories[0].paragraphs == ["去年以来，妇联推进妇女工作，把"]
    assert stories[0].authors == []


def test_an_empty_page_has_no_blocks():
    assert read_layout(layout()) == ([], [])
