"""infrastructure/media.py and the private bucket: how a file the views allowed leaves the site."""

import pytest

from infrastructure.media import stored_file_response, unguessable_name

S3 = {
    "default": {
        "BACKEND": "infrastructure.private_s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": "newsroom-media",
            "endpoint_url": "http://127.0.0.1:9",
            "access_key": "test",
            "secret_key": "test",
            "region_name": "us-east-1",
        },
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def test_an_unguessable_name_keeps_only_the_lowercased_extension():
    name = unguessable_name("photos", "IMG_1234.JPG")
    assert name.startswith("photos/") and name.endswith(".jpg") and "IMG" not in name
    assert unguessable_name("photos", "IMG_1234.JPG") != name


def test_a_private_bucket_file_has_the_sites_address_and_goes_out_signed(settings):
    settings.STORAGES = S3
    from django.core.files.storage import default_storage

    assert default_storage.url("photos/abc.png") == "/media/photos/abc.png"
    response = stored_file_response("photos/abc.png", private=False)
    assert response.status_code == 302
    assert response["Location"].startswith("http://127.0.0.1:9/newsroom-media/photos/abc.png?")
    assert "Signature" in response["Location"] or "X-Amz-Signature" in response["Location"]
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("private, directive", [(True, "no-store"), (False, "no-cache")])
def test_the_web_server_sends_the_file_when_configured(settings, private, directive):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    response = stored_file_response("scans/abc.pdf", private=private)
    assert response["X-Accel-Redirect"] == "/protected-media/scans/abc.pdf"
    assert response["Content-Type"] == "application/pdf" and directive in response["Cache-Control"]
