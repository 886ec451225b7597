"""Page PDFs, read with pypdfium2 (PDFium, Apache/BSD licensed; PyMuPDF is AGPL and not used): checked
before anything is stored, split into one-page files, rendered to images of bounded size, and read as
characters with their boxes for the layout importer (chinese_text.printed_page.geometry).
"""

import ctypes
import io
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

from chinese_text.printed_page.geometry import Char, PageLayout, Picture

MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 48  # an issue of the paper; more is not one issue
# Renditions, by width in pixels. The zoom rendition is rendered; the others are scaled from it.
RENDITION_WIDTHS = {"thumbnail": 240, "screen": 1000, "zoom": 2000}
MAX_RENDER_PIXELS = 12_000_000  # the zoom image of a tall page is made narrower rather than larger
MAX_ASPECT = 4  # a page more than four times as tall as wide (or wide as tall) is no newspaper page
PDF_SIGNATURE = b"%PDF-"
GARBLED_SHARE = 0.1  # over a tenth of the characters without a Unicode meaning: the text is garbage
_BREAKS = {"\r", "\n", "\x02"}


@dataclass
class PageText:
    """What reading a page's text layer found: its layout, or why it cannot be used (no_text, garbled)."""

    layout: PageLayout | None
    problem: str = ""


def open_document(data):
    """A PdfDocument for checked bytes; ValidationError, with nothing written, for an encrypted, broken,
    disguised, empty or oversized file."""
    if len(data) > MAX_PDF_BYTES:
        raise ValidationError(_("The PDF is over 100 MB."), code="too_large")
    if not data[:1024].lstrip().startswith(PDF_SIGNATURE):
        raise ValidationError(_("This file is not a PDF, whatever its name says."), code="not_pdf")
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise ValidationError(
                _("The PDF is encrypted. Export it again from the typesetting program without a password."),
                code="encrypted",
            ) from None
        raise ValidationError(_("The PDF is damaged and cannot be read."), code="broken") from None
    if pdfium.FPDF_GetSecurityHandlerRevision(document) != -1:
        document.close()
        raise ValidationError(
            _("The PDF is encrypted. Export it again from the typesetting program without a password."),
            code="encrypted",
        )
    count = len(document)
    if count == 0:
        document.close()
        raise ValidationError(_("The PDF is damaged and cannot be read."), code="broken")
    if count > MAX_PAGES:
        document.close()
        raise ValidationError(
            _("The PDF has %(count)d pages; an issue has at most %(most)d.")
            % {"count": count, "most": MAX_PAGES},
            code="too_many_pages",
        )
    for index in range(count):
        width, height = document.get_page_size(index)
        if not (width > 0 and height > 0) or max(width / height, height / width) > MAX_ASPECT:
            document.close()
            raise ValidationError(
                _("Page %(page)d of the PDF has a size no printed page has.") % {"page": index + 1},
                code="page_size",
            )
    return document


def page_count(data):
    document = open_document(data)
    try:
        return len(document)
    finally:
        document.close()


def single_page(data, index):
    """The bytes of a one-page PDF holding page `index` (from 0) of the document."""
    document = open_document(data)
    try:
        _check_index(document, index)
        page = pypdfium2.PdfDocument.new()
        page.import_pages(document, [index])
        buffer = io.BytesIO()
        page.save(buffer)
        page.close()
        return buffer.getvalue()
    finally:
        document.close()


def _check_index(document, index):
    if not 0 <= index < len(document):
        raise ValidationError(_("The PDF has no page %(page)d.") % {"page": index + 1}, code="no_such_page")


def render(data):
    """The first page's renditions (see renditions), rendered once at the zoom width, or narrower where
    that would pass MAX_RENDER_PIXELS however large the page's media box."""
    document = open_document(data)
    try:
        page = document[0]
        width, height = page.get_size()
        scale = min(RENDITION_WIDTHS["zoom"] / width, (MAX_RENDER_PIXELS / (width * height)) ** 0.5)
        image = page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
        page.close()
    finally:
        document.close()
    return renditions(image)


