"""Page PDFs: what is refused before anything is stored, renders bounded whatever the media box, and what
reading a text layer says when it cannot be used."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from infrastructure import pdfs
from tests.factories import page_pdf, pdf_of


def encrypted_pdf(user_password):
    buffer = io.BytesIO()
    encryption = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner", canPrint=0)
    document = canvas.Canvas(buffer, encrypt=encryption)
    document.drawString(100, 100, "page")
    document.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (encrypted_pdf("secret"), "encrypted"),
        (encrypted_pdf(""), "encrypted"),  # opens without a password, but is locked all the same
        (b"%PDF-1.4\nnot really a PDF at all", "broken"),
        (page_pdf()[:20000], "broken"),
        (b"<html><script>alert(1)</script></html>", "not_pdf"),
        (pdf_of(), "broken"),  # no page
        (pdf_of((100, 1000)), "page_size"),
        (pdf_of(*[(595, 842)] * (pdfs.MAX_PAGES + 1)), "too_many_pages"),
    ],
)
def test_unusable_pdfs_are_refused_with_their_reason(data, code):
    with pytest.raises(ValidationError) as refused:
        pdfs.open_document(data)
    assert refused.value.code == code
    assert refused.value.messages[0]


def test_a_page_is_rendered_at_three_widths_as_webp():
    images = pdfs.render(page_pdf())
    assert {name: width for name, (_data, width, _height) in images.items()} == pdfs.RENDITION_WIDTHS
    for data, width, height in images.values():
        image = Image.open(io.BytesIO(data))
        assert (image.format, image.size) == ("WEBP", (width, height))
        assert abs(height / width - 400 / 280) < 0.01  # the page's own proportions


def test_a_huge_media_box_renders_within_the_pixel_bound():
    _data, width, height = pdfs.render(pdf_of((14400, 14400)))["zoom"]
    assert width * height <= pdfs.MAX_RENDER_PIXELS
    assert width <= pdfs.RENDITION_WIDTHS["zoom"]


def test_reading_the_text_says_when_there_is_none_or_it_is_garbage():
    assert pdfs.read_text(pdf_of((595, 842))).problem == "no_text"
    # The same page with its fonts' Unicode maps struck out reads as codes, not Chinese.
    garbled = page_pdf().replace(b"/ToUnicode", b"/ToUnicodX")
    assert pdfs.read_text(garbled).problem == "garbled"
    readable = pdfs.read_text(page_pdf())
    assert readable.problem == "" and readable.layout.pictures


def test_fake_bold_is_read_once_and_marked():
    """Text drawn twice a fraction of a point apart (the 简讯 lead-ins) is one run of bold characters."""
    chars = pdfs.read_text(page_pdf()).layout.chars
    text = "".join(char.text for char in chars)
    start = text.index("区教育局开展校园安全检查")
    assert text.count("区教育局开展校园安全检查") == 1
    assert all(char.bold for char in chars[start : start + 12])
    assert not any(char.bold for char in chars[start + 13 : start + 20])


def test_one_page_of_a_document_becomes_its_own_pdf():
    issue = pdf_of((595, 842), (600, 850))
    page = pdfs.single_page(issue, 1)
    assert pdfs.page_count(page) == 1
    document = pdfs.open_document(page)
    assert tuple(round(side) for side in document.get_page_size(0)) == (600, 850)
    with pytest.raises(ValidationError):
        pdfs.single_page(issue, 2)
