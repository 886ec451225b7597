"""The layout reading: a PDF page's characters, with their boxes and sizes, → story and photo blocks.

Pure geometry on plain records (the PDF is read elsewhere): characters become lines, lines are told
apart by size and place (furniture, captions, display lines, body), display lines stack into headline
blocks (kicker, headline, subtitle, □ byline), and each body line belongs to the nearest headline block
above it that covers its column. Reading order comes from the page: blocks top to bottom, then left to
right; a story's lines column by column. Coordinates are points from the top left.
"""

import collections
import re

from .bylines import feature_byline, photo_credit
from .geometry import Char, Line, build_lines, column_index, columns_of, find_gutters, read_once, zone
from .head_blocks import HeadBlock, attach_bylines, headline_parts, settle_spans, stack_display_lines
from .lines import is_furniture
from .stories import PhotoBlock, StoryBlock, news_parts

HEADER_BAND = 0.15  # the page header (paper's name, 版次, date, 责任编辑) sits in the top of the page
DISPLAY = 1.15  # a line set this much larger than the body is a headline, kicker or subtitle
INDENT = 1.2  # a first line starts at least this many body characters in from its column
_LEAD_IN_SPACE = re.compile(r"^[\s\u3000]+")


def read_layout(layout):
    """The page's story blocks in reading order and its photo blocks."""
    chars = read_once(layout.chars)
    if not chars:
        return [], []
    body_size = collections.Counter(round(char.size * 2) / 2 for char in chars).most_common(1)[0][0]
    rough = build_lines(chars, [])
    header = header_bottom(rough, layout)
    rough = [line for line in rough if not furniture(line, header)]
    gutters = find_gutters(rough, layout.width, body_size)
    columns = columns_of(gutters, rough, body_size)
    content = [line for line in build_lines(chars, gutters, 1.5) if not furniture(line, header)]
    photos, captions = find_photos(layout, content, body_size)
    content = [line for line in content if id(line) not in captions]
    display = [line for line in content if line.size >= DISPLAY * body_size or feature_byline(line.text)]
    shown = {id(line) for line in display}
    heads = stack_display_lines(display, columns, body_size)
    body = [line for line in content if id(line) not in shown]
    settle_spans(heads, body, layout.pictures, columns, body_size)
    heads = attach_bylines(heads, columns)
    orphans = []
    for line in sorted(body, key=lambda line: line.top):
        column = column_index(line.center, columns)
        above = [
            head
            for head in heads
            if head.first_column <= column <= head.last_column and head.bottom <= line.top + 1
        ]
        if above:
            max(above, key=lambda head: head.bottom).body.append((column, line))
        else:
            orphans.append((column, line))
    heads.sort(key=lambda head: (round(head.top / (2 * body_size)), min(line.x0 for line in head.lines)))
    stories = []
    for head in heads:
        stories += story_blocks(head, body_size, layout)
    if orphans:
        stories += story_blocks(HeadBlock([], body=orphans), body_size, layout)
    return stories, photos


_PAGE_HEADER = re.compile(r"第\s*([0-9]{1,2})\s*版\s*([\u4e00-\u9fff]{2,6})?")


def page_header(layout):
    """(版次, 版名) as the page header prints them (第2版 综合), or (None, '') without one."""
    band = [char for char in layout.chars if char.top < HEADER_BAND * layout.height]
    for line in build_lines(band, []):
        match = _PAGE_HEADER.search(line.text)
        if match:
            return int(match.group(1)), match.group(2) or ""
    return None, ""


def header_bottom(lines, layout):
    """Where the page header ends: below its last furniture line (第2版, the dateline, 责任编辑) near
    the top of the page; any line starting above that (the paper's name) is header too. 0 for a page
    without one."""
    return max(
        (line.bottom for line in lines if line.top < HEADER_BAND * layout.height and is_furniture(line.text)),
        default=0,
    )


