import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.settings.base import env_bool, env_list

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION_ENVIRONMENT = {
    "SECRET_KEY": "x" * 50,
    "DATABASE_URL": "sqlite:///:memory:",
    "ALLOWED_HOSTS": "news.example.cn",
}


def load_production_settings(**overrides):
    environment = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENVIRONMENT}
    environment.update({**PRODUCTION_ENVIRONMENT, **overrides})
    environment["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.prod"
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=environment, capture_output=True, text=True
    )


def test_production_starts_with_its_required_environment():
    result = load_production_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENVIRONMENT))
def test_production_refuses_to_start_without(missing):
    result = load_production_settings(**{missing: ""})
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_env_bool_reads_the_usual_spellings_and_refuses_others(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", default=True) is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG")


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.cn, b.cn ,,")
    assert env_list("HOSTS") == ["a.cn", "b.cn"]
