"""The archive importer's text reading: the text extracted from one printed page → its story blocks,
assembled into stories and photos by stories.assemble.

Pure: the caller passes the issue date, a words function (for matching headlines) and a gazetteer tagger.
The rules themselves live in the package's other modules.
"""

from .decoding import decode_page
from .headlines import group_headlines
from .layout import split_page
from .lines import paragraphs
from .stories import PhotoBlock, StoryBlock, assemble


def parse_page(text, issue_date, words, tagger):
    """The page's stories in reading order, its photos, and warnings for the editor.

    words(text) → set of words, for matching headlines to bodies; tagger: a chinese_text.tagger
    GazetteerTagger. Warnings are (code, details): no_headline, weak_headline, no_byline, no_story, and
    stray for a text left out as too slight to be a story.
    """
    parts = split_page(text.splitlines(), words)
    bodies = [paragraphs(body.lines) for body in parts.bodies]
    headlines = group_headlines(parts.headline_runs, ["".join(body) for body in bodies], words)
    by_body = {headline.body: headline for headline in headlines if headline.body is not None}
    blocks = []
    for index, (body, found) in enumerate(zip(parts.bodies, bodies, strict=True)):
        headline = by_body.get(index)
        blocks.append(
            StoryBlock(
                paragraphs=found,
                headline=headline.headline if headline else "",
                kicker=headline.kicker if headline else "",
                subtitle=headline.subtitle if headline else "",
                lead=body.lead,
                authors=body.authors or (headline.authors if headline else []),
                confidence=headline.score if headline else 0.0,
                news=bool(body.authors),
            )
        )
    photos = [PhotoBlock(caption, photographer) for caption, photographer in parts.photos]
    page = assemble(blocks, photos, issue_date, tagger)
    page.warnings += [("stray", {"text": text[:30]}) for text in parts.stray]
    return page


def parse(data, issue_date, words, tagger):
    """The one entry point for text: the bytes of a page's extracted text → its ParsedPage (see
    parse_page). Raises UnreadablePage for bytes that are no page's text."""
    return parse_page(decode_page(data), issue_date, words, tagger)
