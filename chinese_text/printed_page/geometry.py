"""The page's geometry: characters with their boxes and sizes (from infrastructure/pdfs.py) → lines,
the column gutters between them, and zones (boxes as shares of the page). Coordinates are points from
the top left.
"""

import collections
import statistics
from dataclasses import dataclass, field


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
