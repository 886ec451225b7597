"""Servers for the benchmarks: an own Redis (never the shared one's data) and gunicorn as production runs
it, each stopped by its own pid when the block ends. Used by bench/workers.py and bench/site_cache.py."""

import contextlib
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REDIS_PORT = 6391


@contextlib.contextmanager
def own_redis(port=REDIS_PORT):
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    try:
        time.sleep(0.5)
        yield f"redis://127.0.0.1:{port}"
    finally:
        redis.terminate()
        redis.wait()


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


@contextlib.contextmanager
def gunicorn(port, redis_url, config="gunicorn.conf.py", **environment):
    """gunicorn with the production settings and 2 workers on `port`; yields (base URL, master process)."""
    master = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", str(ROOT / config), "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + "x" * 50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "REDIS_URL": redis_url,
            "GUNICORN_WORKERS": "2",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_LOG_LEVEL": "warning",
            **environment,
        },
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/livez")
        yield base, master
    finally:
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=60)
