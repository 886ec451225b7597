"""backup and restore round-trip a database with drafts, revisions and photos, on SQLite and PostgreSQL."""

import io
import json

import pytest
import reversion
from django.core.files.storage import Storage, default_storage
from django.core.management import CommandError, call_command
from reversion.models import Version

from articles.models import Article, Photo
from infrastructure.backup import media_files, row_counts, sha256
from issues.models import Issue
from tests.factories import ArticleFactory, PageFactory, PhotoFactory, png_file

# pg_dump and SQLite's backup API read committed data, so the data is really committed here.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def media_hashes():
    hashes = {}
    for name in media_files():
        with default_storage.open(name, "rb") as file:
            hashes[name] = sha256(file.read())
    return hashes


def build_newsroom():
    page = PageFactory()
    published = ArticleFactory(published=True, page=page, position=1, headline="已发布的稿件")
    with reversion.create_revision():
        draft = ArticleFactory(headline="草稿第一版")
    with reversion.create_revision():
        draft.headline = "草稿第二版"
        draft.save()
    PhotoFactory(article=published, image=png_file("walk.png", (640, 480)))
    PhotoFactory(page=page, image=png_file("donkeys.png", (320, 200)), caption="西属巴街道养驴场。")


def test_a_backup_restores_into_a_fresh_instance_with_the_same_rows_and_files(tmp_path):
    build_newsroom()
    rows, files = row_counts(), media_hashes()
    assert Version.objects.count() == 2 and len(files) >= 6  # two images, each with two renditions

    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path), stdout=out)
    folder = tmp_path / out.getvalue().strip().rsplit("/", 1)[-1]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["rows"] == rows and manifest["media"] == files

    # A fresh instance: no stories, no revisions, no files.
    Photo.objects.all().delete()
    Version.objects.all().delete()
    Article.objects.all().delete()
    Issue.objects.all().delete()
    for name in list(media_files()):
        default_storage.delete(name)
    assert not media_hashes()

    call_command("restore", str(folder), stdout=io.StringIO())
    assert row_counts() == rows
    assert media_hashes() == files
    draft = Article.objects.get(headline="草稿第二版")
    assert draft.status == Article.Status.DRAFT
    assert [v.field_dict["headline"] for v in Version.objects.get_for_object(draft)] == [
        "草稿第二版",
        "草稿第一版",
    ]
    assert Article.objects.published().get().headline == "已发布的稿件"


def test_restore_refuses_an_instance_that_has_stories(tmp_path):
    ArticleFactory()
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path), stdout=out)
    with pytest.raises(CommandError, match="already has stories"):
        call_command("restore", out.getvalue().strip())


def test_restore_refuses_a_tampered_media_file(tmp_path):
    build_newsroom()
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path), stdout=out)
    folder = out.getvalue().strip()
    manifest_path = tmp_path / folder.rsplit("/", 1)[-1] / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    first = next(iter(manifest["media"]))
    manifest["media"][first] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="does not match the manifest"):
        call_command("restore", folder, "--replace")


class ObjectStorage(Storage):
    """Lists like S3Storage, whose location is a key prefix, not a folder on disk."""

    location = ""
    tree = {"": (["photos"], ["top.png"]), "photos": ([], ["walk.jpg"])}

    def listdir(self, path):
        return self.tree[path]


def test_media_in_object_storage_is_listed():
    assert sorted(media_files(ObjectStorage())) == ["photos/walk.jpg", "top.png"]


def backed_up(tmp_path):
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path), stdout=out)
    return tmp_path / out.getvalue().strip().rsplit("/", 1)[-1]


def test_a_backup_restores_into_an_empty_database_not_even_migrated(tmp_path):
    from django.db import connection

    build_newsroom()
    rows = row_counts()
    folder = backed_up(tmp_path)
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:  # an empty database: no tables at all
        if not postgresql:
            cursor.execute("PRAGMA foreign_keys = OFF")
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'DROP TABLE IF EXISTS "{table}"{" CASCADE" if postgresql else ""}')
        if not postgresql:
            cursor.execute("PRAGMA foreign_keys = ON")
    assert not connection.introspection.table_names()
    call_command("restore", str(folder), stdout=io.StringIO())
    assert row_counts() == rows


def test_a_restore_whose_rows_differ_from_the_manifest_says_which(tmp_path):
    build_newsroom()
    folder = backed_up(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["rows"]["articles.Article"] += 1
    (folder / "manifest.json").write_text(json.dumps(manifest))
    Photo.objects.all().delete()
    Article.objects.all().delete()
    Issue.objects.all().delete()
    with pytest.raises(CommandError, match=r"articles\.Article"):
        call_command("restore", str(folder))
