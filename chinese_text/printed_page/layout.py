"""A page's lines → its parts: the bodies of its stories (each with its lead and byline), the runs of
headline lines around them, and its photo credits.

The extractor sets each block of text it finds apart with a blank line (a column's stretch of a body, a
headline block, a caption), in an order of its own: a story's pieces can come out before its start, and
its headline far from it. So the page is read in three steps: its blocks are cut into pieces of body
text (chunks) and headline lines; the chunks are chained into bodies (chaining.py); the headlines are
matched to the bodies (headlines.py).
"""

import itertools
import re
from dataclasses import dataclass, field

from .bylines import feature_byline, follows_headline, news_byline, photo_credit
from .chaining import Chunk, chain
from .lines import JUMP, LEAD, SENTENCE_ENDS, display_width, is_furniture, jumps_away, undouble, unjustify

_HEADLINE_LIKE = re.compile(r"^[^，。；！？、：,;!?]{2,40}$")
# 简讯's bold lead-in, set off by an ideographic space: 区气象局发布寒潮预警　区气象局发布…
_LEAD_IN = re.compile(r"^([^，。；！？、：,;!?\s]{4,20})\u3000+(\S.*)?$")
_TAIL_LONGEST = 25  # characters in a byline's end without its start: 文/图 张晓斌 高裕鹏 李小龙）
_BYLINE_TAIL = re.compile(rf"^[^（(）)，。；！？、：]{{1,{_TAIL_LONGEST - 1}}}[）)]$")
_BLOCKS_EVERY_LINE = 0.7  # an extractor that sets nearly every line apart marks no blocks


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
    stray: list = field(default_factory=list)  # texts too slight to be a story, for the editor to place


def blocks(lines):
    """The page's blocks of lines, cleaned (undoubled, without page furniture or bold's twin lines), and
    whether the extractor marked them: a page whose every line stands apart, or none does, is one block."""
    found, current = [], []
    for line in lines:
        if line.strip():
            current.append(_stripped(line))
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    count = sum(len(block) for block in found)
    marked = 1 < len(found) < _BLOCKS_EVERY_LINE * count
    if not marked:
        found = [[line for block in found for line in block]]
    cleaned = [_cleaned(block) for block in found]
    first = found[0][0] if found else ""
    following = [*found[0][1:], *itertools.chain(*found[1:3])] if found else []
    if cleaned and cleaned[0] and cleaned[0][0] == undouble(first) and _is_masthead(first, following):
        cleaned[0] = cleaned[0][1:]
    return [block for block in cleaned if block], marked


def _stripped(line):
    """The line without the spaces around it, but for an ideographic space that parts a 简讯 lead-in from
    its text across the line's end (凤山街道清理卫生死角　 | …, or … | 　近日，…)."""
    stripped = line.strip()
    before = "\u3000" if line.lstrip(" \t").startswith("\u3000") else ""
    after = "\u3000" if line.rstrip(" \t\r\n").endswith("\u3000") else ""
    return before + stripped + after


def _cleaned(block):
    found = []
    for line in block:
        line = undouble(line)
        if not line or (is_furniture(line) and not jumps_away(line)):
            continue
        if found and _is_twin(line, found[-1]):
            continue  # bold drawn twice, its second copy set on a line of its own
        if line.startswith("\u3000"):
            if found and _LEAD_IN.match(found[-1] + line):
                found[-1] += line  # the lead-in filled its line; its text starts the next
                continue
            line = line.lstrip("\u3000")
        if found and _byline_broken(found[-1], line):
            found[-1] += line
            continue
        found.append(line)
    return found


def _byline_broken(before, line, longest=10):
    """A closing byline broken over two lines: …疏散。（韩雪梅 | 李志强）."""
    opened = max(before.rfind("（"), before.rfind("("))
    unclosed = opened >= 0 and opened > max(before.rfind("）"), before.rfind(")"))
    return unclosed and len(line) <= longest and bool(news_byline(before + line)[1])


def _is_twin(line, before):
    text, previous = unjustify(line), unjustify(before)
    return text == previous or (len(text) >= 4 and previous.startswith(text + "\u3000"))


def _is_masthead(line, following):
    """The paper's name atop the page: a short line without punctuation right above the page's furniture."""
    return bool(_HEADLINE_LIKE.match(line)) and len(line) <= 12 and any(map(is_furniture, following))


