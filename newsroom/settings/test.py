"""Test settings: fast hashing, local memory cache, plain static storage so {% static %} needs no manifest."""

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests see every change at once; tests/infrastructure/test_caching.py turns the page cache on where it
# is the subject.
PUBLIC_CACHE_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# tests/conftest.py gives every test a media folder of its own.
MEDIA_ROOT = VAR_DIR / "test-media"
# WhiteNoise warns when STATIC_ROOT is missing; tests never collect into it.
STATIC_ROOT = VAR_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# A replica alias that is the test database itself, for tests that route readers to a replica
# (tests/infrastructure/test_routers.py); DATABASE_REPLICAS stays empty, so no other test reads from it.
DATABASES["replica1"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
