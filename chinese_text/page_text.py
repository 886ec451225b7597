"""Rules for text extracted from a printed page's PDF (the archive importer builds on them).

Each function takes and returns plain strings, so each rule is tested alone.
"""

import codecs
import collections
import datetime
import itertools
import re
from dataclasses import dataclass, field

import networkx

from .characters import without_unwanted

CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{CJK}]) +| +(?=[{CJK}])")
_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def unjustify(line):
    """Drop the spaces that justified setting leaves around CJK characters: 产 业 扶 贫 → 产业扶贫,
    共计 150 余人 → 共计150余人. Spaces between Latin letters or digits stay: 5 kW, Hello World."""
    return _SPACE_NEXT_TO_CJK.sub("", line)


def undouble(line, shortest=3):
    """Undo bold text extracted twice, run by run: 土豆土豆。。 刘和平刘和平 摄摄 → 土豆。 刘和平 摄.

    Only a line made entirely of doubled runs (single spaces between them allowed) is undone, and only
    when one run has at least `shortest` characters, so that 谢谢 or 纷纷 in ordinary text survive.
    """
    length = len(line)
    # best[i]: the fewest runs that double up line[:i], with the undoubled text; None if impossible.
    best = [None] * (length + 1)
    best[0] = (0, "", 0)
    for start in range(length):
        if best[start] is None:
            continue
        runs, text, longest = best[start]
        candidates = []
        if line[start] == " ":
            candidates.append((start + 1, (runs, text + " ", longest)))
        for size in range(1, (length - start) // 2 + 1):
            run = line[start : start + size]
            if " " not in run and line[start + size : start + 2 * size] == run:
                candidates.append((start + 2 * size, (runs + 1, text + run, max(longest, size))))
        for end, found in candidates:
            if best[end] is None or found[0] < best[end][0]:
                best[end] = found
    if best[length] is None or best[length][2] < shortest:
        return line
    return best[length][1]


def event_date(text, issue_date):
    """The first date the text names (1月29日, 2020 年 12 月 31 日), as a date; None if there is none.

    Without a year it is the issue's, or the year before when that would put the event more than a month
    after the issue (a December event reported in January).
    """
    for match in _DATE.finditer(text):
        year, month, day = match.groups()
        month, day = int(month), int(day)
        try:
            if year:
                return datetime.date(int(year), month, day)
            found = datetime.date(issue_date.year, month, day)
            if found > issue_date + datetime.timedelta(days=31):
                found = datetime.date(issue_date.year - 1, month, day)
            return found
        except ValueError:
            continue
    return None


WRITER, PHOTOGRAPHER = "writer", "photographer"
# The commonest Chinese surnames (over 90% of people); a byline name starts with one, which keeps a
# closing parenthesis such as （试行） from passing for a byline.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝"
)
_NAME = rf"[{SURNAMES}][\u3400-\u9fff]{{1,3}}"  # a person's name: a surname and one to three ideographs
_NAMES = rf"{_NAME}(?:[ 、]+{_NAME})*"
_NEWS_BYLINE = re.compile(rf"[（(]\s*(?:(文图|文/图|图/文|文|图)\s*[/／:：]?\s*)?({_NAMES})\s*[）)]\s*$")
_FEATURE_BYLINE = re.compile(rf"^\s*[□■]\s*({_NAMES})\s*$")
_PHOTO_CREDIT = re.compile(rf"^(.*?)\s*({_NAME})\s*摄\s*$")
_ROLES = {None: [WRITER], "文": [WRITER], "图": [PHOTOGRAPHER]}


def _authors(names, roles):
    return [{"name": name, "roles": list(roles)} for name in re.split(r"[ 、]+", names.strip())]


def news_byline(line):
    """Split a news story's closing byline off its last line: 'text。（文/图 张晓斌 高裕鹏）' →
    ('text。', [{'name': '张晓斌', 'roles': ['writer', 'photographer']}, …]); (line, []) without one."""
    match = _NEWS_BYLINE.search(line)
    if not match:
        return line, []
    label, names = match.groups()
    roles = _ROLES.get(label, [WRITER, PHOTOGRAPHER])
    return line[: match.start()].rstrip(), _authors(names, roles)


