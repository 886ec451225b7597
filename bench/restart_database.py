"""Restart PostgreSQL in the middle of a load run: errors only during the outage, then recovery, with the
same gunicorn (no restart of the application).

    .venv/bin/python bench/restart_database.py --base http://127.0.0.1:8100 --seconds 20 --restart-at 6 \
        --restart "pg_ctlcluster --skip-systemctl-redirect 15 main restart"

Prints, second by second, the answers to story pages (a different story each request, so the cache does
not hide the database) and to /healthz, and how long the slowest request took.
"""

import argparse
import http.client
import subprocess
import threading
import time
import urllib.parse
from collections import Counter, defaultdict


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8100")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--restart-at", type=float, default=6)
    parser.add_argument("--restart", required=True, help="shell command that restarts the database")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--first-story", type=int, default=30000)
    arguments = parser.parse_args()
    parts = urllib.parse.urlsplit(arguments.base)
    started = time.monotonic()
    stop = started + arguments.seconds
    timeline, slowest, lock = defaultdict(Counter), [0.0], threading.Lock()
    counter = iter(range(10**9))

    def client():
        while time.monotonic() < stop:
            with lock:
                number = next(counter)
            path = "/healthz" if number % 5 == 0 else f"/articles/{arguments.first_story + number}/"
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            begun = time.monotonic()
            try:
                connection.request("GET", path, headers={"Host": parts.hostname})
                outcome = str(connection.getresponse().status)
            except (OSError, http.client.HTTPException) as error:
                outcome = type(error).__name__
            finally:
                connection.close()
            took = time.monotonic() - begun
            kind = "healthz" if path == "/healthz" else "story"
            with lock:
                timeline[int(begun - started)][f"{kind} {outcome}"] += 1
                slowest[0] = max(slowest[0], took)

    threads = [threading.Thread(target=client) for _ in range(arguments.concurrency)]
    for thread in threads:
        thread.start()
    time.sleep(arguments.restart_at)
    restart_began = time.monotonic() - started
    subprocess.run(arguments.restart, shell=True, check=True)
    restart_ended = time.monotonic() - started
    for thread in threads:
        thread.join()
    print(f"restart ran from {restart_began:.1f} s to {restart_ended:.1f} s")
    for second in sorted(timeline):
        print(
            f"{second:>3} s  "
            + "  ".join(f"{key}: {count}" for key, count in sorted(timeline[second].items()))
        )
    print(f"slowest request: {slowest[0] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
