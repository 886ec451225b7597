"""gunicorn, as production runs it: `gunicorn` in the project folder reads this file.

Every value can be overridden from the environment (GUNICORN_*), e.g. GUNICORN_BIND=0.0.0.0:8000.
"""

import json
import os

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two processes per core serve requests while others wait on the database; threads add little with the
# GIL-bound segmenter, so the workers are plain synchronous ones.
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1))))
worker_class = "sync"
# The master imports the application once and each worker is forked from it: a worker starts in
# milliseconds (recycled ones too), and the imported code's memory is shared. New code needs a restart,
# not a HUP. The application opens no connection while it is imported, so none is shared across the fork.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# A request running past the timeout has its worker killed and replaced; the others carry on.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On HUP or TERM, workers finish the requests they hold for this long before they are stopped.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then, staggered, so that no slow leak grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Access log as JSON lines on stdout, like the application's own log.
accesslog = "-"
access_log_format = json.dumps(
    {
        "time": "%(t)s",
        "logger": "gunicorn.access",
        "remote": "%(h)s",
        "method": "%(m)s",
        "path": "%(U)s",
        "query": "%(q)s",
        "status": "%(s)s",
        "bytes": "%(B)s",
        "duration_ms": "%(M)s",
        "user_agent": "%(a)s",
    }
)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The load balancer passes the client's address and scheme; trust it only from the address it sends from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn's control socket defaults to one path in $HOME for every instance, so a second instance on the
# machine took over the first's. Off unless GUNICORN_CONTROL_SOCKET gives this instance its own path.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
