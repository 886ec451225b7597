"""Test settings: fast hashing, local memory cache, plain static storage so {% static %} needs no manifest."""

import tempfile

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
# WhiteNoise warns when STATIC_ROOT is missing; tests never collect static files.
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-test-static-")
