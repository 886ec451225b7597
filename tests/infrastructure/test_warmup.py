"""The warm-up a preloading gunicorn master runs once for every worker: the readers' templates compiled,
no query made (no connection may cross the fork)."""

from django.template import engines

from infrastructure.warmup import reader_templates, warm_up


def compiled_names(environment):
    return {name for _, name in environment.cache}


def test_the_readers_templates_are_compiled_without_a_query():
    """No django_db mark: a query would raise here."""
    environment = engines["jinja2"].env
    environment.cache.clear()
    names = set(reader_templates())
    assert {"base.html", "error.html", "macros.html", "articles/article_detail.html"} <= names
    assert not any(name.startswith("registration/") for name in names)

    warm_up()

    assert names <= compiled_names(environment)
