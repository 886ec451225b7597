"""Headline blocks: display lines stacked into blocks (kicker, headline lines, subtitle, □ byline), the
columns each block is set over, bylines set apart joined to their headlines, and a block's parts.
"""

from dataclasses import dataclass, field

from .bylines import feature_byline
from .geometry import Stacked, column_index


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
