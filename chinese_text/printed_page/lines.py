"""Rules for one line or a run of lines of extracted text: justified setting, bold doubling, paragraphs,
page furniture, the date an event took place."""

import datetime
import re

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


_LATIN_END, _LATIN_START = re.compile(r"[A-Za-z]$"), re.compile(r"[A-Za-z]")
_HANGING = "。，、；：？！”’）》"
_SUBHEADING = re.compile(r"^“[^”]{2,10}”：$")
SENTENCE_ENDS = ("。", "！", "？", "…", "。”", "！”", "？”", "…”")
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
        if not is_letter_spaced(line)
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
        sentence_end = text.endswith(SENTENCE_ENDS)
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


LEAD = "本报讯"  # the dateline that opens a news story
# A story's jump to or from another page: （下转第2版）, （上接第1版）.
JUMP = re.compile(r"[（(]\s*(?:下转|上接|转)第?\s*[0-9一二三四五六七八九十]+\s*版\s*[）)]")


def jumps_away(line):
    """Whether a line ends where its story jumps to another page: …街道还联（下转第4版）."""
    found = JUMP.search(line)
    return found is not None and found.end() == len(line.rstrip()) and "上接" not in found.group()


def is_furniture(line):
    """Whether a line is the page's own furniture (合办：…, 责任编辑：…, 第2版, the dateline, a jump line
    standing alone), not a story."""
    line = line.strip()
    return bool(_FURNITURE.search(line)) or bool(JUMP.fullmatch(line))


def is_letter_spaced(line):
    """Justified setting: a space after nearly every character (产 业 扶 贫)."""
    pieces = line.split()
    return len(pieces) > 2 and sum(len(piece) == 1 for piece in pieces) * 2 > len(pieces)
