"""Importing printed pages from their PDFs: the composed pages against their expectations (the goal of
the 数字报 issue), what import_page and import_issue write, and PDFs that are refused."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Photo
from issues import page_import
from issues.models import Issue, Page, Zone
from tests.factories import PDF_PAGES, page_pdf, pdf_of
from tests.infrastructure.test_pdfs import encrypted_pdf
from tests.issues.page_scoring import Score, score

pytestmark = pytest.mark.django_db

ISSUE = ["front_page", "general_page", "township_page", "feature_page"]  # pages 1 to 4 of one issue
# Pages 5 to 8 were held out once each and scored; their failures were fixed as general rules, and
# new pages were held out (bench/held_out_pages).
COMPOSED = [*ISSUE, "briefs_page", "six_columns_page", "left_briefs_page", "photo_column_page"]


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, data, name="page.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_composed_pages_meet_the_goal():
    """Every story found, none spurious, headlines right and zones overlapping the typesetter's by
    IoU ≥ 0.6, for at least 9 in 10 stories; and every photo with its caption and zone."""
    total = Score()
    for name in COMPOSED:
        parsed = page_import.read_page(page_pdf(name), datetime.date(2021, 1, 5))
        total.add(score(page_import.as_json(parsed), PDF_PAGES / f"{name}.json"))
    assert total.found == total.expected and total.spurious == 0, total.misses
    assert total.headlines >= 0.9 * total.expected, total.misses
    assert total.zones >= 0.9 * total.expected, total.misses
    assert total.photos_found == total.photos_expected, total.misses


def test_a_pdf_page_imports_with_its_zones_and_keeps_its_pdf(tmp_path):
    path = write(tmp_path, page_pdf("township_page"))
    out, _err = run("import_page", path, "--date", "2021-12-20", "--page", 3, "--format", "json")
    found = json.loads(out)
    assert len(found["articles"]) == 9 and all(article["zones"] for article in found["articles"])
    x, y, width, height = found["articles"][0]["zones"][0]
    assert 0 <= x < x + width <= 1 and 0 <= y < y + height <= 1
    assert all(len(photo["zone"]) == 4 for photo in found["photos"])
    page = Page.objects.get(number=3)
    assert page.scan.name.endswith(".pdf") and page.articles.count() == 9
    assert Zone.objects.filter(page=page, article__isnull=False).count() == sum(
        len(article["zones"]) for article in found["articles"]
    )
    assert Zone.objects.filter(page=page, photo__isnull=False).count() == 2
    # The same file again adds nothing: neither stories nor zones, and the page keeps its PDF.
    scan, zones = page.scan.name, Zone.objects.count()
    run("import_page", path, "--date", "2021-12-20", "--page", 3)
    assert Article.objects.count() == 9 and Photo.objects.count() == 2 and Zone.objects.count() == zones
    assert Page.objects.get(pk=page.pk).scan.name == scan


def test_text_and_pdf_are_told_apart_by_content_not_name(tmp_path):
    path = write(tmp_path, page_pdf("feature_page"), name="page.txt")
    out, _err = run("import_page", path, "--date", "2021-01-05", "--page", 4, "--dry-run", "--format", "json")
    assert "zones" in json.loads(out)["articles"][0]
    assert not Issue.objects.exists()


def test_the_pdf_page_option_picks_a_page_of_a_longer_pdf(tmp_path):
    path = write(tmp_path, issue_pdf())
    out, _err = run(
        "import_page", path, "--date", "2021-01-05", "--page", 2, "--pdf-page", 2, "--format", "json"
    )
    assert json.loads(out)["articles"][0]["headline"] == "产业扶贫结硕果"
    with pytest.raises(CommandError, match="没有第9页"):
        run("import_page", path, "--date", "2021-01-05", "--page", 2, "--pdf-page", 9)


def issue_pdf():
    """Four composed pages as one issue's PDF."""
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    for name in ISSUE:
        document.import_pages(pypdfium2.PdfDocument(page_pdf(name)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_import_issue_splits_the_pdf_into_its_pages_named_from_their_headers(tmp_path):
    out, _err = run("import_issue", write(tmp_path, issue_pdf()), "--date", "2021-01-05", "--number", 7)
    issue = Issue.objects.get()
    assert issue.number == 7
    assert list(issue.pages.values_list("number", "name")) == [
        (1, "要闻"),
        (2, "综合"),
        (3, "乡镇"),
        (4, "专题"),
    ]
    for page in issue.pages.all():
        with page.scan.open("rb") as file:
            assert file.read().startswith(b"%PDF-")
        assert page.zones.exists()
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 25
    assert "第4版 专题" in out


def test_a_page_without_text_is_kept_for_its_image_and_says_so(tmp_path):
    out, _err = run("import_issue", write(tmp_path, pdf_of((595, 842))), "--date", "2021-01-05")
    page = Page.objects.get()
    assert page.scan and not page.articles.exists()
    assert "没有文字层" in out and "手工" in out


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (encrypted_pdf("secret"), "加密"),
        (b"%PDF-1.4\nnot a PDF", "损坏"),
        (b"plain text that says it is a PDF", "不是 PDF"),
    ],
)
def test_bad_pdfs_are_refused_with_a_message_and_nothing_written(tmp_path, data, message):
    with pytest.raises(CommandError, match=message):
        run("import_issue", write(tmp_path, data), "--date", "2021-01-05")
    assert not Issue.objects.exists() and not Page.objects.exists()


def test_a_garbled_pdf_page_is_refused_for_its_stories(tmp_path):
    garbled = page_pdf().replace(b"/ToUnicode", b"/ToUnicodX")
    with pytest.raises(CommandError, match="Unicode"):
        run("import_page", write(tmp_path, garbled), "--date", "2021-01-05", "--page", 1)
    assert not Page.objects.exists()
