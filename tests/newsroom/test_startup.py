"""A web worker imports only what a reader's request needs: the importers' graph matching, the slugs'
pinyin dictionaries and the ledger's spreadsheet writer load when first used (issue 22)."""

import os
import subprocess
import sys

from django.conf import settings

LOADED_WHEN_USED = ("networkx", "pypinyin", "openpyxl", "jieba", "pdfminer", "reportlab")


def test_the_wsgi_application_starts_without_the_heavy_libraries():
    program = (
        "import sys\n"
        "from django.core.wsgi import get_wsgi_application\n"
        "get_wsgi_application()\n"
        "from django.urls import get_resolver\n"
        "get_resolver().url_patterns\n"
        f"print(' '.join(name for name in {LOADED_WHEN_USED!r} if name in sys.modules))\n"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []
