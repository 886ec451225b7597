import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Photo
from articles.roles import REPORTER
from infrastructure import images
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def upload(name, image_format="JPEG", size=(64, 48), mode="RGB", exif=None, content=None):
    if content is None:
        buffer = io.BytesIO()
        image = Image.new(mode, size, "white")
        image.putpixel((0, 0), 0 if mode == "1" else (200, 0, 0))
        options = {"exif": exif} if exif is not None else {}
        image.save(buffer, image_format, **options)
        content = buffer.getvalue()
    return SimpleUploadedFile(name, content)


def exif_with_gps_and_rotation():
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # the camera was turned: show it rotated 90° clockwise
    exif[0x010F] = "Canon"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (37.0, 31.0, 12.0), 3: "E", 4: (111.0, 8.0, 24.0)})
    return exif


def test_gps_and_camera_data_are_stripped_and_the_photo_turned_upright():
    original = upload("wucheng.jpg", exif=exif_with_gps_and_rotation())
    assert Image.open(original).getexif().get_ifd(GPS_IFD)
    cleaned = Image.open(images.clean_upload(upload("wucheng.jpg", exif=exif_with_gps_and_rotation())))
    exif = cleaned.getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert ORIENTATION not in exif and 0x010F not in exif
    assert cleaned.size == (48, 64)


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(image_format):
    name = f"photo.{image_format.lower()}"
    assert Image.open(images.clean_upload(upload(name, image_format))).format == image_format


@pytest.mark.parametrize(
    ("file", "code"),
    [
        (lambda: upload("photo.gif", "GIF", mode="P"), "format"),
        (lambda: upload("photo.png", "JPEG"), "extension"),
        (lambda: upload("photo.jpg", content=b"%PDF-1.4 not an image"), "unreadable"),
        (lambda: upload("photo.jpg", content=b"\xff\xd8\xff" + b"\x00" * 100), "unreadable"),
        (lambda: upload("bomb.png", "PNG", size=(12000, 12000), mode="1"), "too_many_pixels"),
        (lambda: upload("big.png", "PNG", size=(8000, 7000), mode="1"), "too_many_pixels"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(file, code):
    with pytest.raises(ValidationError) as raised:
        images.clean_upload(file())
    assert raised.value.code == code


def test_files_over_twenty_megabytes_are_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(ValidationError) as raised:
        images.clean_upload(upload("photo.jpg", size=(200, 200)))
    assert raised.value.code == "too_large"


@pytest.mark.django_db
def test_the_admin_stores_a_clean_photo_with_renditions_made_once(client):
    reporter = UserFactory(is_staff=True)
    reporter.groups.add(Group.objects.get(name=REPORTER))
    client.force_login(reporter)
    photographer = AuthorFactory(name="刘和平")
    own_draft = ArticleFactory(created_by=reporter)
    response = client.post(
        reverse("admin:articles_photo_add"),
        {
            "image": upload("donkeys.jpg", size=(1600, 1000), exif=exif_with_gps_and_rotation()),
            "caption": "西属巴街道养驴场。",
            "photographer": photographer.pk,
            "article": own_draft.pk,
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.original_filename == "donkeys.jpg"
    assert "donkeys" not in photo.image.name + photo.thumbnail.name + photo.display.name
    stored = Image.open(photo.image.path)
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert (photo.width, photo.height) == (1000, 1600)
    assert Image.open(photo.thumbnail.path).width == 320
    assert Image.open(photo.display.path).size == (1000, 1600)
    thumbnail_name = photo.thumbnail.name
    photo.caption = "西属巴街道养驴场一角。"
    photo.save()
    assert photo.thumbnail.name == thumbnail_name


@pytest.mark.django_db
def test_a_bomb_in_the_admin_is_a_form_error(client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:articles_photo_add"),
        {
            "image": upload("bomb.png", "PNG", size=(12000, 12000), mode="1"),
            "caption": "图",
            "photographer": AuthorFactory().pk,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
    assert not Photo.objects.exists()


def test_a_jpeg_comment_is_gone_from_the_stored_photo_and_its_renditions():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "white").save(buffer, "JPEG", comment=b"GPS 37.5N 111.1E")
    stored = images.clean_upload(SimpleUploadedFile("a.jpg", buffer.getvalue()))
    assert b"GPS" not in stored.read()
    for width in (320, 64):
        assert b"GPS" not in images.rendition(stored, width).read()


def test_a_panorama_strip_gets_renditions_at_least_one_pixel_high():
    stored = images.clean_upload(upload("strip.png", image_format="PNG", size=(6000, 2)))
    assert Image.open(images.rendition(stored, 320)).size == (320, 1)


def test_a_photo_that_would_unpack_too_large_is_refused_before_it_is_decoded(monkeypatch):
    # 42 megapixels fit the pixel count but take 168 MB decoded; the file is small.
    big = upload("big.png", image_format="PNG", size=(7000, 6000))

    def decoding(*args, **kwargs):
        raise AssertionError("decoded")

    monkeypatch.setattr(Image.Image, "load", decoding)
    with pytest.raises(ValidationError) as refused:
        images.validate_photo(big)
    assert refused.value.code == "too_many_pixels"
