import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from articles.models import Photo
from issues.models import Page
from tests.factories import PageFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def test_files_stored_under_upload_names_get_unguessable_ones_once(capsys):
    photo = PhotoFactory()
    storage = photo.image.storage
    old = "photos/2021/01/IMG_1234.png"
    storage.save(old, ContentFile(photo.image.read()))
    Photo.objects.filter(pk=photo.pk).update(image=old)
    page = PageFactory()
    storage.save("scans/2021/page2.pdf", ContentFile(b"%PDF-1.4"))
    Page.objects.filter(pk=page.pk).update(scan="scans/2021/page2.pdf")

    call_command("rename_media")
    assert "2 files renamed." in capsys.readouterr().out
    photo.refresh_from_db()
    page.refresh_from_db()
    assert "IMG_1234" not in photo.image.name and storage.exists(photo.image.name)
    assert not storage.exists(old) and not storage.exists("scans/2021/page2.pdf")
    assert page.scan.read() == b"%PDF-1.4"
    call_command("rename_media")
    assert "0 files renamed." in capsys.readouterr().out
