"""Small builders for test data. Each test makes what it needs; the gazetteer comes from the migration."""

import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Byline, Photo
from issues.models import Issue, Page


def png_file(name="photo.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "grey").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def published_now(status):
    """The trait `published=True`: the published status, published this moment."""
    return factory.Trait(status=status, published_at=factory.LazyFunction(timezone.now))


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


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    number = factory.Sequence(lambda n: n + 1)
    date = factory.Sequence(lambda n: datetime.date(2021, 1, 1) + datetime.timedelta(days=n))

    class Params:
        published = published_now(Issue.Status.PUBLISHED)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    issue = factory.SubFactory(IssueFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = "综合"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"城北街道开展健步走活动{n}")
    body = "近日，城北街道举办迎新年健步走活动。\n共计150余人参加活动。"

    class Params:
        published = published_now(Article.Status.PUBLISHED)


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