def feature_byline(line):
    """The authors of a feature's byline line '□ 王燕华', or [] if the line is not one."""
    match = _FEATURE_BYLINE.match(line)
    return _authors(match.group(1), [WRITER]) if match else []


def photo_credit(line):
    """(caption, photographer) for a caption line ending in 'NAME 摄', or None."""
    match = _PHOTO_CREDIT.match(line)
    if not match or not match.group(1):
        return None
    return match.group(1).strip(), match.group(2)


_LATIN_END, _LATIN_START = re.compile(r"[A-Za-z]$"), re.compile(r"[A-Za-z]")
_HANGING = "。，、；：？！”’）》"
_SUBHEADING = re.compile(r"^“[^”]{2,10}”：$")
_SENTENCE_ENDS = ("。", "！", "？", "…", "。”", "！”", "？”", "…”")
_INDENT = 3  # half-width cells a first line falls short by, at least (two characters, less digits)
_SHORT = 6  # half-width cells a closing line falls short by, at least


def display_width(text):
    """Width in half-width cells: a CJK or full-width character takes two, anything else one."""
    return sum(2 if "\u2e80" <= character <= "\uffef" else 1 for character in text)


def paragraphs(lines):
    """Join a story's extracted lines into paragraphs, unjustified.

    Widths are measured as extracted, because a justified line's spaces stand for real width; the column
    is the width nearly all lines fill, closing punctuation hanging past it aside. A paragraph ends
    - at a line clearly shorter than the column (extraction sometimes drops its 。), unless it is also
      the paragraph's first line without a sentence end: first lines are indented, and a quotation mark
      can push a character to the next line;
    - after a sentence end when the next line is indented;
    - before a line beginning with ——.
    Lines are joined without a space, except between two Latin words.
    An in-text subheading (“筑基织网”：) takes the short lines after it into one paragraph.
    """
    raw = [line.strip() for line in lines if line.strip()]
    widths = [display_width(line) for line in raw]
    if not raw:
        return []
    # Letter-spaced lines are stretched to about the column and punctuation may hang past its edge, so the
    # column is measured on the other lines, without the hanging punctuation.
    measured = [
        width - display_width(line[-1]) * (line[-1] in _HANGING)
        for line, width in zip(raw, widths, strict=True)
        if not _is_letter_spaced(line)
    ] or widths
    column = sorted(measured)[int(len(measured) * 0.9)]
    found, current, in_subheading = [], "", False
    for index, (line, width) in enumerate(zip(raw, widths, strict=True)):
        text = unjustify(line)
        short = width <= column - _SHORT
        if _SUBHEADING.match(text):
            if current:
                found.append(current)
            current, in_subheading = text, True
            continue
        if in_subheading:
            # A subheading's lines stop short of where an indented first line does.
            if width < column - _SHORT:
                current += text
                continue
            found.append(current)
            current, in_subheading = "", False
        if text.startswith("——") and current:
            found.append(current)
            current = ""
        first = not current
        # Print never breaks a Latin word across lines, so two words meeting at a break had a space.
        current += " " + text if _LATIN_END.search(current) and _LATIN_START.match(text) else text
        sentence_end = text.endswith(_SENTENCE_ENDS)
        next_indented = index + 1 < len(raw) and widths[index + 1] <= column - _INDENT
        if (short and (sentence_end or not first)) or (sentence_end and next_indented):
            found.append(current)
            current = ""
    if current:
        found.append(current)
    return found


_FURNITURE = re.compile(
    r"^(合办|主办|协办|责任编辑|责编|美编|校对|组版|版式)[：:]"
    r"|^第\s*[0-9一二三四五六七八九十]+\s*版"
    r"|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(星期|周)[一二三四五六日天]"
)


def is_furniture(line):
    """Whether a line is the page's own furniture (合办：…, 责任编辑：…, 第2版, the dateline), not a story."""
    return bool(_FURNITURE.search(line.strip()))


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
MAX_LINE = 2000


