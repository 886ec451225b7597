"""The articles app's models, one module a concept: the gazetteer (places and departments the stories
name, and the dictionary's terms), people (authors), bylines (an author's credit on a story), photos,
listing (what a list shows of a story, read with it), queries (how stories are read: who may see them, in
which order, with what), stories (with keywords), contents (what an issue's pages read of their stories),
and the editorial record (review steps and comments). Modules import only those before them in this list;
a reference the other way goes through the relation (shared.related), names the model as a string, or is
self.model."""

from .bylines import Byline, bylines_with_authors
from .contents import issue_contents, printed_page_contents
from .editorial import Comment, Transition
from .gazetteer import Department, DepartmentShortName, Place, Term, Township, TownshipAlias
from .people import Author
from .photos import Photo, photo_upload_to, rendition_upload_to
from .shared import validate_plain_text, validate_printable
from .stories import Article, Keyword

__all__ = [
    "Article",
    "Author",
    "Byline",
    "Comment",
    "Department",
    "DepartmentShortName",
    "Keyword",
    "Photo",
    "Place",
    "Term",
    "Township",
    "TownshipAlias",
    "Transition",
    "bylines_with_authors",
    "issue_contents",
    "photo_upload_to",
    "printed_page_contents",
    "rendition_upload_to",
    "validate_plain_text",
    "validate_printable",
]
