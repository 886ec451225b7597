"""The warm-up a preloading gunicorn master runs once for every worker: the readers' templates compiled,
no query made (no connection may cross the fork)."""

from django.template import engines

from infrastructure.warmup import reader_templates, warm_up


def cached_names():
    loader = engines["django"].engine.template_loaders[0]
    return {key.split("-")[0] for key in loader.get_template_cache}


def test_the_readers_templates_are_compiled_without_a_query():
    """No django_db mark: a query would raise here."""
    engines["django"].engine.template_loaders[0].reset()
    names = set(reader_templates())
    assert {"base.html", "error.html", "articles/article_detail.html"} <= names
    assert not any(name.startswith("admin/") for name in names)

    warm_up()

    assert names <= cached_names()
