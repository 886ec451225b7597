import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Author, Department, Photo, Township
from tests.factories import ArticleFactory, AuthorFactory, PageFactory, PhotoFactory, png_file

pytestmark = pytest.mark.django_db


def test_photo_without_caption_is_refused_by_the_database():
    photographer = AuthorFactory(name="刘和平")
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.create(image=png_file(), caption="", photographer=photographer)
    assert not Photo.objects.exists()


def test_photo_without_photographer_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.create(image=png_file(), caption="西属巴街道养驴场。")
    assert not Photo.objects.exists()


def test_photo_stores_its_size_and_takes_the_caption_as_alt_text():
    photo = PhotoFactory(image=png_file(size=(120, 80)))
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (120, 80)
    assert photo.alt_text == "西属巴街道养驴场。"
    assert photo.photographer.name == "刘和平"


def test_two_authors_may_share_a_name_but_not_a_slug():
    first, second = AuthorFactory(name="王艳"), AuthorFactory(name="王艳")
    assert (first.slug, second.slug) == ("wang-yan", "wang-yan-2")
    with pytest.raises(IntegrityError), transaction.atomic():
        Author.objects.create(name="李琪瑞", slug="wang-yan")


def test_a_correspondent_belongs_to_a_township_or_a_department_not_both():
    author = AuthorFactory.build(
        kind=Author.Kind.CORRESPONDENT,
        township=Township.objects.get(name="信义镇"),
        department=Department.objects.get(name="离石区妇女联合会"),
    )
    with pytest.raises(ValidationError):
        author.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        author.save()


def test_saving_a_story_cleans_its_paragraphs_and_counts_its_characters():
    article = ArticleFactory(body="  近日，城北街道开展活动。\r\n\r\n共计150余人参加。  \n")
    assert article.body == "近日，城北街道开展活动。\n共计150余人参加。"
    assert article.paragraphs == ["近日，城北街道开展活动。", "共计150余人参加。"]
    assert article.character_count == 22


@pytest.mark.parametrize("body", ["<p>近日</p>", "近日<br/>城北", "近日 < script >", "<!-- 注释 -->"])
def test_a_story_body_with_html_fails_validation(body):
    article = ArticleFactory.build(body=body)
    with pytest.raises(ValidationError) as raised:
        article.full_clean()
    assert "body" in raised.value.message_dict


def test_angle_brackets_that_are_not_tags_are_plain_text():
    ArticleFactory.build(body="气温<0℃时，指数>100。", status="draft").full_clean(exclude=["page"])


def test_a_story_needs_a_headline():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(headline="")


def test_two_stories_cannot_hold_the_same_position_on_a_page():
    page = PageFactory()
    ArticleFactory(page=page, position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(page=page, position=1)


def test_page_and_position_go_together():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(page=PageFactory(), position=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(position=3)
    with pytest.raises(ValidationError):
        ArticleFactory.build(page=PageFactory(), position=None).full_clean()


def test_a_published_story_has_a_publication_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)


def test_published_takes_only_published_stories_whose_time_has_come():
    now = timezone.now()
    yesterday = ArticleFactory(status=Article.Status.PUBLISHED, published_at=now - datetime.timedelta(days=1))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=now + datetime.timedelta(days=1))
    for status in set(Article.Status) - {Article.Status.PUBLISHED}:
        ArticleFactory(status=status, published_at=now - datetime.timedelta(days=1))
    assert list(Article.objects.published()) == [yesterday]


def test_string_forms_are_useful():
    page = PageFactory(number=2, name="综合", issue__number=1, issue__date=datetime.date(2021, 1, 5))
    assert str(page) == "第2版 综合，第1期（2021-01-05）"
    assert str(ArticleFactory(headline="栉风沐雨砥砺前行")) == "栉风沐雨砥砺前行"
    assert str(Township.objects.get(code="141102101")) == "信义镇"


def test_listing_date_follows_the_issue_or_the_local_day_of_online_publication():
    page = PageFactory(issue__date=datetime.date(2021, 1, 5))
    printed = ArticleFactory(page=page, position=1)
    online = ArticleFactory(published=True)
    online.published_at = datetime.datetime(2021, 1, 31, 17, tzinfo=datetime.UTC)  # 1 February in Lishi
    online.save()
    assert printed.listing_date == datetime.date(2021, 1, 5)
    assert online.listing_date == datetime.date(2021, 2, 1)

    page.issue.date = datetime.date(2021, 1, 6)
    page.issue.save()
    printed.refresh_from_db()
    assert printed.listing_date == datetime.date(2021, 1, 6)

    printed.page, printed.position = None, None
    printed.save(update_fields=["page", "position"])
    printed.refresh_from_db()
    assert printed.listing_date is None


def error_codes(instance):
    with pytest.raises(ValidationError) as raised:
        instance.full_clean()
    return {error.code for errors in raised.value.error_dict.values() for error in errors}


def test_the_models_rules_refuse_with_their_codes():
    township = Township.objects.get(name="信义镇")
    township.merged_into = Township.objects.get(name="城北街道")
    assert "merged" in error_codes(township)
    township = Township.objects.get(name="信义镇")
    township.code = "14110210x"
    assert error_codes(township) == {"code"}
    township.code = "14110210"  # eight digits
    assert error_codes(township) == {"code"}
    author = AuthorFactory.build(
        township=Township.objects.get(name="信义镇"),
        department=Department.objects.get(name="离石区妇女联合会"),
    )
    assert "affiliation" in error_codes(author)
    assert "placement" in error_codes(ArticleFactory.build(page=PageFactory(), position=None))


def test_a_photos_photographer_is_whoever_took_it_not_a_staff_photographer():
    assert str(Photo._meta.get_field("photographer").verbose_name) == "摄影"
    assert str(Author.Kind.PHOTOGRAPHER.label) == "摄影记者"
