"""The layout reading: a PDF page's characters, with their boxes and sizes, → story and photo blocks.

Pure geometry on plain records (the PDF is read elsewhere): characters become lines, lines are told
apart by size and place (furniture, captions, display lines, body), display lines stack into headline
blocks (kicker, headline, subtitle, □ byline), and each body line belongs to the nearest headline block
above it that covers its column. Reading order comes from the page: blocks top to bottom, then left to
right; a story's lines column by column. Coordinates are points from the top left.
"""

import collections
import re
import statistics
from dataclasses import dataclass, field

from .bylines import feature_byline, photo_credit
from .lines import is_furniture
from .stories import PhotoBlock, StoryBlock, news_parts

HEADER_BAND = 0.15  # the page header (paper's name, 版次, date, 责任编辑) sits in the top of the page
DISPLAY = 1.15  # a line set this much larger than the body is a headline, kicker or subtitle
INDENT = 1.2  # a first line starts at least this many body characters in from its column
_LEAD_IN_SPACE = re.compile(r"^[\s\u3000]+")


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False


@dataclass(frozen=True)
class Picture:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageLayout:
    width: float
    height: float
    chars: list
    pictures: list = field(default_factory=list)


class Stacked:
    """A box made of others (`parts`): from their highest top to their lowest bottom."""

    @property
    def top(self):
        return min(part.top for part in self.parts)

    @property
    def bottom(self):
        return max(part.bottom for part in self.parts)


@dataclass
class Line(Stacked):
    chars: list

    @property
    def parts(self):
        return self.chars

    @property
    def x0(self):
        return self.chars[0].x0

    @property
    def x1(self):
        return max(char.x1 for char in self.chars)

    @property
    def size(self):
        return statistics.median(char.size for char in self.chars)

    @property
    def text(self):
        """The characters as set, spaces included: one that ends or opens a line may part two words."""
        return "".join(char.text for char in self.chars)

    @property
    def center(self):
        return (self.x0 + self.x1) / 2

    def bold_lead(self):
        """The bold run that opens the line (a 简讯 item's lead-in), or ''."""
        run = ""
        for char in self.chars:
            if not char.bold:
                break
            run += char.text
        return run.strip() if len(run.strip()) >= 2 else ""


def read_once(chars):
    """Fake bold draws a character twice, a fraction of a point apart: keep one, marked bold."""
    kept, near = [], collections.defaultdict(list)
    for char in chars:
        key = (char.text, round(char.top / 2))
        twin = next(
            (
                index
                for index in near[key]
                if abs(kept[index].x0 - char.x0) < 0.3 * char.size and abs(kept[index].top - char.top) < 1
            ),
            None,
        )
        if twin is not None:
            first = kept[twin]
            kept[twin] = Char(
                first.text, first.x0, first.top, max(first.x1, char.x1), first.bottom, first.size, bold=True
            )
            continue
        near[key].append(len(kept))
        kept.append(char)
    return kept


def build_lines(chars, gutters, widest_gap=1.0):
    """Characters → lines: same size, same baseline, no gap wider than `widest_gap` characters, and none
    that crosses a column gutter. Without the gutters yet, a character's width keeps columns apart."""
    lines, open_rows = [], collections.defaultdict(list)
    for char in sorted(chars, key=lambda char: (char.x0, char.top)):
        middle = (char.top + char.bottom) / 2
        bucket = round(middle / 4)
        row = None
        for key in (bucket - 1, bucket, bucket + 1):
            for candidate in open_rows[key]:
                last = candidate.chars[-1]
                gap = char.x0 - last.x1
                if (
                    abs((last.top + last.bottom) / 2 - middle) < 0.2 * char.size
                    and abs(last.size - char.size) < 0.15 * char.size
                    and -0.5 * char.size < gap < widest_gap * char.size
                    and not (gap > 0.25 * char.size and _crosses(last.x1, char.x0, gutters))
                ):
                    row = candidate
                    break
            if row:
                break
        if row is None:
            row = Line([])
            lines.append(row)
            open_rows[bucket].append(row)
        row.chars.append(char)
    return [line for line in lines if line.text.strip()]


def _crosses(left, right, gutters):
    return any(left < (start + end) / 2 < right for start, end in gutters)


def find_gutters(lines, width, body_size):
    """The column gutters: bands of the page that body lines (nearly) never cover."""
    cells = [0] * (int(width) + 1)
    body = [line for line in lines if abs(line.size - body_size) < 0.5]
    for line in body:
        for x in range(max(0, int(line.x0)), min(len(cells), int(line.x1) + 1)):
            cells[x] += 1
    lowest = max(cells) * 0.03 if body else 0
    gutters, start = [], None
    for x, count in enumerate(cells):
        if count <= lowest and start is None:
            start = x
        elif count > lowest and start is not None:
            gutters.append((start, x))
            start = None
    covered = [line.x0 for line in body]
    if not covered:
        return []
    left, right = min(covered), max(line.x1 for line in body)
    return [(start, end) for start, end in gutters if start > left and end < right and end - start >= 2]


def columns_of(gutters, lines, body_size):
    """The columns between the gutters, the outer ones bounded by where body lines start and end."""
    body = [line for line in lines if abs(line.size - body_size) < 0.5] or lines
    left, right = min(line.x0 for line in body), max(line.x1 for line in body)
    edges = [left] + [x for gutter in gutters for x in gutter] + [right]
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]


def column_index(x, columns):
    for index, (_start, end) in enumerate(columns):
        if x < end:
            return index
    return len(columns) - 1


