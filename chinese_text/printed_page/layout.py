"""A page's lines → its parts: the bodies of its stories (each with its lead and byline), the runs of
headline lines between them, and its photo credits."""

import re
from dataclasses import dataclass, field

from .bylines import feature_byline, news_byline, photo_credit
from .lines import SENTENCE_ENDS, is_furniture, undouble, unjustify

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
            after_sentence = unjustify(body.lines[-1]).endswith(SENTENCE_ENDS)
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
