"""Headlines sit apart from their bodies on the extracted page: group the headline lines into kickers,
headlines and subtitles, and match each to the body it belongs to."""

import collections
import itertools
import re
from dataclasses import dataclass, field

import networkx

from .bylines import feature_byline
from .lines import display_width, is_letter_spaced, unjustify


def match_headlines(headlines, bodies, words):
    """Pair headlines with bodies so that, over the whole page, they share the most words.

    words(text) gives a text's set of words. A pair scores the share of the headline's words found in the
    body. The pairing is an assignment over all pairs (a maximum-weight matching that pairs as many as it
    can), not a greedy pick, so one strong pair cannot steal another's body; a headline sharing no word
    with any body still takes a body left over, with score 0 for the editor to check. Returns, for each
    headline, (body index, score), or (None, 0.0) when there are more headlines than bodies.
    """
    graph = networkx.Graph()
    body_words = [words(body) for body in bodies]
    for h, headline in enumerate(headlines):
        wanted = words(headline)
        for b, found in enumerate(body_words):
            score = len(wanted & found) / len(wanted) if wanted else 0.0
            graph.add_edge(("headline", h), ("body", b), weight=score)
    pairs = [(None, 0.0)] * len(headlines)
    for one, other in networkx.max_weight_matching(graph, maxcardinality=True):
        headline, body = (one, other) if one[0] == "headline" else (other, one)
        pairs[headline[1]] = (body[1], graph[one][other]["weight"])
    return pairs


# An extracted page's lines are a column wide, a paragraph at most; parsing a far longer line costs time
# that grows faster than its length (8,000 characters took 17 s), so such a file is refused.


@dataclass
class Headline:
    headline: str
    subtitle: str = ""
    authors: list = field(default_factory=list)
    body: int | None = None  # index into the page's bodies
    score: float = 0.0
    kicker: str = ""


_GAP = re.compile(r" {2,}|\u3000+")  # two headlines side by side: a wider gap than justified setting leaves
_PHRASES = re.compile(
    r"^\S{2,}(?: \S{2,})+$"
)  # 坚持党建引领 推动乡村振兴: phrases set apart, not letter-spaced


def _segments(run):
    """A run's title lines cut at subtitles and □ bylines: [(lines, subtitle, authors)]; the subtitle and
    authors belong to the segment's last headline. Lines keep their spacing; a wide gap splits a line."""
    segments, lines = [], []
    for line in run:
        if line.startswith("——") or feature_byline(line):
            if lines:
                segments.append((lines, "", []))
                lines = []
            if not segments:
                continue  # a subtitle with no headline above it; the caller warns
            previous, subtitle, authors = segments[-1]
            # A second subtitle or byline for one headline is not its own: keep the first.
            if line.startswith("——"):
                subtitle = subtitle or unjustify(line)
            else:
                authors = authors or feature_byline(line)
            segments[-1] = (previous, subtitle, authors)
        else:
            lines.extend(piece for piece in _GAP.split(line) if piece)
    if lines:
        segments.append((lines, "", []))
    return segments


def kicker_and_headline(lines):
    """Split a headline's lines into (kicker, headline).

    A wrapped headline fills its first line, so a first line at most 60% as wide as the next, or one made
    of phrases set apart by spaces above a line that is not, is a kicker (引题) standing above it.
    """
    if len(lines) > 1:
        first, second = lines[0], lines[1]
        if display_width(unjustify(first)) * 5 <= display_width(unjustify(second)) * 3:
            return unjustify(first), "".join(unjustify(line) for line in lines[1:])
        if _PHRASES.match(first) and not _PHRASES.match(second) and not is_letter_spaced(first):
            return " ".join(first.split()), "".join(unjustify(line) for line in lines[1:])
    return "", "".join(unjustify(line) for line in lines)


