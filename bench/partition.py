"""A 撤稿 during a Redis network partition, under mixed load: is any page from before it served after it?

Starts a TCP proxy in front of a Redis of its own (never the shared one), a gunicorn instance under the
production settings whose REDIS_URL goes through the proxy, and readers that ask for public pages for the
whole run. Part-way, the proxy black-holes the traffic (connections are accepted, nothing is forwarded or
answered: a partition, not a refusal); during the partition the chief withdraws a published story and an
editor opens and saves a story in the admin; then the proxy heals. Counts 5xx answers, and answers begun
after the withdrawal was confirmed that still show the story.

Needs a migrated database with the demo loaded (bench/trust_probe.py's docstring shows the set-up) and a
Redis started for it:

    redis-server --port 6390 --save "" --appendonly no --maxmemory 64mb --maxmemory-policy allkeys-lru \\
        --daemonize yes --pidfile /tmp/partition-redis.pid
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_probe MEDIA_ROOT=/tmp/probe-media \\
        .venv/bin/python bench/partition.py --redis-port 6390 --password probe-password

The exit status is 1 if there was a 5xx, a stale page, or the admin could not edit.
"""

import argparse
import os
import re
import selectors
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trust_probe import Session

ROOT = Path(__file__).resolve().parent.parent


class PartitionProxy:
    """Forwards 127.0.0.1:port to the Redis port until partitioned; then holds every byte."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.partitioned = threading.Event()
        self.stopped = threading.Event()
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while not self.stopped.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.pipe, args=(client,), daemon=True).start()

    def pipe(self, client):
        upstream = socket.create_connection(("127.0.0.1", self.target_port))
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, upstream)
        selector.register(upstream, selectors.EVENT_READ, client)
        try:
            while not self.stopped.is_set():
                for key, _ in selector.select(timeout=0.1):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    if not self.partitioned.is_set():  # a partition swallows what is sent
                        key.data.sendall(data)
        except OSError:
            return
        finally:
            client.close()
            upstream.close()


def start_gunicorn(redis_port, bind):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "partition-bench-" + "k" * 50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "GUNICORN_BIND": bind,
    }
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn")],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    reader = Session(f"http://{bind}")
    for _ in range(100):
        try:
            if reader.get("/livez")[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--redis-port", type=int, required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--bind", default="127.0.0.1:8101")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--partition-at", type=float, default=15)
    parser.add_argument("--withdraw-at", type=float, default=25)
    parser.add_argument("--heal-at", type=float, default=40)
    parser.add_argument(
        "--heal-after-withdrawal",
        type=float,
        help="heal this many seconds after the withdrawal is confirmed instead (say 0.2: a short partition)",
    )
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument(
        "--readers-bind",
        help="serve the readers from a second app server on this address, never cut off from Redis: "
        "only the staff's server is partitioned, so only the withdrawal's news misses the cache",
    )
    options = parser.parse_args()

    proxy = PartitionProxy(options.redis_port)
    servers = [start_gunicorn(proxy.port, options.bind)]
    base = readers_base = f"http://{options.bind}"
    if options.readers_bind:
        servers.append(start_gunicorn(options.redis_port, options.readers_bind))
        readers_base = f"http://{options.readers_bind}"
    try:
        chief, editor = Session(base, "chief", options.password), Session(base, "editor", options.password)
        front = Session(readers_base).get("/")[1]
        story = re.findall(r'href="(/articles/\d+/)"', front)[0]
        story_page = Session(readers_base).get(story)[1]
        headline = re.search(r'<h1 class="headline">([^<]+)</h1>', story_page).group(1)
        paths = ["/", "/articles/", "/feed/", story, "/articles/?page=1", "/townships/"]
        answers, withdrawn_at, healed_at, events = [], [None], [], []
        start = time.monotonic()

        def read():
            reader = Session(readers_base)
            turn = 0
            while time.monotonic() - start < options.seconds:
                path = paths[turn % len(paths)]
                turn += 1
                began = time.monotonic()
                status, page = reader.get(path)
                shows = status == 200 and (headline in page if path != story else True)
                answers.append((began - start, path, status, shows))

        readers = [threading.Thread(target=read) for _ in range(options.readers)]
        for thread in readers:
            thread.start()

        def at(moment):
            time.sleep(max(0, start + moment - time.monotonic()))

        def heal():
            proxy.partitioned.clear()
            healed_at.append(time.monotonic() - start)
            events.append((healed_at[0], "heal"))

        at(options.partition_at)
        proxy.partitioned.set()
        events.append((time.monotonic() - start, "partition"))
        at(options.withdraw_at)
        story_id = story.strip("/").rsplit("/", 1)[1]
        status, _ = chief.post(
            f"/admin/articles/article/{story_id}/transition/", {"action": "withdraw", "comment": "分区演练"}
        )
        withdrawn_at[0] = time.monotonic() - start
        events.append((withdrawn_at[0], f"withdraw -> {status}"))
        healing = None
        if options.heal_after_withdrawal is not None:
            healing = threading.Timer(options.heal_after_withdrawal, heal)
            healing.start()
        change = f"/admin/articles/article/{story_id}/change/"
        opened = time.monotonic()
        edit_status = editor.get(change)[0]
        events.append(
            (time.monotonic() - start, f"  (the story page took {time.monotonic() - opened:.2f} s)")
        )
        draft = []
        for status_name in ("draft", "returned", "submitted"):
            _, listed = editor.get(f"/admin/articles/article/?status__exact={status_name}")
            draft = draft or re.findall(r"/admin/articles/article/(\d+)/change/", listed)
        events.append((time.monotonic() - start, f"editor opens a story -> {edit_status}"))
        saved = None
        if draft:
            page = editor.get(f"/admin/articles/article/{draft[0]}/change/")[1]
            fields = dict(
                re.findall(r'name="(headline|body|source|edit_count_seen)"[^>]*value="([^"]*)"', page)
            )
            body = re.search(r'name="body"[^>]*>([^<]*)</textarea>', page)
            saving = time.monotonic()
            saved, _ = editor.post(
                f"/admin/articles/article/{draft[0]}/change/",
                {
                    **fields,
                    "body": body.group(1) if body else "正文。",
                    "bylines-TOTAL_FORMS": 0,
                    "bylines-INITIAL_FORMS": 0,
                    "photos-TOTAL_FORMS": 0,
                    "photos-INITIAL_FORMS": 0,
                },
            )
            events.append(
                (
                    time.monotonic() - start,
                    f"editor saves a draft -> {saved} in {time.monotonic() - saving:.2f} s",
                )
            )
        if healing is None:
            at(options.heal_at)
            heal()
        for thread in readers:
            thread.join()
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        proxy.stopped.set()

    errors = [answer for answer in answers if answer[2] >= 500]
    stale = [answer for answer in answers if answer[0] > withdrawn_at[0] and answer[3]]
    after_heal = [answer for answer in answers if healed_at and answer[0] > healed_at[0]]
    for moment, event in events:
        print(f"{moment:6.1f} s  {event}")
    print(f"answers: {len(answers)} ({len(answers) / options.seconds:.0f}/s), 5xx: {len(errors)}")
    print(
        f"answers begun after the withdrawal: {sum(a[0] > withdrawn_at[0] for a in answers)}, "
        f"of them showing the withdrawn story: {len(stale)}; after the heal: {len(after_heal)}"
    )
    for path in paths:
        late = [answer for answer in stale if answer[1] == path]
        if late:
            print(f"  stale {path}: {len(late)}, from {late[0][0]:.1f} s to {late[-1][0]:.1f} s")
    admin_ok = edit_status == 200 and saved in (None, 302)
    print(f"admin during the partition: open {edit_status}, save {saved}")
    return 0 if not errors and not stale and admin_ok else 1


if __name__ == "__main__":
    sys.exit(main())
