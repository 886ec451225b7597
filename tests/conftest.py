import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections, transaction
from django.template.backends import jinja2
from django.test.signals import template_rendered

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parent.parent / "var" / "screenshots")
)


@pytest.fixture(autouse=True, scope="session")
def _jinja2_reports_what_it_renders():
    """As Django's test runner does for its own engine: a Jinja2 template sends template_rendered, so that
    the test client's response.context and response.templates hold the readers' pages too."""
    render = jinja2.Template.render

    def instrumented_render(self, context=None, request=None):
        context = {} if context is None else context
        template_rendered.send(sender=self, template=self.template, context=context)
        return render(self, context, request)

    jinja2.Template.render = instrumented_render
    yield
    jinja2.Template.render = render


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """The local-memory cache outlives a test; row ids are reused, so presence notes would leak."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def page_cache(settings, django_capture_on_commit_callbacks):
    """The server's page cache (infrastructure/caching.py) on, as in production; call it with a change to run
    the change and the hooks that fire when its transaction commits."""
    settings.PUBLIC_CACHE_SECONDS = 300

    def committed(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return committed


@pytest.fixture
def background_worker():
    """Run the queued background tasks as `manage.py db_worker` does, but in the test's own connection:
    the command closes connections between tasks, which would end the test's transaction."""

    def run():
        from django_tasks_db.management.commands.db_worker import Worker
        from django_tasks_db.models import DBTaskResult

        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test",
            excluded_queue_names=[],
        )
        while True:
            with transaction.atomic():  # as the worker claims a task: locked, in a transaction
                task = DBTaskResult.objects.ready().get_locked()
                if task is None:
                    return
                task.claim(worker.worker_id)
            worker.run_task(task)

    return run


@pytest.fixture
def browser():
    """Debian's chromium driven by Playwright, headless."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls here are the test's own set-up.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()
        # The test's ORM calls ran inside Playwright's loop, on connections of that context: close them
        # here, or PostgreSQL's test database still has a session when it is dropped.
        connections.close_all()


DEMO_PASSWORD = "browser-test-password"


@pytest.fixture
def demo_staff(settings, monkeypatch):
    """The accounts `make run` creates: reporter, reporter2, editor, editor2, chief."""
    settings.DEBUG = True  # load_demo refuses to run otherwise
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