def _run_together(line, owners, bodies, words, shortest=4):
    """Split a line holding two headlines run together (城北街道开展健步走活动离石一中举行签约仪式).

    owners maps each word found in exactly one body to that body. A cut qualifies where each side has at
    least half its words owned by one body, and the two sides by different bodies; words every story
    shares (离石, 工作) own nothing, so a wrapped headline's pieces never qualify. Among qualifying cuts
    between words, the one whose sides repeat the most of their bodies' character pairs wins (专题学习会 |
    交口街道, not 专题学习 | 会交口街道). Returns the pieces.
    """
    text = unjustify(line)
    if len(text) < 2 * shortest:
        return [line]

    def claim(piece):
        wanted = words(piece)
        tally = collections.Counter(owners[word] for word in wanted if word in owners)
        if not tally:
            return None
        body, count = tally.most_common(1)[0]
        return body if count * 2 >= len(wanted) else None

    def pairs_found(piece, body):
        return sum(piece[index : index + 2] in bodies[body] for index in range(len(piece) - 1))

    # Cut between words only: not inside any word the line's own segmentation finds.
    inside = set()
    for word in words(text):
        for found in re.finditer(re.escape(word), text.lower()):
            inside.update(range(found.start() + 1, found.end()))
    best, cut = -1, None
    for position in sorted(set(range(shortest, len(text) - shortest + 1)) - inside):
        left, right = text[:position], text[position:]
        one, other = claim(left), claim(right)
        if one is None or other is None or one == other:
            continue
        found = pairs_found(left, one) + pairs_found(right, other)
        if found > best:
            best, cut = found, position
    return [line] if cut is None else [text[:cut], text[cut:]]


def _compositions(lines, parts):
    """Every way to cut a list of lines into `parts` contiguous, non-empty groups of lines, first cuts
    first. Chosen cut positions, not recursion: a page of a thousand stories would nest a thousand deep."""
    for cuts in itertools.combinations(range(1, len(lines)), parts - 1):
        bounds = (0, *cuts, len(lines))
        yield [lines[start:end] for start, end in itertools.pairwise(bounds)]


def group_headlines(runs, bodies, words, limit=20000):
    """Decide which headline lines wrap into one headline, and which body each headline belongs to.

    The runs' title lines are grouped into as many headlines as there are bodies (never across a
    subtitle or a byline), choosing among all groupings the one whose best assignment to the bodies
    (match_headlines) shares the most words. A line holding two headlines is split first, and a kicker
    line is told from a wrapped headline's first line. Returns Headline objects in the runs' order.
    """
    memo = {}

    def cached_words(text):
        if text not in memo:
            memo[text] = words(text)
        return memo[text]

    bodies_having = collections.defaultdict(set)
    for index, body in enumerate(bodies):
        for word in cached_words(body):
            bodies_having[word].add(index)
    owners = {word: min(having) for word, having in bodies_having.items() if len(having) == 1}
    segments = [
        (
            [piece for line in lines for piece in _run_together(line, owners, bodies, cached_words)],
            subtitle,
            authors,
        )
        for run in runs
        for lines, subtitle, authors in _segments(run)
    ]
    wanted = min(len(bodies), sum(len(lines) for lines, _subtitle, _authors in segments))
    if not segments or not wanted:
        return []

    def splits(index, remaining):
        """Group counts for segments[index:] adding up to `remaining`, each at least one."""
        if index == len(segments):
            if remaining == 0:
                yield []
            return
        left = len(segments) - index - 1
        for count in range(1, min(len(segments[index][0]), remaining - left) + 1):
            for rest in splits(index + 1, remaining - count):
                yield [count, *rest]

    groupings = (
        grouping
        for counts in splits(0, wanted)
        for grouping in itertools.product(
            *(_compositions(lines, count) for (lines, _s, _a), count in zip(segments, counts, strict=True))
        )
    )
    best = None
    for grouping in itertools.islice(groupings, limit):
        texts = ["".join(unjustify(line) for line in group) for groups in grouping for group in groups]
        pairs = match_headlines(texts, bodies, cached_words)
        total = sum(score for _body, score in pairs)
        if best is None or total > best[0]:
            best = (total, grouping, pairs)
    if best is None:
        return []
    _total, grouping, pairs = best
    headlines = []
    for (_lines, subtitle, authors), groups in zip(segments, grouping, strict=True):
        for position, group in enumerate(groups):
            last = position == len(groups) - 1
            kicker, text = kicker_and_headline(group)
            headlines.append(Headline(text, subtitle if last else "", authors if last else [], kicker=kicker))
    for headline, (body, score) in zip(headlines, pairs, strict=True):
        headline.body, headline.score = body, score
    return headlines
