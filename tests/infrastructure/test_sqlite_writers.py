"""Editors saving while the importer runs, on the default SQLite database: no "database is locked"."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def test_concurrent_writers_on_sqlite_all_succeed(tmp_path):
    environment = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'newsroom.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "DEBUG": "0",
    }

    def run(*command):
        result = subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    run(sys.executable, "manage.py", "migrate", "--verbosity", "0")
    report = json.loads(run(sys.executable, "bench/sqlite_writers.py", "--seconds", "4").splitlines()[-1])
    assert report["errors"] == {}
    assert report["writes"]["editor save"] > 0 and report["writes"]["import"] > 0
