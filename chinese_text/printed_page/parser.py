"""The archive importer's parser: the text extracted from one printed page → its stories and photos.

Pure: the caller passes the issue date, a words function (for matching headlines) and a gazetteer tagger.
The rules themselves live in the package's other modules.
"""

from dataclasses import dataclass, field

from .decoding import decode_page
from .headlines import group_headlines
from .layout import split_page
from .lines import event_date, paragraphs

LOW_CONFIDENCE = 0.34  # a headline sharing under a third of its words with its body is flagged


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


@dataclass
class ParsedPhoto:
    caption: str
    photographer: str | None
    townships: list = field(default_factory=list)


@dataclass
class ParsedPage:
    articles: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # (code, details) for the caller to word


def parse_page(text, issue_date, words, tagger):
    """The page's stories in reading order, its photos, and warnings for the editor.

    words(text) → set of words, for matching headlines to bodies; tagger: a chinese_text.tagger
    GazetteerTagger. Warnings are (code, details): no_headline, weak_headline, no_byline, no_story.
    """
    parts = split_page(text.splitlines())
    page = ParsedPage()
    bodies = [paragraphs(body.lines) for body in parts.bodies]
    headlines = group_headlines(parts.headline_runs, ["".join(body) for body in bodies], words)
    by_body = {headline.body: headline for headline in headlines if headline.body is not None}
    for index, (body, found) in enumerate(zip(parts.bodies, bodies, strict=True)):
        headline = by_body.get(index)
        if headline is None:
            page.warnings.append(("no_headline", {"start": "".join(found)[:20]}))
        elif headline.score < LOW_CONFIDENCE:
            page.warnings.append(("weak_headline", {"headline": headline.headline, "score": headline.score}))
        if body.lead and not body.authors:
            page.warnings.append(("no_byline", {"start": "".join(found)[:20]}))
        text_of_story = "\n".join(found)
        tags = tagger.tag(f"{headline.headline if headline else ''}\n{text_of_story}")
        page.articles.append(
            ParsedArticle(
                kicker=headline.kicker if headline else "",
                headline=headline.headline if headline else "",
                subtitle=headline.subtitle if headline else "",
                body=found,
                source=body.lead,
                authors=body.authors or (headline.authors if headline else []),
                event_date=event_date(text_of_story[:80], issue_date) if body.lead else None,
                townships=tags.townships,
                departments=tags.departments,
                confidence=headline.score if headline else 0.0,
            )
        )
    for caption, photographer in parts.photos:
        page.photos.append(ParsedPhoto(caption, photographer, tagger.tag(caption).townships))
    if not page.articles:
        page.warnings.append(("no_story", {}))
    return page


def parse(data, issue_date, words, tagger):
    """The one entry point: the bytes of a page's extracted text → its ParsedPage (see parse_page).
    Raises UnreadablePage for bytes that are no page's text."""
    return parse_page(decode_page(data), issue_date, words, tagger)
