"""A story's body comes off the page in pieces (a column's stretch each), and the extractor gives the
pieces in an order of its own. Chain them back: every piece that does not end a story (with its byline)
is followed by at most one piece that does not open one (with 本报讯, a lead-in, or after a feature's
byline), chosen for the whole page at once as a maximum-weight matching on the evidence that one piece
runs on into the other, then bettered move by move on what pairs cannot see (a story's pieces share
words)."""

import collections
import functools
import itertools
import math
from dataclasses import dataclass, field

from .lines import SENTENCE_ENDS, display_width, jumps_away, unjustify

# Closing punctuation: a piece opening with it continues a sentence, and it may hang past the column.
_CLOSING = "，、。；：！？”’）》"
_PAUSES = tuple("，、；：")  # marks inside a sentence
_LEAST = 0.25  # weaker evidence than this links nothing
_KINSHIP = 8.0  # how rare the words a piece shares with the rest of its story must be, summed, to count fully
_MOVES = 4000  # the moves weighed on one page at the most, so that a page of many pieces reads in time
_SURE = 2.0  # a link this strong (a sentence or a word broken across the pieces) is not undone to insert
_OPENING = 1.0  # what leaving a piece to open a feature is worth: as much as a paragraph's break


@dataclass(eq=False)
class Chunk:
    lines: list
    lead: str = ""
    authors: list = field(default_factory=list)
    starts: bool = False  # opens a story: 本报讯, a lead-in, or the first text after a feature's byline
    opens_feature: bool = False  # the first text after a feature's subtitle or byline, in its block
    after_byline: bool = False  # the first text after a feature's subtitle or byline, in another block

    @property
    def continues(self):
        """Whether it opens inside a sentence (，项目是…): something on the page comes before it."""
        return bool(self.lines) and self.lines[0][:1] in _CLOSING and not (self.lead or self.starts)

    @property
    def closes(self):
        """Whether it ends its story on this page: with the byline, or with a jump (（下转第4版）)."""
        return bool(self.authors) or (bool(self.lines) and jumps_away(self.lines[-1]))

    # Read once the piece is whole: chaining asks them again and again.
    @functools.cached_property
    def text(self):
        return "".join(unjustify(line) for line in self.lines)

    @functools.cached_property
    def width(self):
        """The column's width in half-width cells, or None for a piece too short to tell."""
        if len(self.lines) < 2:
            return None
        return max(display_width(line.rstrip(_CLOSING)) for line in self.lines)

    @functools.cached_property
    def opens_paragraph(self):
        """Whether its first line is indented: short of the column without ending a sentence."""
        first = unjustify(self.lines[0])
        return (
            self.width is not None
            and display_width(first) <= self.width - 3
            and not first.endswith(SENTENCE_ENDS)
        )


