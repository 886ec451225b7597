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
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import children, load
from servers import gunicorn, own_redis

# Off, an extreme, and production's (gunicorn.conf.py: 2000, staggered by a tenth).
RECYCLING = (0, 100, 2000)
WARM_UP = ["/", "/articles/50000/", "/articles/?page=20", "/search/?q=乡村振兴"]


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


def run(preload, max_requests, seconds, port, redis_url):
    descriptor, times = tempfile.mkstemp(suffix=".times")
    os.close(descriptor)
    settings = {
        "GUNICORN_PRELOAD": "1" if preload else "0",
        "GUNICORN_MAX_REQUESTS": str(max_requests),
        "BENCH_WORKER_TIMES": times,
    }
    try:
        with gunicorn(port, f"{redis_url}/0", config="bench/gunicorn_timed.py", **settings) as (base, master):
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
        os.unlink(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    options = parser.parse_args()
    with own_redis() as redis_url:
        print(
            "| preload | max_requests | home req/s | errors | workers started | start p50 ms | start max ms |"
            " PSS MB per worker | USS MB per worker |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
        rates = {}
        for preload in (False, True):
            for max_requests in RECYCLING:
                result = run(preload, max_requests, options.seconds, 8150, redis_url)
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


if __name__ == "__main__":
    main()
