"""The one assembler: story blocks, from either reading of a page, → the parsed page's stories and photos.

The text reading (parser.py) and the layout reading (reading.py) both find, for each story, its kicker,
headline, subtitle, lead, authors and paragraphs; only the layout reading knows where each sits on the
page (zones). The story-level rules applied here are the same for both: the event date, the gazetteer
tags, and the warnings the editor is shown.
"""

from dataclasses import dataclass, field

from .bylines import news_byline
from .lines import JUMP, LEAD, event_date

LOW_CONFIDENCE = 0.34  # a headline sharing under a third of its words with its body is flagged


@dataclass
class StoryBlock:
    """One story as a reading of the page found it: the headline's parts, the lead (本报讯 or empty),
    the authors, the paragraphs, and where it sits (zones: [x, y, w, h] fractions; None for text)."""

    paragraphs: list
    headline: str = ""
    kicker: str = ""
    subtitle: str = ""
    lead: str = ""
    authors: list = field(default_factory=list)
    confidence: float = 1.0  # how sure the reading is of the headline; 1.0 where the layout says so
    zones: list | None = None
    news: bool = False  # a 简讯 item or a story closing with a bracketed byline: dated, as 本报讯 is


@dataclass
class PhotoBlock:
    caption: str
    photographer: str | None
    zone: list | None = None


@dataclass
class ParsedArticle:
    headline: str
    body: list  # paragraphs
    source: str = ""
    kicker: str = ""
    subtitle: str = ""
    authors: list = field(default_factory=list)
    event_date: object = None
    townships: list = field(default_factory=list)
    departments: list = field(default_factory=list)
    confidence: float = 0.0
    zones: list | None = None


@dataclass
class ParsedPhoto:
    caption: str
    photographer: str | None
    townships: list = field(default_factory=list)
    zone: list | None = None


@dataclass
class ParsedPage:
    articles: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # (code, details) for the caller to word


def news_parts(paragraphs):
    """A story's paragraphs as printed → (lead, paragraphs, authors): 本报讯 taken off the first, the
    closing （王艳） off the last, and jump lines (下转第2版) dropped."""
    found = [JUMP.sub("", paragraph).strip() for paragraph in paragraphs]
    found = [paragraph for paragraph in found if paragraph]
    lead = ""
    if found and found[0].startswith(LEAD):
        lead = LEAD
        found[0] = found[0][len(LEAD) :].lstrip(" \u3000")
        found = [paragraph for paragraph in found if paragraph]
    authors = []
    if found:
        last, authors = news_byline(found[-1])
        if authors:
            found[-1] = last
            found = [paragraph for paragraph in found if paragraph]
    return lead, found, authors


def assemble(blocks, photos, issue_date, tagger):
    """The parsed page from story and photo blocks in reading order. Warnings are (code, details):
    no_headline, weak_headline, no_byline, no_story."""
    page = ParsedPage()
    for block in blocks:
        start = "".join(block.paragraphs)[:20]
        if not block.headline:
            page.warnings.append(("no_headline", {"start": start}))
        elif block.confidence < LOW_CONFIDENCE:
            page.warnings.append(("weak_headline", {"headline": block.headline, "score": block.confidence}))
        if block.lead and not block.authors:
            page.warnings.append(("no_byline", {"start": start}))
        text_of_story = "\n".join(block.paragraphs)
        tags = tagger.tag(f"{block.headline}\n{text_of_story}")
        page.articles.append(
            ParsedArticle(
                kicker=block.kicker,
                headline=block.headline,
                subtitle=block.subtitle,
                body=block.paragraphs,
                source=block.lead,
                authors=block.authors,
                event_date=event_date(text_of_story[:80], issue_date) if block.lead or block.news else None,
                townships=tags.townships,
                departments=tags.departments,
                confidence=block.confidence if block.headline else 0.0,
                zones=block.zones,
            )
        )
    for photo in photos:
        page.photos.append(
            ParsedPhoto(photo.caption, photo.photographer, tagger.tag(photo.caption).townships, photo.zone)
        )
    if not page.articles:
        page.warnings.append(("no_story", {}))
    return page