@dataclass
class HeadBlock(Stacked):
    lines: list
    first_column: int = 0
    last_column: int = 0
    body: list = field(default_factory=list)
    spans: list = field(default_factory=list)  # the runs of columns it could be set over, widest first

    @property
    def parts(self):
        return self.lines

    @property
    def is_byline(self):
        """A □ byline set apart from its headline, not a headline of its own."""
        return all(feature_byline(line.text) for line in self.lines)


def stack_display_lines(display, columns, body_size):
    """Display lines stacked closely, each over the columns the block above could be set over →
    one headline block each (kicker, headline lines, subtitle, □ byline)."""
    blocks = []
    for line in sorted(display, key=lambda line: line.top):
        block = next((block for block in blocks if _joins(block, line, columns, body_size)), None)
        if block is None:
            blocks.append(HeadBlock([line], spans=centred_spans(line, columns, body_size)))
        else:
            block.lines.append(line)
    return blocks


def _joins(block, line, columns, body_size):
    """Whether a display line continues the headline block above it."""
    last = block.lines[-1]
    if not -1 <= line.top - last.bottom < 0.9 * max(line.size, last.size):
        return False
    if min(last.x1, line.x1) > max(last.x0, line.x0):
        return True
    # A subtitle or □ byline set to one side, under a headline centred over its columns.
    first, last_column = centred_spans(line, columns, body_size)[-1]
    widest = block.spans[0]
    smaller = line.size < 0.85 * max(other.size for other in block.lines)
    return smaller and first <= widest[1] and widest[0] <= last_column


def centred_spans(line, columns, body_size):
    """The runs of columns a display line could be set over, widest first: those it is centred on
    (headlines are), else the fewest that hold it."""
    first = column_index(line.x0 + body_size / 2, columns)
    last = column_index(line.x1 - body_size / 2, columns)
    spans = [
        (start, end)
        for start in range(first + 1)
        for end in range(last, len(columns))
        if abs((columns[start][0] + columns[end][1]) / 2 - line.center) < body_size
    ]
    return sorted(spans, key=lambda span: span[0] - span[1]) or [(first, last)]


def settle_spans(heads, lines, pictures, columns, body_size):
    """Each headline block's columns: those its lines are set over, widened column by column to either
    side while the body (or a picture) starts right under it there, the column clear above, and no
    other headline stands level with it."""
    items = [*lines, *pictures]

    def claims(head, column):
        return 0 <= column < len(columns) and (
            _starts_under(head, columns[column], items, body_size)
            and not _level_with_another(head, columns[column], heads, body_size)
        )

    for head in heads:
        first, last = head.spans[-1]
        while claims(head, first - 1):
            first -= 1
        while claims(head, last + 1):
            last += 1
        head.first_column, head.last_column = first, last


def attach_bylines(heads, columns):
    """A □ byline set apart, under a headline over its column (set to one side of a wide headline), is
    that headline's."""
    kept = []
    for head in sorted(heads, key=lambda head: head.top):
        column = column_index(head.lines[0].x0, columns)
        above = [
            other
            for other in kept
            if other.first_column <= column <= other.last_column
            and 0 <= head.top - other.bottom < 1.5 * max(line.size for line in other.lines)
        ]
        if head.is_byline and above:
            above[-1].lines += head.lines
        else:
            kept.append(head)
    return kept


def _starts_under(head, column, items, body_size):
    """Whether something starts in the column right under the block, the column clear above it."""
    left, right = column
    inside = [item for item in items if min(right, item.x1) > max(left, item.x0)]
    below = [item.top for item in inside if head.bottom - 1 <= item.top <= head.bottom + 4 * body_size]
    if not below:
        return False
    start = min(below)
    return not any(item.top < start and item.bottom > head.top for item in inside)


def _level_with_another(head, column, heads, body_size):
    left, right = column
    return any(
        other is not head
        and not other.is_byline
        and other.top < head.bottom + 4 * body_size
        and other.bottom > head.top
        and any(min(right, line.x1) > max(left, line.x0) for line in other.lines)
        for other in heads
    )


def headline_parts(block):
    """(kicker, headline, subtitle, authors): the largest lines are the headline, smaller ones above it
    the kicker and below it the subtitle; a □ line is the byline."""
    authors = []
    lines = []
    for line in block.lines:
        found = feature_byline(line.text)
        if found:
            authors = found
        else:
            lines.append(line)
    if not lines:
        return "", "", "", authors
    largest = max(line.size for line in lines)
    heads = [index for index, line in enumerate(lines) if line.size > largest * 0.85]
    first, last = heads[0], heads[-1]

    def join(part):
        return "".join(line.text.strip() for line in part)

    return join(lines[:first]), join(lines[first : last + 1]), join(lines[last + 1 :]), authors


def as_zone(x0, top, x1, bottom, width, height):
    """A box in points from the top left → a zone as the importers give it: [x, y, w, h] as shares of
    the page's width and height, to 4 decimals."""
    return [
        round(x0 / width, 4),
        round(top / height, 4),
        round((x1 - x0) / width, 4),
        round((bottom - top) / height, 4),
    ]


def zone(boxes, layout):
    """The zone of the box that holds all the boxes."""
    return as_zone(
        min(box.x0 for box in boxes),
        min(box.top for box in boxes),
        max(box.x1 for box in boxes),
        max(box.bottom for box in boxes),
        layout.width,
        layout.height,
    )


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
