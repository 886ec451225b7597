import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.settings.base import env_bool, env_list

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION_ENVIRONMENT = {
    "SECRET_KEY": "k3#v9Lq!2wZp$7Rt@5Yx^8Nc&4Bm*6Hd(1Jf)0Gs-Ue=Ai+Oo~Tq3Vr8",
    "DATABASE_URL": "sqlite:///:memory:",
    "ALLOWED_HOSTS": "news.example.cn",
}
# The footer's registrations: production starts without them, and `check --deploy` warns.
REGISTRATIONS = {
    "SITE_ICP_NUMBER": "晋ICP备12345678号-1",
    "SITE_PUBLIC_SECURITY_NUMBER": "晋公网安备14110202000001号",
    "SITE_NEWS_LICENCE_NUMBER": "14120190001",
}


# Not inherited from the test run: optional production settings, and the browser tests' async switch.
OPTIONAL_ENVIRONMENT = (
    "REDIS_URL",
    "DATABASE_REPLICA_URLS",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "CONN_MAX_AGE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    *REGISTRATIONS,
)


def with_production_settings(command, **overrides):
    """Run a command in a process of its own under the production settings and this environment."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENVIRONMENT and key not in OPTIONAL_ENVIRONMENT
    }
    environment.update({**PRODUCTION_ENVIRONMENT, **overrides})
    environment["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.prod"
    return subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True)


def production_setting(expression, **overrides):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return with_production_settings([sys.executable, "-c", code], **overrides)


def load_production_settings(**overrides):
    return production_setting("settings.DEBUG", **overrides)


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


def test_the_deployment_checklist_passes_with_the_production_settings():
    result = with_production_settings(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="newsroom.settings.prod",
        **REGISTRATIONS,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deployment_checklist_fails_with_a_weak_key():
    result = with_production_settings(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY="x" * 50,
        **REGISTRATIONS,
    )
    assert result.returncode != 0 and "security.W009" in result.stderr


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("settings.SECURE_HSTS_SECONDS", "31536000"),
        ("settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE", "True"),
        ("settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY", "True"),
        ("settings.SECURE_SSL_REDIRECT", "True"),
        ("settings.X_FRAME_OPTIONS", "DENY"),
        ("oct(settings.FILE_UPLOAD_PERMISSIONS)", "0o644"),
        ("settings.DATABASES['default']['CONN_MAX_AGE']", "60"),
        ("settings.DATABASES['default']['CONN_HEALTH_CHECKS']", "True"),
        ("settings.CACHES['default']['BACKEND']", "django.core.cache.backends.locmem.LocMemCache"),
        ("settings.STORAGES['default']['BACKEND']", "django.core.files.storage.FileSystemStorage"),
        ("settings.CSRF_TRUSTED_ORIGINS", "['https://news.example.cn']"),
    ],
)
def test_production_settings(expression, value):
    result = production_setting(expression)
    assert result.stdout.strip() == value, result.stderr


def test_redis_is_the_cache_when_redis_url_is_set():
    result = production_setting("settings.CACHES['default']", REDIS_URL="redis://127.0.0.1:6379/3")
    assert (
        "infrastructure.cache_backends.BreakerRedisCache" in result.stdout
        and "breaker_seconds" in result.stdout
    )
    assert "redis://127.0.0.1:6379/3" in result.stdout


def test_media_goes_to_object_storage_when_a_bucket_is_named():
    result = production_setting(
        "(settings.STORAGES['default']['BACKEND'], "
        "__import__('django.core.files.storage', fromlist=['_']).default_storage.bucket_name)",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert result.stdout.strip() == "('infrastructure.private_s3.PrivateS3Storage', 'newsroom-media')", (
        result.stderr
    )


def test_gunicorn_loads_its_configuration_and_the_application():
    result = with_production_settings([str(Path(sys.executable).parent / "gunicorn"), "--check-config"])
    assert result.returncode == 0, result.stdout + result.stderr
    config = with_production_settings(
        [str(Path(sys.executable).parent / "gunicorn"), "--print-config"], GUNICORN_WORKERS="2"
    )
    values = dict(line.split(" = ", 1) for line in config.stdout.splitlines() if " = " in line)
    values = {key.strip(): value.strip() for key, value in values.items()}
    assert (values["workers"], values["timeout"], values["graceful_timeout"]) == ("2", "30", "30")
    assert values["wsgi_app"] == "newsroom.wsgi:application" and values["accesslog"] == "-"
    assert values["control_socket_disable"] == "True"  # no shared socket in $HOME
    assert values["preload_app"] == "True"  # workers fork from a master that imported the application
    own = with_production_settings(
        [str(Path(sys.executable).parent / "gunicorn"), "--print-config"],
        GUNICORN_CONTROL_SOCKET="/run/a.ctl",
    )
    assert "control_socket_disable             = False" in own.stdout and "/run/a.ctl" in own.stdout


def test_replicas_are_named_by_database_replica_urls():
    result = production_setting(
        "(settings.DATABASE_REPLICAS, settings.DATABASES['replica2']['HOST'], "
        "settings.DATABASES['replica2']['CONN_MAX_AGE'], settings.DATABASE_ROUTERS)",
        DATABASE_URL="postgres://u@10.0.0.1:5432/newsroom",
        DATABASE_REPLICA_URLS="postgres://u@10.0.0.2:5432/newsroom,postgres://u@10.0.0.3:5432/newsroom",
    )
    assert (
        result.stdout.strip()
        == "(['replica1', 'replica2'], '10.0.0.3', 60, ['infrastructure.routers.ReplicaRouter'])"
    )
