"""gunicorn workers: how long one takes to start, what it costs in memory, and what recycling them under
load costs in throughput, with the application preloaded in the master and without.

Against a seeded archive (docs/benchmarks.md), on PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench .venv/bin/python bench/workers.py

It starts its own Redis (port 6391, stopped by its pid at the end) and, for each setting, gunicorn as
production runs it (gunicorn.conf.py through bench/gunicorn_timed.py, 2 workers). A worker's start is
the time from the master's fork to the worker being ready to serve. Memory is read from
/proc/<pid>/smaps_rollup after a warm-up over the home page, a story, a list and a search: PSS (shared
pages divided among their sharers) and USS (the worker's own pages). Throughput is the warm home page's,
with recycling off, every 100 requests and every 2000 (production's), each setting in the same run.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from load import load  # noqa: E402

REDIS_PORT = 6391
# Off, an extreme, and production's (gunicorn.conf.py: 2000, staggered by a tenth).
RECYCLING = (0, 100, 2000)
WARM_UP = ["/", "/articles/50000/", "/articles/?page=20", "/search/?q=乡村振兴"]


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


def children(pid):
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def memory(pid):
    """(PSS, USS) in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return fields["Pss"] / 1024, (fields["Private_Clean"] + fields["Private_Dirty"]) / 1024


def start_times(path):
    forks, ready = {}, {}
    for line in Path(path).read_text().splitlines():
        event, age, moment = line.split()
        (forks if event == "fork" else ready)[age] = float(moment)
    return [(ready[age] - forks[age]) * 1000 for age in ready if age in forks]


def run(preload, max_requests, seconds, port):
    descriptor, times = tempfile.mkstemp(suffix=".times")
    os.close(descriptor)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_PRELOAD": "1" if preload else "0",
        "GUNICORN_MAX_REQUESTS": str(max_requests),
        "GUNICORN_LOG_LEVEL": "warning",
        "BENCH_WORKER_TIMES": times,
    }
    master = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            str(ROOT / "bench/gunicorn_timed.py"),
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/livez")
        for path in WARM_UP:
            load(base, lambda _number, path=path: path, 1.5, 2)
        worker_memory = [memory(pid) for pid in children(master.pid)]
        result = load(base, lambda _number: "/", seconds, 4)
        return {
            "per_second": result["per_second"],
            "errors": sum(result["errors"].values())
            + sum(n for s, n in result["statuses"].items() if s != 200),
            "memory": worker_memory,
            "starts": start_times(times),
        }
    finally:
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=60)
        os.unlink(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    options = parser.parse_args()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        print(
            "| preload | max_requests | home req/s | errors | workers started | start p50 ms | start max ms |"
            " PSS MB per worker | USS MB per worker |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
        rates = {}
        for preload in (False, True):
            for max_requests in RECYCLING:
                result = run(preload, max_requests, options.seconds, 8150)
                rates[preload, max_requests] = result["per_second"]
                starts = result["starts"]
                setting = f"{'on' if preload else 'off'} | {max_requests or 'off'}"
                print(
                    f"| {setting} | {result['per_second']:.0f} | {result['errors']} | {len(starts)} | "
                    f"{statistics.median(starts):.0f} | {max(starts):.0f} | "
                    + ", ".join(f"{pss:.0f}" for pss, _uss in result["memory"])
                    + " | "
                    + ", ".join(f"{uss:.0f}" for _pss, uss in result["memory"])
                    + " |"
                )
        print()
        for preload in (False, True):
            for max_requests in RECYCLING[1:]:
                kept = rates[preload, max_requests] / rates[preload, 0]
                print(
                    f"preload {'on' if preload else 'off'}, a recycle every {max_requests} requests: "
                    f"{kept:.0%} of the throughput without recycling"
                )
    finally:
        redis.terminate()
        redis.wait()


if __name__ == "__main__":
    main()
