"""Text extracted from a printed page's PDF → its stories and photos (the archive importer builds on it).

parse(bytes, issue date, words, tagger) is the entry point (parser.py). The rules it applies live one
concern a module, each taking and returning plain strings so that each is tested alone: decoding, lines,
bylines, layout (bodies, headline runs, photo credits) and headlines (grouping and matching).
"""

from .decoding import UnreadablePage
from .parser import ParsedArticle, ParsedPage, ParsedPhoto, parse

__all__ = ["ParsedArticle", "ParsedPage", "ParsedPhoto", "UnreadablePage", "parse"]
