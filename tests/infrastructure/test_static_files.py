import json

import pytest
from django.core.management import call_command

from newsroom.settings import base

pytestmark = pytest.mark.django_db


def test_static_files_are_collected_hashed_and_compressed_and_served_by_whitenoise(settings, tmp_path):
    from django.test import Client

    settings.STORAGES = base.STORAGES
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)

    hashed = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]["css/site.css"]
    assert hashed != "css/site.css"
    assert (tmp_path / f"{hashed}.gz").exists()
    # A new client builds WhiteNoise afresh, so it finds the files just collected.
    client = Client()
    assert f"/static/{hashed}" in client.get("/").content.decode()
    response = client.get(f"/static/{hashed}", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
