"""Importing a printed page as a draft page of stories: from the text extracted from it, or from its PDF.

The rules that read the page live in chinese_text.printed_page; this module gives them the newsroom's
dictionary and gazetteer, words their findings for the editor, and writes the drafts (with their zones
on the page, when the page came as a PDF). `manage.py import_page`, `manage.py import_issue` and the
admin's imports use it.
"""

import hashlib
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from articles import dictionary, workflow
from articles.models import Article, Author, Byline, Department, Photo, Township
from chinese_text import printed_page
from chinese_text.printed_page.bylines import PHOTOGRAPHER, WRITER
from chinese_text.printed_page.decoding import decode_page
from infrastructure import pdfs

from .models import Issue, Page, Zone

MISSING_HEADLINE = "【待补标题】"
MAX_BYTES = 2 * 1024 * 1024  # a page's text is some 20 kB


def read_limited(file, pdf_allowed=False):
    """A file's bytes, refusing one far too large to be a page's text (or, where allowed, a PDF)."""
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES and pdf_allowed and is_pdf(data):
        data += file.read(pdfs.MAX_PDF_BYTES + 1 - len(data))
        if len(data) > pdfs.MAX_PDF_BYTES:
            raise ValidationError(_("The PDF is over 100 MB."), code="too_large")
        return data
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is over 2 MB: that is not one page's text."), code="too_large")
    return data


def is_pdf(data):
    """Whether the bytes are (or claim to be) a PDF, by their content: text and PDFs are told apart so."""
    return data[:1024].lstrip().startswith(pdfs.PDF_SIGNATURE)


def text_layer_problem(code):
    return {
        "no_text": _(
            "The PDF page has no text layer (it is a scan): it is kept for its image only, and its "
            "stories' zones must be drawn by hand in the zone editor."
        ),
        "garbled": _(
            "The PDF page's fonts have no Unicode map, so its text reads as garbage: it is kept for its "
            "image only, and its stories' zones must be drawn by hand in the zone editor."
        ),
    }[code]


def unreadable_reason(code):
    return {
        "empty": _("The file is empty."),
        "binary": _("The file is binary, not the text extracted from a page."),
        "encoding": _("The file is neither UTF-8 nor GBK/GB18030 text."),
        "not_chinese": _("The file holds no Chinese text."),
        "long_line": _(
            "The file has a line of over 2,000 characters: the text extracted from a page has short lines."
        ),
    }[code]


def describe(code, details):
    """A parser warning in the editor's words."""
    if code == "no_headline":
        return _("No headline was found for the story beginning “%(start)s”; it is saved as %(missing)s.") % {
            **details,
            "missing": MISSING_HEADLINE,
        }
    if code == "weak_headline":
        return _(
            "The headline “%(headline)s” shares few words with the story given it (%(score)d%%); check it."
        ) % {"headline": details["headline"], "score": round(details["score"] * 100)}
    if code == "no_byline":
        return _("The story beginning “%(start)s” has no byline in brackets; check its end.") % details
    if code == "stray":
        return (
            _(
                "The text “%(text)s” reads as no story (no 本报讯, no byline, no full sentence) and was left "
                "out; check where it belongs."
            )
            % details
        )
    return _("No story was recognised: stories open with 本报讯 or run as paragraphs of sentences.")


def refusing_unreadable(read):
    """read(), with an unreadable page's reason as a ValidationError."""
    try:
        return read()
    except printed_page.UnreadablePage as error:
        raise ValidationError(unreadable_reason(error.code), code=error.code) from None


def decoded(data):
    """The text of an extracted page's bytes (shown to the editor before the import); ValidationError when
    they are not one."""
    return refusing_unreadable(lambda: decode_page(data))


def read_page(data, issue_date, pdf_page=0):
    """The parsed page from the bytes of an extracted page's text, or of a PDF (page `pdf_page`, from
    0); ValidationError when unusable."""
    if is_pdf(data):
        found = pdfs.read_text(data, pdf_page)
        if found.problem:
            raise ValidationError(text_layer_problem(found.problem), code=found.problem)
        parsed = printed_page.parse_layout(found.layout, issue_date, dictionary.tagger())
    else:
        words, tagger = dictionary.segmenter().matching_words, dictionary.tagger()
        parsed = refusing_unreadable(lambda: printed_page.parse(data, issue_date, words, tagger))
    if not parsed.articles:
        raise ValidationError(describe("no_story", {}), code="no_story")
    return parsed


@dataclass
class IssuePage:
    """One page of an issue's PDF, read: its number and name (from its header, else its place), its
    one-page PDF, and its parsed stories, or why it has none."""

    number: int
    name: str
    pdf: bytes
    parsed: object
    problem: str = ""


def read_issue(data, issue_date):
    """The pages of a whole issue's PDF; ValidationError when the file is unusable. A page without a
    usable text layer is kept for its image, with the reason."""
    pages, numbers = [], set()
    for index in range(pdfs.page_count(data)):
        found = pdfs.read_text(data, index)
        number, name = (None, "")
        parsed, problem = printed_page.ParsedPage(), ""
        if found.problem:
            problem = text_layer_problem(found.problem)
        else:
            number, name = printed_page.page_header(found.layout)
            parsed = printed_page.parse_layout(found.layout, issue_date, dictionary.tagger())
        if number is None or number in numbers:
            number = max(numbers, default=0) + 1
        numbers.add(number)
        name = name or _("Page %(number)s") % {"number": number}
        pages.append(IssuePage(number, name, pdfs.single_page(data, index), parsed, problem))
    return pages


def as_json(parsed):
    """The parsed page in the shape outside tools rely on (docs/import.md); from a PDF, each story has
    its zones and each photo its zone, [x, y, w, h] as shares of the page from its top left."""

    def story(article):
        found = {
            "kicker": article.kicker,
            "headline": article.headline,
            "subtitle": article.subtitle,
            "body": "\n".join(article.body),
            "authors": [{"name": author["name"], "roles": author["roles"]} for author in article.authors],
            "event_date": article.event_date.isoformat() if article.event_date else None,
            "townships": article.townships,
            "departments": article.departments,
        }
        return found if article.zones is None else {**found, "zones": article.zones}

    def photo(item):
        found = {"caption": item.caption, "photographer": item.photographer, "townships": item.townships}
        return found if item.zone is None else {**found, "zone": item.zone}

    return {
        "articles": [story(article) for article in parsed.articles],
        "photos": [photo(item) for item in parsed.photos],
        "warnings": [describe(code, details) for code, details in parsed.warnings],
    }


def _digest(*parts):
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def article_key(article):
    return _digest(article.kicker, article.headline, article.subtitle, "\n".join(article.body))


def photo_key(photo):
    return _digest(photo.caption, photo.photographer or "")


def imported_keys(issue_date, page_number):
    """The import keys of the stories already imported onto that page, if it exists."""
    return set(
        Article.objects.filter(page__issue__date=issue_date, page__number=page_number)
        .exclude(import_key="")
        .values_list("import_key", flat=True)
    )


BYLINE_ROLES = {
    (WRITER,): Byline.Role.WRITER,
    (PHOTOGRAPHER,): Byline.Role.PHOTOGRAPHER,
    (WRITER, PHOTOGRAPHER): Byline.Role.WRITER_PHOTOGRAPHER,
}


@dataclass
class ImportResult:
    page: Page
    created: int = 0  # new draft stories
    unchanged: int = 0  # stories this file gave before
    photos_created: int = 0
    notes: list = field(default_factory=list)

    def summary(self):
        return _(
            "%(page)s: %(created)d new draft stories, %(unchanged)d already imported; %(photos)d new photos."
        ) % {
            "page": self.page,
            "created": self.created,
            "unchanged": self.unchanged,
            "photos": self.photos_created,
        }


