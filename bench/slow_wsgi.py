"""The production application plus one deliberately slow URL, for bench/slow_request.py only.

GUNICORN_TIMEOUT=5 .venv/bin/gunicorn bench.slow_wsgi:application
"""

import os
import time

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.prod")
django_application = get_wsgi_application()


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/bench/slow":
        time.sleep(float(os.environ.get("SLOW_SECONDS", "60")))  # far past the gunicorn timeout
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"too late"]
    return django_application(environ, start_response)