def renditions(image):
    """{name: (WebP bytes, width, height)} for each of RENDITION_WIDTHS, none wider than the image."""
    image = image.convert("RGB")
    found = {}
    for name, wanted in sorted(RENDITION_WIDTHS.items(), key=lambda item: -item[1]):
        if image.width > wanted:
            height = max(1, round(image.height * wanted / image.width))
            image = image.resize((wanted, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, "WEBP", quality=80, method=4)
        found[name] = (buffer.getvalue(), image.width, image.height)
    return found


def read_text(data, index=0):
    """Page `index`'s characters and pictures, or the reason they cannot be used: no text layer (a scan),
    or text whose fonts have no Unicode map (it would read as garbage)."""
    document = open_document(data)
    try:
        _check_index(document, index)
        page = document[index]
        width, height = page.get_size()
        text_page = page.get_textpage()
        doubled = _drawn_twice(page, text_page)
        chars, unmapped = [], 0
        for position in range(text_page.count_chars()):
            if pdfium.FPDFText_IsGenerated(text_page, position):
                continue
            code = pdfium.FPDFText_GetUnicode(text_page, position)
            text = chr(code) if 0 < code < 0x110000 else "\ufffd"
            if text in _BREAKS:
                continue
            if (
                pdfium.FPDFText_HasUnicodeMapError(text_page, position)
                or text == "\ufffd"
                or code < 0x20
                or 0xE000 <= code <= 0xF8FF
            ):
                unmapped += 1
            chars.append(_char(text_page, position, text, height, doubled))
        pictures = [
            _picture(item.get_bounds(), height)
            for item in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_IMAGE], max_depth=2)
        ]
        text_page.close()
        page.close()
    finally:
        document.close()
    printed = [char for char in chars if char.text.strip()]
    if len(printed) < 20:
        return PageText(None, "no_text")
    if unmapped > GARBLED_SHARE * len(printed):
        return PageText(None, "garbled")
    return PageText(PageLayout(width, height, chars, pictures))


def _drawn_twice(page, text_page):
    """The text objects drawn again a fraction of a point away (fake bold). PDFium reads such a copy's
    characters once, leaving the copy without text; its twin is the object that kept them."""
    objects = [
        (item.extract(), item.get_bounds(), _address(item.raw))
        for item in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_TEXT], max_depth=2, textpage=text_page)
    ]
    by_bottom = {}
    for text, bounds, address in objects:
        if text:
            by_bottom.setdefault(round(bounds[1]), []).append((bounds, address))
    doubled = set()
    for text, (left, bottom, right, top), _address_of_copy in objects:
        if text or right - left < 1:
            continue
        for bounds, address in by_bottom.get(round(bottom), []):
            if abs(bounds[0] - left) < 1 and abs(bounds[2] - right) < 1 and abs(bounds[3] - top) < 0.5:
                doubled.add(address)
    return doubled


def _address(handle):
    return ctypes.cast(handle, ctypes.c_void_p).value


def _char(text_page, position, text, page_height, doubled):
    """One character: its box from its origin and size (the same for every font, so that lines and
    zones do not depend on a font's ascent), its right edge from its glyph."""
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium.FPDFText_GetCharOrigin(text_page, position, x, y)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pdfium.FPDFText_GetCharBox(text_page, position, left, right, bottom, top)
    size = round(pdfium.FPDFText_GetFontSize(text_page, position), 2)
    text_object = pdfium.FPDFText_GetTextObject(text_page, position)
    mode = pdfium.FPDFTextObj_GetTextRenderMode(text_object) if text_object else 0
    weight = pdfium.FPDFText_GetFontWeight(text_page, position)
    baseline = page_height - y.value
    return Char(
        text=text,
        x0=x.value,
        top=baseline - 0.88 * size,
        x1=max(right.value, x.value + 0.25 * size),
        bottom=baseline + 0.12 * size,
        size=size,
        # Stroked as well as filled, a bold face, or drawn twice: set bold.
        bold=mode in (pdfium.FPDF_TEXTRENDERMODE_STROKE, pdfium.FPDF_TEXTRENDERMODE_FILL_STROKE)
        or weight >= 600
        or (bool(text_object) and _address(text_object) in doubled),
    )


def _picture(bounds, page_height):
    left, bottom, right, top = bounds
    return Picture(left, page_height - top, right, page_height - bottom)