def chain(chunks, words, marked=True, openings=0):
    """The chunks grouped into bodies, each in reading order, the bodies in the order they open on the
    page. Where the extractor marked no blocks (`marked` false), the page's text came in reading order
    and every chunk is a body of its own.

    `openings` is how many features the page's headlines announce (a □ byline or a —— subtitle) whose
    opening no piece is known to be: as many pieces that open a paragraph are left to open a story,
    the ones whose losing a predecessor costs the least."""
    if not marked:
        return [[chunk] for chunk in chunks]
    order = {chunk: index for index, chunk in enumerate(chunks)}
    # Numbers (and the rare Latin word) are no kinship: 200余吨 and another story's 200余名 share by chance.
    vocabulary = {
        chunk: {word for word in words(chunk.text) if len(word) > 1 and not word.isascii()}
        for chunk in chunks
    }
    rarity = _rarity(vocabulary)
    weights = {}
    for one in chunks:
        if one.closes or not one.text:
            continue
        for other in chunks:
            if other is one or other.lead or other.starts or not other.text:
                continue
            kinship = math.fsum(rarity[word] for word in vocabulary[one] & vocabulary[other])  # any order
            weight = _runs_on(one, other, kinship, words)
            weight += 0.3 * (weight > 0 and order[other] == order[one] + 1)  # what cannot be stays so
            if weight >= _LEAST:
                weights[one, other] = weight
    import networkx  # here, not at the top: it costs a web worker 0.3 s to start, and only importers chain

    # Nodes are numbers (a piece's tail 2i, its head 2i + 1, an opening -1, -2, …), so that the matching
    # breaks its ties the same way on every run.
    graph = networkx.Graph()
    for (one, other), weight in weights.items():
        graph.add_edge(2 * order[one], 2 * order[other] + 1, weight=weight)
    for opening in range(openings):
        for other in chunks:
            if other.text and not (other.lead or other.starts) and _may_open(other):
                graph.add_edge(-1 - opening, 2 * order[other] + 1, weight=_opening_worth(other))
    following = {}
    for left, right in networkx.max_weight_matching(graph):
        head, tail = (left, right) if left >= 0 and left % 2 else (right, left)
        if tail >= 0:
            following[chunks[tail // 2]] = chunks[head // 2]
    _break_circles(following, weights)
    return _bodies(chunks, _improved(chunks, following, weights, vocabulary, rarity, openings))


def _opening_worth(piece):
    # The extractor reads a feature's headline block, then most often its first column: the first text
    # after the byline that opens a paragraph is its opening far more often than not.
    return _OPENING + 1.5 * piece.after_byline


def _may_open(piece):
    """Whether a piece may open a feature: its first line begins a paragraph, or it is too short to tell
    and begins no sentence's middle."""
    if piece.width is None:
        return piece.text[0] not in _CLOSING
    return piece.opens_paragraph


def _rarity(vocabulary):
    """How telling each word is of the pieces it stands in: the rarer on the page, the more."""
    spread = collections.Counter(word for found in vocabulary.values() for word in found)
    return {word: math.log(len(vocabulary) / count) for word, count in spread.items()}


def _bodies(chunks, following):
    """The chains the links make, from each piece nothing leads to; None when the links make a circle."""
    followed = set(following.values())
    bodies, seen = [], 0
    for chunk in chunks:
        if chunk in followed:
            continue
        body = [chunk]
        while body[-1] in following:
            body.append(following[body[-1]])
        bodies.append(body)
        seen += len(body)
    return bodies if seen == len(chunks) else None


def _improved(chunks, following, weights, vocabulary, rarity, openings, rounds=8):
    """The links, bettered a move at a time for the page as a whole: a pair of pieces may trade what
    follows them, a link may be cut or made. What the pairwise matching cannot see counts here: the
    pieces of one story share their words (weighed by how rare they are on the page), a piece opens a story
    only where it may (本报讯, a lead-in, a feature announced), and news runs to its byline."""

    kin = {}  # a body's pieces → how much they share; most bodies stay as they were from move to move

    def kinship(body):
        if body not in kin:
            counts = collections.Counter(word for piece in body for word in vocabulary[piece])
            kin[body] = math.fsum(
                0.5
                * min(
                    1.0, math.fsum(rarity[word] for word in vocabulary[piece] if counts[word] > 1) / _KINSHIP
                )
                for piece in body
            )
        return kin[body]

    def worth(links):
        bodies = _bodies(chunks, links)
        if bodies is None:
            return None
        found = math.fsum(weights[pair] for pair in links.items())
        free = openings
        for body in bodies:
            if not (body[0].lead or body[0].starts):
                if free and _may_open(body[0]):
                    free -= 1
                    found += _opening_worth(body[0])  # as the matching counts it
                else:
                    found -= _OPENING
            if body[0].lead and not body[-1].closes:
                found -= 0.5
            found += kinship(tuple(body))
        return found - _OPENING * free  # a feature announced and not found

    def moves(links):
        ends = [chunk for chunk in chunks if chunk not in links and not chunk.closes]
        last_of = {
            body[0]: body[-1] for body in _bodies(chunks, links)
        }  # each chain's first piece → its last
        starts = list(last_of)
        pairs = [(one, following) for one, following in links.items() if weights[one, following] < _SURE]
        for index, (one, next_one) in enumerate(pairs):
            yield {key: value for key, value in links.items() if key is not one}
            for other, next_other in pairs[index + 1 :]:
                if (one, next_other) in weights and (other, next_one) in weights:
                    yield {**links, one: next_other, other: next_one}
            for start in starts:
                if (one, start) in weights:
                    yield {**links, one: start}
                    if (last_of[start], next_one) in weights:
                        yield {
                            **links,
                            one: start,
                            last_of[start]: next_one,
                        }  # the whole chain set in between
        for end in ends:
            for start in starts:
                if (end, start) in weights:
                    yield {**links, end: start}
        yield from _insertions(links, chunks, weights)

    best, budget = worth(following), _MOVES
    for _round in range(rounds):
        tried = list(itertools.islice(moves(following), budget))
        budget -= len(tried)
        found = max(
            ((worth(links), links) for links in tried),
            key=lambda pair: -math.inf if pair[0] is None else pair[0],
            default=(None, None),
        )
        if found[0] is None or found[0] <= best + 1e-9:
            break
        best, following = found
    return following


def _insertions(links, chunks, weights):
    """Every way to take one piece out of its place (its neighbours closing up behind it) and set it
    between two others, or after a story's last piece."""
    before = {following: piece for piece, following in links.items()}
    for piece in chunks:
        if piece.lead or piece.starts or weights.get((before.get(piece), piece), 0) >= _SURE:
            continue  # a piece that surely runs on from the one before it stays
        rest = {key: value for key, value in links.items() if piece not in (key, value)}
        previous, following = before.get(piece), links.get(piece)
        if previous is not None and following is not None:
            if (previous, following) not in weights:
                continue
            rest[previous] = following
        for one in chunks:
            if one is piece or one.closes or (one, piece) not in weights:
                continue
            after = rest.get(one)
            if after is not None and weights.get((one, after), 0) >= _SURE:
                continue
            if after is None:
                yield {**rest, one: piece}
            elif (piece, after) in weights:
                yield {**rest, one: piece, piece: after}


def _runs_on(one, other, kinship, words):
    """The evidence that `other` continues where `one` stops; `kinship`, the rarity of the words both
    hold, summed."""
    last, first = unjustify(one.lines[-1]), unjustify(other.lines[0])
    if last.endswith(SENTENCE_ENDS):
        if first[:1] in _CLOSING:
            return 0.0
        weight = 0.3 + 0.2 * other.opens_paragraph
    elif other.opens_paragraph:
        return 0.0  # a sentence broken off does not go on in an indented line
    elif last.endswith(_PAUSES) and first[:1] in (*_PAUSES, "。", "！", "？"):
        return 0.0  # two punctuation marks never meet across a break: 增加了， | ，实施
    else:
        weight = 0.6 + 0.9 * (first[:1] in _CLOSING) + 1.8 * _word_across(last, first, words)
    if one.width is not None and other.width is not None:
        # A piece is never wider than its column; a short one may stop short of it.
        narrow, wide = sorted((one, other), key=lambda piece: piece.width)
        if wide.width - narrow.width <= 3:
            weight += 0.5
        elif len(narrow.lines) >= 3:
            weight -= 1.0
    completes = one.lead and other.closes  # news that has yet to reach its byline, and a byline's piece
    # Shared words say that two pieces belong to one story, not which follows which: a little here, the
    # rest where a story is weighed whole (_improved).
    return weight + 0.3 * min(1.0, kinship / _KINSHIP) + 0.4 * bool(completes)


def _word_across(last, first, words):
    """Whether a word of two or more characters spans the break (嬉 | 戏觅食)."""
    joined, cut = last[-3:] + first[:3], len(last[-3:])
    for word in words(joined):
        for start in range(len(joined)):
            if joined.startswith(word, start) and start < cut < start + len(word):
                return True
    return False


def _break_circles(following, weights):
    """Pieces that only follow one another open no story: cut each circle at its weakest link."""
    seen = set()
    for start in list(following):
        path, chunk = [], start
        while chunk in following and chunk not in seen and chunk not in path:
            path.append(chunk)
            chunk = following[chunk]
        if chunk in path:
            circle = path[path.index(chunk) :]
            weakest = min(circle, key=lambda one: weights[one, following[one]])
            del following[weakest]
        seen.update(path)
