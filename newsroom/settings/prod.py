"""Production: everything comes from the environment, and a missing essential stops the start."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

for required in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"Set the {required} environment variable for production.")

DEBUG = False
