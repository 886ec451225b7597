"""The production application plus two reference pages, for bench/load.py --reference only.

    GUNICORN_BIND=127.0.0.1:8100 .venv/bin/gunicorn bench.reference_wsgi:application

They bound what any page made afresh can cost, below the real ones: /bench/template renders base.html
with no query; /bench/one-query/<pk> reads one published story by primary key and renders its headline
and paragraphs into base.html. Neither is cached, and both pass through every middleware, as pages do.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.prod")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.shortcuts import get_object_or_404  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import include, path  # noqa: E402

from articles.models import Article  # noqa: E402

PAGE = engines["jinja2"].from_string(
    '{% extends "base.html" %}{% block content %}{% if article %}<h1>{{ article.headline }}</h1>'
    "{% for paragraph in article.paragraphs %}<p>{{ paragraph }}</p>{% endfor %}{% endif %}"
    "{% endblock content %}"
)


def template_only(request):
    return HttpResponse(PAGE.render({}, request))


def one_query(request, pk):
    article = get_object_or_404(Article.objects.published(), pk=pk)
    return HttpResponse(PAGE.render({"article": article}, request))


urlpatterns = [
    path("bench/template", template_only),
    path("bench/one-query/<int:pk>", one_query),
    path("", include(settings.ROOT_URLCONF)),
]
settings.ROOT_URLCONF = __name__
