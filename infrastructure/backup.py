"""Backups: a consistent snapshot of the database and the media, and a fresh instance rebuilt from one.

A backup is a folder holding
- database.dump (PostgreSQL, pg_dump -Fc) or database.sqlite3 (SQLite's online backup API, never a file
  copy, so a write in progress cannot tear it);
- media.tar, every file of the media storage (the filesystem or S3-compatible object storage);
- manifest.json: the database vendor, the rows per table and each media file's SHA-256.

The database is dumped first. Media files are never overwritten (new uploads get new names), so every
file the dump refers to is in the media copy that follows it.
"""

import datetime
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection


class BackupError(Exception):
    pass


def row_counts():
    """Rows per model table, to compare a restored instance with its backup."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def media_files(storage=default_storage, folder=""):
    """Every file name in the storage, walking its folders."""
    if not folder and not _media_exists(storage):
        return
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for name in folders:
        yield from media_files(storage, f"{folder}/{name}" if folder else name)


def _media_exists(storage):
    # A filesystem storage whose folder was never created has no files (listdir would fail); object
    # storage always lists.
    return not isinstance(storage, FileSystemStorage) or os.path.isdir(storage.location)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def _pg_environment():
    settings = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    arguments = ["--host", settings.get("HOST") or "localhost", "--port", str(settings.get("PORT") or 5432)]
    if settings.get("USER"):
        arguments += ["--username", settings["USER"]]
    return environment, arguments


def backup(destination):
    """Write a backup into a new folder under `destination`; returns the folder."""
    folder = Path(destination) / datetime.datetime.now().strftime("newsroom-%Y%m%d-%H%M%S-%f")
    folder.mkdir(parents=True)
    manifest = {
        "vendor": connection.vendor,
        "created": datetime.datetime.now().isoformat(),
        "rows": row_counts(),
    }
    if connection.vendor == "postgresql":
        environment, arguments = _pg_environment()
        dump = folder / "database.dump"
        command = ["pg_dump", "--format=custom", "--no-owner", *arguments, "--file", str(dump)]
        result = subprocess.run(
            [*command, connection.settings_dict["NAME"]], env=environment, capture_output=True
        )
        if result.returncode:
            raise BackupError(result.stderr.decode(errors="replace"))
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / "database.sqlite3") as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        raise BackupError(f"No backup for a {connection.vendor} database.")
    hashes = {}
    with tarfile.open(folder / "media.tar", "w") as archive:
        for name in sorted(media_files()):
            with default_storage.open(name, "rb") as file:
                data = file.read()
            hashes[name] = sha256(data)
            entry = tarfile.TarInfo(name)
            entry.size = len(data)
            archive.addfile(entry, io.BytesIO(data))
    manifest["media"] = hashes
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    return folder


def restore(folder):
    """Rebuild this instance's database and media from a backup folder; returns its manifest."""
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest['vendor']} database, this instance uses {connection.vendor}."
        )
    if connection.vendor == "postgresql":
        environment, arguments = _pg_environment()
        connection.close()
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *arguments]
        command += ["--dbname", connection.settings_dict["NAME"], str(folder / "database.dump")]
        result = subprocess.run(command, env=environment, capture_output=True)
        if result.returncode:
            raise BackupError(result.stderr.decode(errors="replace"))
    else:
        connection.ensure_connection()
        with sqlite3.connect(folder / "database.sqlite3") as copy:
            copy.backup(connection.connection)
        copy.close()
    with tarfile.open(folder / "media.tar") as archive:
        for entry in archive.getmembers():
            if not entry.isfile() or entry.name.startswith("/") or ".." in Path(entry.name).parts:
                raise BackupError(f"Unexpected entry in media.tar: {entry.name}")
            data = archive.extractfile(entry).read()
            if sha256(data) != manifest["media"].get(entry.name):
                raise BackupError(f"{entry.name} does not match the manifest.")
            if default_storage.exists(entry.name):
                default_storage.delete(entry.name)
            default_storage.save(entry.name, ContentFile(data))
    restored = row_counts()
    differing = sorted(label for label, rows in manifest["rows"].items() if restored.get(label) != rows)
    if differing:
        raise BackupError(
            "The restored rows differ from the backup's manifest: "
            + ", ".join(
                f"{label} {restored.get(label)} (backup {manifest['rows'][label]})" for label in differing
            )
        )
    return manifest
