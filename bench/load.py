"""A bounded HTTP load against a running server: throughput, latency and errors per URL.

Start the server as production runs it (gunicorn.conf.py), for example:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench REDIS_URL=redis://127.0.0.1:6379/5
    export DJANGO_SETTINGS_MODULE=newsroom.settings.prod SECRET_KEY=$(openssl rand -hex 32)
    export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 GUNICORN_WORKERS=2 GUNICORN_BIND=127.0.0.1:8100
    .venv/bin/gunicorn &

then, from a second process:

    .venv/bin/python bench/load.py --base http://127.0.0.1:8100 --seconds 10 --concurrency 8 \
        --cold-redis redis://127.0.0.1:6379/5 --workers-of $(pgrep -of "gunicorn")

Each URL is loaded alone, with the cache cold (flushed first, every request a different page of the same
kind where the URL allows it) and then warm (the same URL again and again); the ratio column divides its
median by the floor's: /livez, served by the same server in the same run. Only the standard library is
used, so the load process stays small.
"""

import argparse
import http.client
import json
import statistics
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

PAGES = {
    "floor (/livez)": "/livez",
    "home": "/",
    "township filter": "/articles/?township=chengbei-jiedao",
    "list page 50": "/articles/?page=50",
    "story": "/articles/{story}/",
    "issue": "/issues/{issue}/",
    "feed": "/feed/",
    "search": "/search/?q=乡村振兴",
}
# With --reference, against bench/reference_wsgi.py: the cheapest pages Django can make afresh.
REFERENCE_PAGES = {
    "base.html, no query": "/bench/template",
    "one query + base.html": "/bench/one-query/{story}",
}
# For a cold cache, each request asks for another page of the same kind, so the cache cannot help.
COLD_VARIANTS = {
    "township filter": "/articles/?township=chengbei-jiedao&page={n}",
    "list page 50": "/articles/?page={n50}",
    "story": "/articles/{story_n}/",
    "issue": "/issues/{issue_n}/",
    "search": "/search/?q=乡村振兴&page={n}",
    "one query + base.html": "/bench/one-query/{story_n}",
}


def load(base, paths, seconds, concurrency):
    """Requests from `concurrency` keep-alive connections for `seconds`; paths is a function of a counter."""
    parsed = urllib.parse.urlsplit(base)
    stop = time.monotonic() + seconds
    latencies, statuses, errors, lock = [], Counter(), Counter(), threading.Lock()
    counter = iter(range(10**9))

    def client():
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        while time.monotonic() < stop:
            with lock:
                number = next(counter)
            path = urllib.parse.quote(paths(number), safe="/?=&")
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Host": parsed.hostname})
                response = connection.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    statuses[response.status] += 1
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors[type(error).__name__] += 1
                connection.close()
                connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "per_second": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else None,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else None,
        "statuses": dict(statuses),
        "errors": dict(errors),
    }


def children(master_pid):
    """{pid: the fields of /proc/<pid>/status} of each child of the gunicorn master."""
    found = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid):
            found[int(status.parent.name)] = fields
    return found


def worker_memory(master_pid):
    """Resident memory (MB) of each child of the gunicorn master."""
    return sorted(int(fields["VmRSS"].split()[0]) / 1024 for fields in children(master_pid).values())


def flush(redis_url):
    """FLUSHDB on the cache's Redis database, by hand over a socket: the load process imports nothing."""
    parsed = urllib.parse.urlsplit(redis_url)
    import socket

    with socket.create_connection((parsed.hostname, parsed.port or 6379)) as sock:
        database = (parsed.path or "/0").lstrip("/") or "0"
        sock.sendall(f"SELECT {database}\r\nFLUSHDB\r\n".encode())
        sock.recv(100)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8100")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--story", type=int, default=50000, help="id of a published story")
    parser.add_argument("--issue", type=int, default=500, help="number of a published issue")
    parser.add_argument("--cold-redis", help="Redis URL of the page cache, flushed before each cold run")
    parser.add_argument("--workers-of", type=int, help="gunicorn master pid, to report worker memory")
    parser.add_argument("--only", nargs="*", help="names of the pages to load (default: all)")
    parser.add_argument("--reference", action="store_true", help="also the reference pages (see above)")
    parser.add_argument("--sustained", type=float, help="instead: one run this long over every kind of page")
    arguments = parser.parse_args()
    if arguments.sustained:
        kinds = [template for name, template in PAGES.items() if not name.startswith("floor")]

        def mixed(number):
            return kinds[number % len(kinds)].format(
                story=arguments.story + number % 5000, issue=1 + (arguments.issue + number) % 1000
            )

        result = load(arguments.base, mixed, arguments.sustained, arguments.concurrency)
        print(json.dumps(result, indent=1))
        return
    results = {}
    pages = {**PAGES, **REFERENCE_PAGES} if arguments.reference else PAGES
    for name, template in pages.items():
        if arguments.only and name not in arguments.only and not name.startswith("floor"):
            continue
        warm_path = template.format(story=arguments.story, issue=arguments.issue)
        for state in ("cold", "warm"):
            if state == "cold" and arguments.cold_redis:
                flush(arguments.cold_redis)
            variant = COLD_VARIANTS.get(name) if state == "cold" else None

            def paths(number, variant=variant, warm_path=warm_path):
                if variant is None:
                    return warm_path
                return variant.format(
                    n=1 + number % 200,
                    n50=50 + number % 200,
                    story_n=arguments.story + number,
                    issue_n=1 + (arguments.issue + number) % 1000,
                )

            results[(name, state)] = load(arguments.base, paths, arguments.seconds, arguments.concurrency)
    print(
        f"{'page':<22} {'cache':<5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'x floor':>8}  statuses/errors"
    )
    for (name, state), result in results.items():
        floor = results[("floor (/livez)", state)]["p50_ms"]
        ratio = result["p50_ms"] / floor if result["p50_ms"] and floor else float("nan")
        numbers = (
            f"{result['per_second']:>8.0f} {result['p50_ms']:>8.1f} {result['p95_ms']:>8.1f} {ratio:>8.2f}"
        )
        outcome = f"{json.dumps(result['statuses'])} {json.dumps(result['errors'])}"
        print(f"{name:<22} {state:<5} {numbers}  {outcome}")
    if arguments.workers_of:
        print("worker memory, MB:", ", ".join(f"{size:.0f}" for size in worker_memory(arguments.workers_of)))


if __name__ == "__main__":
    main()