class UnreadablePage(ValueError):
    """The bytes are not a page's text. `code` says why (empty, binary, encoding, not_chinese, long_line),
    for the caller to word the message in the reader's language."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def decode_page(data):
    """The text of an extracted page from its bytes: UTF-16 with its BOM (Windows Notepad's "Unicode"),
    UTF-8 with or without BOM, else GB18030 (which GBK is part of)."""
    if not data.strip():
        raise UnreadablePage("empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadablePage("encoding") from None
    elif b"\x00" in data:
        raise UnreadablePage("binary")
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UnreadablePage("encoding")
    if not text.strip():
        raise UnreadablePage("empty")
    visible = [character for character in text if not character.isspace()]
    if sum("\u3400" <= character <= "\u9fff" for character in visible) < len(visible) / 3:
        raise UnreadablePage("not_chinese")
    if any(len(line) > MAX_LINE for line in text.splitlines()):
        raise UnreadablePage("long_line")
    # A form feed separates extracted pages; other control and invisible characters are dropped.
    return without_unwanted(text.replace("\x0c", "\n"))


LEAD = "本报讯"
_HEADLINE_LIKE = re.compile(r"^[^，。；！？、：,;!?]{2,40}$")


@dataclass
class Body:
    lines: list
    lead: str = ""  # 本报讯 for news; empty for a feature
    authors: list = field(default_factory=list)


@dataclass
class PageParts:
    bodies: list = field(default_factory=list)
    headline_runs: list = field(default_factory=list)  # runs of lines: headlines, subtitles, □ bylines
    photos: list = field(default_factory=list)  # (caption, photographer)


def split_page(lines):
    """Cut a page's lines into story bodies, runs of headline lines, and photo captions.

    A news body opens at 本报讯 (whatever stands before it on the line is a headline) and closes at its
    bracketed byline. Outside a body, a line that reads like running text (it has a comma or a sentence
    end) opens a feature body; other lines, —— subtitles and □ bylines make up runs of headline lines. A
    feature body closes at the next 本报讯, or at a line without punctuation after a sentence end when the
    line after it confirms a headline (another such line, a subtitle, a byline, a caption or the end).
    """
    cleaned = [undouble(line.strip()) for line in lines]
    cleaned = [line for line in cleaned if line and not is_furniture(line)]
    parts, body, run = PageParts(), None, []

    def headline_like(line):
        return bool(_HEADLINE_LIKE.match(unjustify(line)))

    def confirms_headline(index):
        if index >= len(cleaned):
            return True
        line = cleaned[index]
        return (
            headline_like(line)
            or line.startswith("——")
            or bool(feature_byline(line))
            or LEAD in line
            or photo_credit(line) is not None
        )

    def close_run():
        nonlocal run
        if run:
            parts.headline_runs.append(run)
            run = []

    for index, line in enumerate(cleaned):
        credit = photo_credit(line)
        if credit:
            parts.photos.append(credit)
            continue
        if LEAD in line:
            before, _lead, after = line.partition(LEAD)
            if before.strip():
                run.append(before.strip())
            close_run()
            body = Body([after.strip()], lead=LEAD)
            parts.bodies.append(body)
            continue
        if feature_byline(line):
            body = None
            run.append(line)
            continue
        if body is not None:
            text, authors = news_byline(line)
            if authors:
                if text:
                    body.lines.append(text)
                body.authors, body = authors, None
                continue
            after_sentence = unjustify(body.lines[-1]).endswith(_SENTENCE_ENDS)
            if body.lead or not (after_sentence and headline_like(line) and confirms_headline(index + 1)):
                body.lines.append(line)
                continue
            body = None
        if headline_like(line) or line.startswith("——"):
            run.append(line)
            continue
        close_run()
        body = Body([line])
        parts.bodies.append(body)
    close_run()
    return parts


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
        if _PHRASES.match(first) and not _PHRASES.match(second) and not _is_letter_spaced(first):
            return " ".join(first.split()), "".join(unjustify(line) for line in lines[1:])
    return "", "".join(unjustify(line) for line in lines)


def _is_letter_spaced(line):
    """Justified setting: a space after nearly every character (产 业 扶 贫)."""
    pieces = line.split()
    return len(pieces) > 2 and sum(len(piece) == 1 for piece in pieces) * 2 > len(pieces)


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
