import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """The local-memory cache outlives a test; row ids are reused, so presence notes would leak."""
    from django.core.cache import cache

    cache.clear()
