"""Small builders for test data. Each test makes what it needs; the gazetteer comes from the migration."""

import datetime
import io
from pathlib import Path

import factory
import pypdfium2
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Byline, Photo
from issues.models import Issue, Page, Zone
from planning.models import Proposal


def story_form(**fields):
    """What the story admin's form posts: `fields`, its two inlines (bylines, photos) left empty."""
    return {
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        **fields,
    }


def png_file(name="photo.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "grey").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


PDF_PAGES = Path(__file__).parent / "data" / "pdf_pages"
TEXT_PAGES = Path(__file__).parent / "data" / "text_pages"  # composed for the text importer


def page_pdf(name="front_page"):
    """The bytes of a composed page PDF (tests/data/pdf_pages, made by scripts/compose_pages.py)."""
    return (PDF_PAGES / f"{name}.pdf").read_bytes()


def pdf_of(*sizes):
    """A PDF with a blank page (no text layer, as a scan has none) of each (width, height) in points."""
    document = pypdfium2.PdfDocument.new()
    for width, height in sizes:
        document.new_page(width, height).close()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class PublishableFactory(factory.django.DjangoModelFactory):
    """Issues and stories: `published=True` gives the published status, published this moment."""

    class Meta:
        abstract = True

    class Params:
        published = factory.Trait(status="published", published_at=factory.LazyFunction(timezone.now))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")


def staff_member(*roles, **fields):
    """A staff account holding the given newsroom roles (group names from articles.roles)."""
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(*Group.objects.filter(name__in=roles))
    return user


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = "王艳"


class IssueFactory(PublishableFactory):
    class Meta:
        model = Issue

    number = factory.Sequence(lambda n: n + 1)
    date = factory.Sequence(lambda n: datetime.date(2021, 1, 1) + datetime.timedelta(days=n))


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    issue = factory.SubFactory(IssueFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = "综合"


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    page = factory.SubFactory(PageFactory)
    x, y, width, height = 0.1, 0.2, 0.3, 0.25


def with_page_pdf(page, name="front_page"):
    """The page with a composed PDF as its file and its images rendered, as the worker would."""
    from issues.tasks import render_page

    page.scan.save("page.pdf", SimpleUploadedFile("page.pdf", page_pdf(name)))
    render_page.call(page.pk)
    page.refresh_from_db()
    return page


class ArticleFactory(PublishableFactory):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"城北街道开展健步走活动{n}")
    body = "近日，城北街道举办迎新年健步走活动。\n共计150余人参加活动。"


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    image = factory.LazyFunction(png_file)
    caption = "西属巴街道养驴场。"
    photographer = factory.SubFactory(AuthorFactory, name="刘和平", kind=Author.Kind.PHOTOGRAPHER)


def filled_issue(pages, stories_each, **issue_fields):
    """An issue of `pages` pages, each with `stories_each` approved stories, each with a byline and a
    photo: the assembly board's test and bench issue."""
    issue = IssueFactory(**issue_fields)
    for number in range(1, pages + 1):
        page = PageFactory(issue=issue, number=number, budget=5000)
        for position in range(1, stories_each + 1):
            story = ArticleFactory(status=Article.Status.APPROVED, page=page, position=position)
            BylineFactory(article=story)
            PhotoFactory(article=story, page=page)
    return issue


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    topic = "城北街道冬季供暖走访"
    planned_date = factory.LazyFunction(timezone.localdate)
    proposed_by = factory.SubFactory(UserFactory)