@transaction.atomic
def import_page(
    parsed, issue_date, page_number, page_name="", issue_number=None, user=None, source="", pdf=None
):
    """Write a parsed page as drafts: the issue and page if missing, each story and photo not imported
    before, and their zones. Stories already on the page are left as they are. `pdf`, the page's own
    one-page PDF, becomes the page's file unless it has one. All or nothing; ValidationError when the
    issue or a story does not fit."""
    issue, issue_created = _issue(issue_date, issue_number)
    if user is not None:
        workflow.check_may_change_issue(issue, user)
    page, _created = Page.objects.get_or_create(
        issue=issue,
        number=page_number,
        defaults={"name": page_name or _("Page %(number)s") % {"number": page_number}},
    )
    # Two imports of one page wait for each other rather than collide on the import keys.
    page = Page.objects.select_for_update().get(pk=page.pk)
    result = ImportResult(page)
    if issue_created and issue_number is None:
        result.notes.append(
            _("Issue No. %(number)s was created for %(date)s; correct it if the paper printed another.")
            % {"number": issue.number, "date": issue_date.isoformat()}
        )
    if pdf is not None:
        if page.scan:
            result.notes.append(_("%(page)s already has its PDF; it was kept.") % {"page": page})
        else:
            page.scan.save(f"{_digest(source)}.pdf", ContentFile(pdf))
    imported = imported_keys(issue_date, page_number)
    position = page.articles.aggregate(last=Max("position"))["last"] or 0
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(_("Imported from the printed page %(source)s") % {"source": source})
        for parsed_article in parsed.articles:
            key = article_key(parsed_article)
            if key in imported:
                result.unchanged += 1
                continue
            position += 1
            article = _create_article(parsed_article, page, position, key, user)
            _create_zones(page, parsed_article.zones, article=article)
            result.created += 1
            imported.add(key)
    photo_position = page.photos.aggregate(last=Max("position"))["last"] or 0
    photos_imported = set(page.photos.exclude(import_key="").values_list("import_key", flat=True))
    for parsed_photo in parsed.photos:
        key = photo_key(parsed_photo)
        if key in photos_imported:
            continue
        photos_imported.add(key)
        photo_position += 1
        photo = Photo(
            caption=parsed_photo.caption,
            photographer=Author.objects.named(parsed_photo.photographer, Author.Kind.PHOTOGRAPHER),
            page=page,
            position=photo_position,
            import_key=key,
        )
        _save_checked(
            photo,
            _("Photo %(position)s (“%(caption)s”)") % {"position": photo_position, "caption": photo.caption},
        )
        photo.townships.set(Township.objects.filter(name__in=parsed_photo.townships))
        _create_zones(page, [parsed_photo.zone] if parsed_photo.zone else None, photo=photo)
        result.photos_created += 1
    return result


def _issue(issue_date, issue_number):
    issue = Issue.objects.filter(date=issue_date).first()
    if issue is not None:
        if issue_number is not None and issue.number != issue_number:
            raise ValidationError(
                _("The issue of %(date)s is No. %(found)s, not No. %(number)s.")
                % {"date": issue_date.isoformat(), "found": issue.number, "number": issue_number},
                code="issue_number",
            )
        return issue, False
    requested = issue_number
    if issue_number is None:
        issue_number = (Issue.objects.aggregate(last=Max("number"))["last"] or 0) + 1
    elif Issue.objects.filter(number=issue_number).exists():
        raise ValidationError(
            _("Issue No. %(number)s already exists with another date.") % {"number": issue_number},
            code="issue_number",
        )
    try:
        with transaction.atomic():
            return Issue.objects.create(date=issue_date, number=issue_number), True
    except IntegrityError:
        # Another import created this date's issue, or took the number, since we looked.
        if Issue.objects.filter(date=issue_date).exists():
            return _issue(issue_date, requested)
        raise ValidationError(
            _("Issue No. %(number)s was just taken by another import; import the page again.")
            % {"number": issue_number},
            code="issue_number",
        ) from None


def _create_article(parsed, page, position, key, user):
    article = Article(
        kicker=parsed.kicker,
        headline=parsed.headline or f"{MISSING_HEADLINE}{''.join(parsed.body)[:12]}",
        subtitle=parsed.subtitle,
        source=parsed.source,
        body="\n".join(parsed.body),
        event_date=parsed.event_date,
        page=page,
        position=position,
        status=Article.Status.DRAFT,
        created_by=user,
        import_key=key,
    )
    _save_checked(
        article,
        _("Story %(position)s (“%(headline)s”)") % {"position": position, "headline": article.headline},
    )
    names = {}
    for author in parsed.authors:
        names.setdefault(author["name"], author["roles"])  # a name printed twice is one byline
    Byline.objects.bulk_create(
        Byline(
            article=article,
            author=Author.objects.named(
                author["name"],
                Author.Kind.PHOTOGRAPHER if author["roles"] == [PHOTOGRAPHER] else Author.Kind.REPORTER,
            ),
            role=BYLINE_ROLES[tuple(author["roles"])],
            order=order,
        )
        for order, author in enumerate({"name": name, "roles": roles} for name, roles in names.items())
    )
    article.townships.set(Township.objects.filter(name__in=parsed.townships))
    article.departments.set(Department.objects.filter(name__in=parsed.departments))
    return article


def _create_zones(page, boxes, **item):
    Zone.objects.bulk_create(
        Zone(page=page, x=x, y=y, width=width, height=height, **item) for x, y, width, height in boxes or []
    )


def _save_checked(item, label):
    """Save a new story or photo, or raise a ValidationError naming it: nothing invalid reaches the table."""
    try:
        item.full_clean(validate_constraints=False)
    except ValidationError as error:
        raise ValidationError(
            _("%(item)s cannot be saved: %(errors)s") % {"item": label, "errors": " ".join(error.messages)},
            code="invalid",
        ) from None
    item.save()