def furniture(line, header):
    return line.top < header or is_furniture(line.text)


def find_photos(layout, lines, body_size):
    """Each picture with the caption set under it (up to its 摄 credit): photo blocks, and the ids of the
    caption lines."""
    photos, taken = [], set()
    for picture in sorted(layout.pictures, key=lambda picture: (picture.top, picture.x0)):
        caption, bottom = [], picture.bottom
        below = sorted(
            (
                line
                for line in lines
                if id(line) not in taken
                and line.size <= body_size
                and line.x0 >= picture.x0 - 2
                and line.x1 <= picture.x1 + body_size
                and line.top >= bottom
            ),
            key=lambda line: line.top,
        )
        for line in below:
            if line.top - bottom > 1.2 * body_size or len(caption) >= 4:
                break
            caption.append(line)
            bottom = line.bottom
            if line.text.rstrip().endswith("摄"):
                break
        credited = caption and caption[-1].text.rstrip().endswith("摄")
        if caption and not (credited or all(line.size < body_size for line in caption)):
            caption = []
        taken.update(id(line) for line in caption)
        text = "".join(line.text for line in caption).strip()
        credit = photo_credit(text)
        box = Line([Char("", picture.x0, picture.top, picture.x1, picture.bottom, body_size)])
        photos.append(
            PhotoBlock(
                caption=credit[0] if credit else text,
                photographer=credit[1] if credit else None,
                zone=zone([box, *caption], layout),
            )
        )
    return photos, taken


def story_blocks(head, body_size, layout):
    """A headline block and its body lines → one story block, or one a 简讯 item when the paragraphs
    open with bold lead-ins."""
    pieces = column_pieces(head.body, body_size)
    paragraphs = paragraphs_of(pieces, body_size)
    kicker = headline = subtitle = ""
    authors = []
    if head.lines:
        kicker, headline, subtitle, authors = headline_parts(head)
    items = [lines for lines in paragraphs if lines[0].bold_lead()]
    if len(items) >= 2 and len(items) == len(paragraphs):
        return [brief(lines, body_size, layout) for lines in items]
    lead, texts, closing = news_parts(["".join(line.text for line in lines) for lines in paragraphs])
    zones = ([zone(head.lines, layout)] if head.lines else []) + [zone(piece, layout) for piece in pieces]
    return [
        StoryBlock(
            paragraphs=texts,
            headline=headline,
            kicker=kicker,
            subtitle=subtitle,
            lead=lead,
            authors=closing or authors,
            confidence=1.0 if headline else 0.0,
            zones=zones,
        )
    ]


def brief(lines, body_size, layout):
    lead_in = lines[0].bold_lead()
    text = "".join(line.text for line in lines)
    rest = _LEAD_IN_SPACE.sub("", text[text.index(lead_in) + len(lead_in) :])
    lead, texts, authors = news_parts([rest])
    return StoryBlock(
        paragraphs=texts,
        headline=lead_in,
        lead=lead,
        authors=authors,
        zones=[zone(piece, layout) for piece in column_pieces([(0, line) for line in lines], body_size)],
    )


def column_pieces(body, body_size):
    """A story's lines, column by column, cut where a picture or another story interrupts a column."""
    pieces, last_column = [], None
    for column, line in sorted(body, key=lambda item: (item[0], item[1].top)):
        if not pieces or column != last_column or line.top - pieces[-1][-1].bottom > 1.5 * body_size:
            pieces.append([line])
        else:
            pieces[-1].append(line)
        last_column = column
    return pieces


def paragraphs_of(pieces, body_size):
    """Lines → paragraphs (lists of lines): a paragraph opens at an indented line."""
    paragraphs = []
    for piece in pieces:
        left = min(line.x0 for line in piece)
        for line in piece:
            if not paragraphs or line.x0 - left >= INDENT * body_size or line.bold_lead():
                paragraphs.append([line])
            else:
                paragraphs[-1].append(line)
    return paragraphs
