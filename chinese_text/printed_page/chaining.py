"""A story's body comes off the page in pieces (a column's stretch each), and the extractor gives the
pieces in an order of its own. Chain them back: every piece that does not end a story (with its byline)
is followed by at most one piece that does not open one (with 本报讯, a lead-in, or after a feature's
byline), chosen for the whole page at once as a maximum-weight matching on the evidence that one piece
runs on into the other."""

from dataclasses import dataclass, field

import networkx

from .lines import SENTENCE_ENDS, display_width, unjustify

_RUNS_ON = "，、。；：！？”’）》"  # a piece opening with these continues a sentence
_HANGING = "，、。；：！？”’）》"  # punctuation that may hang past the column's edge
_LEAST = 0.25  # weaker evidence than this links nothing


@dataclass(eq=False)
class Chunk:
    lines: list
    lead: str = ""
    authors: list = field(default_factory=list)
    starts: bool = False  # opens a story: 本报讯, a lead-in, or the first text after a feature's byline

    @property
    def text(self):
        return "".join(unjustify(line) for line in self.lines)

    @property
    def width(self):
        """The column's width in half-width cells, or None for a piece too short to tell."""
        if len(self.lines) < 2:
            return None
        return max(display_width(line.rstrip(_HANGING)) for line in self.lines)


def chain(chunks, words, marked=True):
    """The chunks grouped into bodies, each in reading order, the bodies in the order they open on the
    page. Where the extractor marked no blocks (`marked` false), the page's text came in reading order
    and every chunk is a body of its own."""
    if not marked:
        return [[chunk] for chunk in chunks]
    order = {chunk: index for index, chunk in enumerate(chunks)}
    vocabulary = {chunk: words(chunk.text) for chunk in chunks}
    graph = networkx.Graph()
    for one in chunks:
        if one.authors or not one.text:
            continue
        for other in chunks:
            if other is one or other.lead or other.starts or not other.text:
                continue
            shared = {word for word in vocabulary[one] & vocabulary[other] if len(word) > 1}
            weight = _runs_on(one, other, shared, words) + 0.3 * (order[other] == order[one] + 1)
            if weight >= _LEAST:
                graph.add_edge(("tail", one), ("head", other), weight=weight)
    following = {}
    for left, right in networkx.max_weight_matching(graph):
        tail, head = (left, right) if left[0] == "tail" else (right, left)
        following[tail[1]] = head[1]
    _break_circles(following, graph)
    followed = set(following.values())
    bodies = []
    for chunk in chunks:
        if chunk in followed:
            continue
        body = [chunk]
        while body[-1] in following:
            body.append(following[body[-1]])
        bodies.append(body)
    return bodies


def _runs_on(one, other, shared, words):
    """The evidence that `other` continues where `one` stops; `shared`, the words both hold."""
    last, first = unjustify(one.lines[-1]), unjustify(other.lines[0])
    if last.endswith(SENTENCE_ENDS):
        if first[:1] in _RUNS_ON:
            return 0.0
        weight = 0.3
    else:
        weight = 0.6 + 0.9 * (first[:1] in _RUNS_ON) + 0.9 * _word_across(last, first, words)
    if one.width is not None and other.width is not None:
        weight += 0.5 if abs(one.width - other.width) <= 3 else -1.0
    completes = one.lead and other.authors  # news that has yet to reach its byline, and a byline's piece
    return weight + 0.5 * min(1.0, len(shared) / 6) + 0.4 * bool(completes)


def _word_across(last, first, words):
    """Whether a word of two or more characters spans the break (嬉 | 戏觅食)."""
    joined, cut = last[-3:] + first[:3], len(last[-3:])
    for word in words(joined):
        for start in range(len(joined)):
            if joined.startswith(word, start) and start < cut < start + len(word):
                return True
    return False


def _break_circles(following, graph):
    """Pieces that only follow one another open no story: cut each circle at its weakest link."""
    seen = set()
    for start in list(following):
        path, chunk = [], start
        while chunk in following and chunk not in seen and chunk not in path:
            path.append(chunk)
            chunk = following[chunk]
        if chunk in path:
            circle = path[path.index(chunk) :]
            weakest = min(circle, key=lambda one: graph[("tail", one)][("head", following[one])]["weight"])
            del following[weakest]
        seen.update(path)