def split_page(lines, words=lambda text: set()):
    """Cut a page's lines into story bodies, runs of headline lines, and photo captions.

    Within a block: a news body opens at 本报讯 (whatever stands before it on the line is a headline) and
    closes at its bracketed byline; a line that reads like running text (it has a comma or a sentence end)
    opens a piece of body, and other lines, —— subtitles and □ bylines are headline lines. A piece without
    本报讯 closes at a line without punctuation after a sentence end when the line after it confirms a
    headline (another such line, a subtitle, a byline, a caption or the end). A block ends every piece.
    The pieces are then chained into bodies (words(text) → its set of words, as evidence); a chain with
    no 本报讯, no byline and no sentence of body length is no story, only a stray text for the editor.
    """
    parts, chunks, run = PageParts(), [], []
    byline_before = False  # a feature's subtitle or □ byline stands before the next piece in the text

    opened_at = {}  # id of each run of headline lines → how many pieces came before it
    set_apart = set()  # lines the extractor gave as blocks of their own
    awaiting = []  # bylines set apart that found no headline whose subtitle awaits one: (lines, fallback)

    def pieces_before_last_run():
        runs = parts.headline_runs
        return opened_at[id(runs[-1])] if runs else 0

    def close_run():
        if not run:
            return
        runs = parts.headline_runs
        if runs and run[0].startswith("——"):
            runs[-1].extend(run)  # a subtitle set apart: the headline before it
        elif runs and feature_byline(run[0]):
            # A byline set apart: the headline whose subtitle awaits one, else the headline right above
            # it, else the next headline with a subtitle (the extractor may give a byline first).
            owner = _awaiting_byline(runs) or (runs[-1] if pieces_before_last_run() == len(chunks) else None)
            if owner is None:
                awaiting.append((run.copy(), runs[-1]))
            else:
                owner.extend(run)
        else:
            if awaiting and run[-1].startswith("——"):
                run.extend(awaiting.pop(0)[0])  # the byline came out before its headline
            runs.append(run.copy())
            opened_at[id(runs[-1])] = len(chunks)
        run.clear()

    found_blocks, marked = blocks(lines)
    tails = []  # a byline's end that the column broke off to the top of the next: 志刚）
    for block in found_blocks:
        close_run()
        if len(block) == 1:
            set_apart.add(block[0])
        caption = _caption(block)
        if caption:
            parts.photos.append(caption)
            continue
        text, authors = news_byline(block[0])
        if _BYLINE_TAIL.match(block[0]):
            tails.append(block[0])
            block = block[1:]
        elif len(block) == 2 and _BYLINE_TAIL.match("".join(block)):
            tails.append("".join(block))  # 文/图 张晓斌 高裕鹏 李小龙 | ）
            block = []
        elif authors and not text and chunks and not chunks[-1].authors:
            # A byline set apart on a line of its own closes the text just before it (…全部上岗。 | （韦红）).
            chunks[-1].authors = authors
            block = block[1:]
        chunk, opens_story = None, False
        for index, line in enumerate(block):
            if JUMP.fullmatch(line):  # a jump back (上接) is furniture, dropped already
                # A jump alone: the story goes on on another page, so nothing on this one follows the piece
                # it ends, the one right before it (no headline came out in between). A jump ending a line
                # of text ends that line's piece the same way (Chunk.closes).
                ended = chunk
                if ended is None and pieces_before_last_run() < len(chunks):
                    ended = chunks[-1]
                if ended is not None and not ended.closes:
                    ended.lines.append(line)
                chunk = None
                continue
            credit = photo_credit(line)
            if credit:
                parts.photos.append(credit)
                continue
            if LEAD in line:
                before, _lead, after = line.partition(LEAD)
                if before.strip():
                    run.append(before.strip())
                close_run()
                text, authors = news_byline(after.strip())
                chunk = Chunk([text], lead=LEAD, starts=True, authors=authors)
                chunks.append(chunk)
                byline_before = False
                if authors:
                    chunk = None  # a story of one line
                continue
            if feature_byline(line):
                chunk = None
                run.append(line)
                opens_story = byline_before = True  # the body after it opens a feature
                continue
            if chunk is not None:
                text, authors = news_byline(line)
                if authors:
                    if text:
                        chunk.lines.append(text)
                    chunk.authors, chunk = authors, None
                    continue
                if chunk.lead or not _ends_body(block, index, chunk):
                    chunk.lines.append(line)
                    continue
                chunk = None
            lead_in = _LEAD_IN.match(line)
            if lead_in and not news_byline(line)[1]:
                close_run()
                run.append(lead_in.group(1))
                close_run()
                chunk = Chunk([lead_in.group(2)] if lead_in.group(2) else [], starts=True)
                chunks.append(chunk)
                byline_before = False
                continue
            title_like = _HEADLINE_LIKE.match(unjustify(line)) or line.startswith("——")
            if title_like and not _runs_into(block, index):
                run.append(line)
                opens_story = opens_story or line.startswith("——")
                byline_before = byline_before or line.startswith("——")
                continue
            close_run()
            text, authors = news_byline(line)
            chunk = Chunk(
                [text] if text else [],
                authors=authors,
                starts=opens_story,
                opens_feature=opens_story,
                after_byline=byline_before,
            )
            chunks.append(chunk)
            opens_story = byline_before = False
            if authors:
                chunk = None
    close_run()
    for byline, fallback in awaiting:  # no headline came to claim it: the one before it in the text
        fallback.extend(byline)
    parts.stray += _mend_bylines(chunks, tails)
    _take_back_lines_set_apart(parts.headline_runs, opened_at, set_apart, chunks)
    announced = sum(
        any(map(follows_headline, headline_run)) and not follows_headline(headline_run[0])
        for headline_run in parts.headline_runs
    )
    openings = max(0, announced - sum(chunk.opens_feature for chunk in chunks))
    for found in chain(chunks, words, marked, openings):
        if _is_story(found):
            lines = [JUMP.sub("", line) for piece in found for line in piece.lines]
            parts.bodies.append(Body([line for line in lines if line], found[0].lead, found[-1].authors))
        else:
            parts.stray.append("".join(line for piece in found for line in piece.lines))
    return parts


