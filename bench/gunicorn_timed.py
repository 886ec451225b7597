"""gunicorn.conf.py, plus hooks that write when each worker is forked and when it is ready to serve, on
one clock shared by the processes (CLOCK_MONOTONIC), to the file named by BENCH_WORKER_TIMES. For
bench/workers.py only."""

import os
import runpy
import time
from pathlib import Path

globals().update(runpy.run_path(str(Path(__file__).parent.parent / "gunicorn.conf.py")))
TIMES = os.environ["BENCH_WORKER_TIMES"]


def _note(event, pid):
    with open(TIMES, "a") as times:
        times.write(f"{event} {pid} {time.monotonic()}\n")


def pre_fork(server, worker):
    _note("fork", worker.age)


def post_worker_init(worker):
    _note("ready", worker.age)
