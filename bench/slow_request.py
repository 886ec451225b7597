"""A request that runs past the gunicorn timeout is killed alone; the other requests carry on.

Serve bench/slow_wsgi.py with a short timeout (docs/benchmarks.md), then:

    .venv/bin/python bench/slow_request.py --base http://127.0.0.1:8100 --path /articles/50000/

It loads the page for --seconds without, then with, a slow request running, and prints both results and
what became of the slow request.
"""

import argparse
import http.client
import threading
import time
import urllib.parse

from load import load


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8100")
    parser.add_argument("--path", default="/articles/50000/")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=2)
    arguments = parser.parse_args()
    page = lambda number: arguments.path  # noqa: E731 - the same page every time
    before = load(arguments.base, page, arguments.seconds, arguments.concurrency)
    outcome = {}

    def slow():
        parts = urllib.parse.urlsplit(arguments.base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        began = time.monotonic()
        try:
            connection.request("GET", "/bench/slow", headers={"Host": parts.hostname})
            outcome["answer"] = connection.getresponse().status
        except (OSError, http.client.HTTPException) as error:
            outcome["answer"] = type(error).__name__
        outcome["after_s"] = round(time.monotonic() - began, 1)

    thread = threading.Thread(target=slow)
    thread.start()
    during = load(arguments.base, page, arguments.seconds, arguments.concurrency)
    thread.join()
    for label, result in (("without a slow request", before), ("with a slow request", during)):
        print(
            f"{label:<24} {result['per_second']:>6.0f} req/s  p50 {result['p50_ms']:.1f} ms  "
            f"p95 {result['p95_ms']:.1f} ms  {result['statuses']} {result['errors']}"
        )
    print(f"the slow request: {outcome['answer']} after {outcome['after_s']} s")


if __name__ == "__main__":
    main()