def _awaiting_byline(runs):
    """The latest run of headline lines that ends with a subtitle, awaiting its byline; None if none."""
    return next((found for found in reversed(runs) if found[-1].startswith("——")), None)


def _mend_bylines(chunks, tails):
    """Give each piece that stops inside its byline (…参加。（闫) the broken-off end that completes it;
    returns the ends that complete none."""
    for chunk in chunks:
        if chunk.authors or not chunk.lines:
            continue
        for tail in tails:
            if _byline_broken(chunk.lines[-1], tail, longest=_TAIL_LONGEST):
                text, chunk.authors = news_byline(chunk.lines[-1] + tail)
                chunk.lines[-1:] = [text] if text else []
                tails.remove(tail)
                break
    return tails


def _take_back_lines_set_apart(runs, opened_at, set_apart, chunks):
    """A column's line of body that the extractor set apart reads as a headline of one line (区委主要负责人
    在讲话中指出 | ，项目是经济发展的…). Each piece that opens inside a sentence follows one that stops inside
    one; where more open so than stop so, a line is missing from the pieces: a line standing alone, without
    phrases set apart, as wide as such a piece's column (or short of it by a paragraph's indent) is that
    line, a piece of its own where it stood, for chaining to place."""
    continuing = [chunk for chunk in chunks if chunk.continues and chunk.width is not None]
    stopping = [
        chunk
        for chunk in chunks
        if chunk.lines and not chunk.closes and not unjustify(chunk.lines[-1]).endswith(SENTENCE_ENDS)
    ]
    wanted = len(continuing) - len(stopping)
    alone = [run for run in runs if len(run) == 1 and run[0] in set_apart and " " not in run[0]]
    alone.sort(key=lambda run: opened_at[id(run)])
    for run in reversed(alone):  # last first, so that each insertion leaves the earlier places as they were
        width = display_width(unjustify(run[0]))
        matched = next((piece for piece in continuing if piece.width - 5 <= width <= piece.width + 1), None)
        if matched is None or wanted <= 0:
            continue
        wanted -= 1
        continuing.remove(matched)
        runs.remove(run)
        chunks.insert(opened_at[id(run)], Chunk([run[0]]))


def _caption(block):
    """A block that is one photo's caption, wrapped over up to three lines: (caption, photographer)."""
    if 1 < len(block) <= 3:
        return photo_credit("".join(unjustify(line) for line in block))
    return None


def _runs_into(block, index):
    """Whether a line without punctuation is a column's first line of body: the block's next line is
    running text as wide as it, or wider by a paragraph's indent."""
    if index + 1 >= len(block):
        return False
    # The next line may carry a byline mended onto it (…不断。（詹 | 晓云）): it is no part of the width.
    line, following = unjustify(block[index]), unjustify(news_byline(block[index + 1])[0])
    narrower = display_width(following) - display_width(line)
    return LEAD not in following and not _HEADLINE_LIKE.match(following) and -3 <= narrower <= 7


def _ends_body(block, index, chunk):
    """Whether the line at `index` is a headline closing the piece of body before it."""
    line = block[index]

    def headline_like(text):
        return bool(_HEADLINE_LIKE.match(unjustify(text)))

    def confirms_headline(following):
        if following >= len(block):
            return True
        text = block[following]
        return (
            headline_like(text)
            or text.startswith("——")
            or bool(feature_byline(text))
            or LEAD in text
            or photo_credit(text) is not None
        )

    after_sentence = bool(chunk.lines) and unjustify(chunk.lines[-1]).endswith(SENTENCE_ENDS)
    return after_sentence and headline_like(line) and confirms_headline(index + 1)


def _is_story(pieces):
    """A story has 本报讯 or a lead-in, a byline, or at least a sentence of body length."""
    text = "".join(unjustify(line) for piece in pieces for line in piece.lines)
    return (
        any(piece.starts for piece in pieces)
        or bool(pieces[-1].authors)
        or (len(text) >= 30 and any(mark in text for mark in "。！？"))
    )
