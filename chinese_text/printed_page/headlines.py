"""Headlines sit apart from their bodies on the extracted page: group the headline lines into kickers,
headlines and subtitles, and match each to the body it belongs to."""

import collections
import itertools
import math
import re
from dataclasses import dataclass, field

from .bylines import feature_byline, follows_headline
from .lines import display_width, is_letter_spaced, unjustify


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
        if follows_headline(line):
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

    A wrapped headline's first line is broken at a phrase, often after its subject (枣林乡 | 开展植树造林
    活动), so only a first line at most a third as wide as the widest line after it (吴城镇 | 集中学习
    《论党的宣传思想工作》), or one whose phrases a space sets apart above a line whose are not, or the other
    way round (办好人民满意的教育 | 新学期 新校园 新气象), is a kicker (引题) standing above it.
    """
    if len(lines) > 1:
        first, second = lines[0], lines[1]
        widest = max(display_width(unjustify(line)) for line in lines[1:])
        if display_width(unjustify(first)) * 3 <= widest:
            return unjustify(first), "".join(map(_as_printed, lines[1:]))
        if _phrased(first) != _phrased(second) and not (is_letter_spaced(first) or is_letter_spaced(second)):
            # One line set in phrases apart, the other not: two elements, the kicker above the headline.
            return _as_printed(first), "".join(map(_as_printed, lines[1:]))
    return "", "".join(map(_as_printed, lines))


def _phrased(line):
    return bool(_PHRASES.match(line))


def _as_printed(line):
    """A headline line as printed: phrases a space sets apart keep one space (为民办实事 温暖进万家); letter
    spacing and the spaces of justified setting go."""
    if _phrased(line) and not is_letter_spaced(line):
        return " ".join(line.split())
    return unjustify(line)


def _run_together(line, owners, bodies, words, shortest=4):
    """Split a line holding two headlines run together (城北街道开展健步走活动离石一中举行签约仪式).

    owners maps each word found in exactly one body to that body. A cut qualifies where each side has at
    least half its words owned by one body, and the two sides by different bodies; words every story
    shares (离石, 工作) own nothing, so a wrapped headline's pieces never qualify. Among qualifying cuts
    between words, the one whose sides repeat the most of their bodies' character pairs wins (专题学习会 |
    交口街道, not 专题学习 | 会交口街道). Returns the pieces.
    """
    text = unjustify(line)
    # Phrases a single space sets apart are one kicker or headline (传承非遗技艺 讲好离石故事).
    if len(text) < 2 * shortest or _phrased(line):
        return [line]

    def claim(piece):
        wanted = words(piece)
        tally = collections.Counter(owners[word] for word in wanted if word in owners)
        if not tally:
            return None
        count, body = max((count, -body) for body, count in tally.items())  # ties: the first body
        body = -body
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


def _compositions(lines, longest=3):
    """Every way to cut a list of lines into contiguous groups of at most `longest` lines, the fewest
    groups first. A run of more than eight lines (a page of headlines first) is a headline a line."""
    if len(lines) > 8:
        return [[[line] for line in lines]]
    found = []
    for cuts in range(len(lines)):
        for chosen in itertools.combinations(range(1, len(lines)), cuts):
            bounds = (0, *chosen, len(lines))
            groups = [lines[start:end] for start, end in itertools.pairwise(bounds)]
            if all(len(group) <= longest for group in groups):
                found.append(groups)
    return found


_QUOTED = re.compile(r"[“《「]([^”》」]{2,20})[”》」]")
_NUMBER = re.compile(r"\d+")


def _misshapen(group):
    """A wrapped headline's second line is no wider than its first, unless the first is a kicker. A third
    line is set by hand as a line of its own, as wide as it reads (光伏板上发电 | 板下种菜养羊 | 荒山变成
    “聚宝盆”)."""
    if len(group) < 2 or kicker_and_headline(group)[0]:
        return 0
    first = display_width(unjustify(group[0]))
    return display_width(unjustify(group[1])) > first + 2


_UNUSED = 0.3  # what a headline line assigned to no body costs, a character: more than it costs unexplained


def evidence(headline, body, body_words, words):
    """How much of the headline the body explains: the characters of its words, quoted phrases and
    numbers found in the body, less a quarter of those it does not explain."""
    found = words(headline)
    explained = sum(len(word) for word in found if word in body_words)
    explained += sum(len(phrase) for phrase in _QUOTED.findall(headline) if phrase in body)
    explained += sum(len(number) for number in _NUMBER.findall(headline) if number in body)
    # Characters, not words: the segmentation's words overlap (聚宝盆, 聚宝, 宝盆), and a line no body
    # explains would cost a headline more than the same line left over costs (_UNUSED).
    unexplained = _covered(headline, (word for word in found if word not in body_words))
    unexplained -= _covered(headline, (word for word in found if word in body_words)) & unexplained
    return explained - 0.25 * len(unexplained)


def _covered(text, found):
    """The positions in the text that the words cover."""
    positions = set()
    for word in found:
        for match in re.finditer(re.escape(word), text):
            positions.update(range(match.start(), match.end()))
    return positions


def group_headlines(runs, bodies, words, limit=4):
    """Decide which headline lines wrap into one headline, and which body each headline belongs to.

    Lines anywhere on the page are candidates; a run's title lines (never across a subtitle or a byline)
    are grouped so that the headlines, assigned to the bodies by a maximum-weight matching on their
    evidence, explain the most. Grouping and assignment are decided together, one run's grouping at a
    time against the others' (`limit` rounds). A line holding two headlines is split first, and a kicker
    line is told from a wrapped headline's first line. A body no headline explains takes a headline
    left over, in page order, for the editor to check. Returns Headline objects in the runs' order;
    those assigned to no body have body None.
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
    if not segments or not bodies:
        return []
    body_words = [cached_words(body) for body in bodies]
    weights = {}

    def weight(text, body):
        if (text, body) not in weights:
            weights[text, body] = evidence(text, bodies[body], body_words[body], cached_words)
        return weights[text, body]

    options = [_compositions(lines) for lines, _subtitle, _authors in segments]

    def texts(choice):
        """Each headline's text as evidence: a segment's last headline with the subtitle under it."""
        found = []
        for segment, option in enumerate(choice):
            groups = options[segment][option]
            for position, group in enumerate(groups):
                text = "".join(unjustify(line) for line in group)
                found.append(text + segments[segment][1] if position == len(groups) - 1 else text)
        return found

    def assign(choice):
        import networkx  # here, not at the top: it costs a web worker 0.3 s to start; importers match

        # Headline h is node 2h, body b node 2b + 1: numbers, so that ties break alike on every run.
        graph, found = networkx.Graph(), texts(choice)
        for h, text in enumerate(found):
            for b in range(len(bodies)):
                strength = weight(text, b)
                if strength > 0:
                    graph.add_edge(2 * h, 2 * b + 1, weight=strength)
        pairs = {}
        for one, other in networkx.max_weight_matching(graph):
            headline, body = sorted((one, other), key=lambda node: node % 2)
            pairs[headline // 2] = body // 2
        unused = sum(len(text) for h, text in enumerate(found) if h not in pairs)
        total = math.fsum(graph[2 * h][2 * b + 1]["weight"] for h, b in pairs.items())
        misshapen = sum(
            _misshapen(group) for segment, option in enumerate(choice) for group in options[segment][option]
        )
        return total - _UNUSED * unused - misshapen, pairs

    choice = [0] * len(segments)
    best, pairs = assign(choice)
    for _round in range(limit):
        improved = False
        for segment in range(len(segments)):
            for option in range(len(options[segment])):
                trial = [*choice[:segment], option, *choice[segment + 1 :]]
                total, found = assign(trial)
                if total > best + 1e-9:
                    best, pairs, choice, improved = total, found, trial, True
        if not improved:
            break
    headlines = []
    for segment, (_lines, subtitle, authors) in enumerate(segments):
        groups = options[segment][choice[segment]]
        for position, group in enumerate(groups):
            last = position == len(groups) - 1
            kicker, text = kicker_and_headline(group)
            headlines.append(Headline(text, subtitle if last else "", authors if last else [], kicker=kicker))
    taken = set(pairs.values())
    leftover_bodies = [body for body in range(len(bodies)) if body not in taken]
    leftover_headlines = [index for index in range(len(headlines)) if index not in pairs]
    for index, body in zip(leftover_headlines, leftover_bodies, strict=False):
        pairs[index] = body
    for index, headline in enumerate(headlines):
        if index in pairs:
            headline.body = pairs[index]
            wanted = cached_words(headline.kicker + headline.headline)
            shared = wanted & body_words[headline.body]
            headline.score = len(shared) / len(wanted) if wanted else 0.0
    return headlines
