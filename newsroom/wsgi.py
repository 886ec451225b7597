import os

from django.core.wsgi import get_wsgi_application

from infrastructure.warmup import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.prod")
application = get_wsgi_application()
warm_up()  # with gunicorn's preload_app, once in the master for every worker (infrastructure/warmup.py)
