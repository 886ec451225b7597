"""A printed page → its stories and photos (the archive importers build on it).

Two readings find the page's story blocks: parse(bytes, issue date, words, tagger) reads the text
extracted from the page (parser.py), parse_layout(layout, issue date, tagger) the characters and boxes of
its PDF (reading.py). One assembler (stories.py) turns either's blocks into stories. The rules live one
concern a module, each tested alone: decoding, lines, bylines, layout (bodies, headline runs, photo
credits), headlines (grouping and matching), geometry (lines, columns, zones), head_blocks and stories.
"""

from .decoding import UnreadablePage
from .geometry import Char, PageLayout, Picture
from .parser import parse
from .reading import page_header, read_layout
from .stories import ParsedArticle, ParsedPage, ParsedPhoto, assemble


def parse_layout(layout, issue_date, tagger):
    """The one entry point for a PDF page's layout (geometry.PageLayout) → its ParsedPage."""
    blocks, photos = read_layout(layout)
    return assemble(blocks, photos, issue_date, tagger)


__all__ = [
    "Char",
    "PageLayout",
    "ParsedArticle",
    "ParsedPage",
    "ParsedPhoto",
    "Picture",
    "UnreadablePage",
    "page_header",
    "parse",
    "parse_layout",
]
