"""Two app servers sharing one PostgreSQL and one Redis: a change made on one is seen on the other at once.

Start two gunicorn instances with the same environment (docs/benchmarks.md gives the commands), on
ports 8100 and 8101, and a chief editor account; then:

    .venv/bin/python bench/two_instances.py --one http://127.0.0.1:8100 --other http://127.0.0.1:8101 \
        --story 50000 --username chief --password …

It warms the other server's cache with the story, its list and the feed, corrects the story through the
first server's admin and reads the correction on the other; then withdraws it there and checks that the
other answers 404 and lists it nowhere. Every step prints what it saw; the exit status is 1 if any
expectation fails.
"""

import argparse
import http.client
import re
import sys
import urllib.parse


class Browser:
    """Keep-alive HTTP with cookies by hand (the production cookies are Secure, the test runs on HTTP)."""

    def __init__(self, base):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port, self.cookies = parts.hostname, parts.port, {}

    def request(self, method, path, fields=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Host": self.host, "X-Forwarded-Proto": "https", "Referer": f"https://{self.host}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        content = response.read().decode()
        connection.close()
        return response.status, content

    def csrf(self, path):
        _status, content = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", default="http://127.0.0.1:8100")
    parser.add_argument("--other", default="http://127.0.0.1:8101")
    parser.add_argument("--story", type=int, required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    arguments = parser.parse_args()
    editor, reader = Browser(arguments.one), Browser(arguments.other)
    story = f"/articles/{arguments.story}/"
    failures = 0

    def expect(label, condition):
        nonlocal failures
        failures += not condition
        print(f"{'ok  ' if condition else 'FAIL'} {label}")

    status, page = reader.request("GET", story)
    headline = re.search(r'<h1 class="headline">(.*?)</h1>', page, re.S).group(1).strip()
    expect(f"other server shows the story ({status}): {headline}", status == 200)
    for path in ("/", "/feed/"):
        _status, page = reader.request("GET", path)  # also warms the other server's cache
        expect(f"other server's {path} links it before", story in page)
    token = editor.csrf("/admin/login/")
    status, _ = editor.request(
        "POST",
        "/admin/login/",
        {"csrfmiddlewaretoken": token, "username": arguments.username, "password": arguments.password},
    )
    expect(f"logged in on the first server ({status})", status == 302)
    change = f"/admin/articles/article/{arguments.story}/change/"
    transition = f"/admin/articles/article/{arguments.story}/transition/"
    note = "更正：两台服务器同时可见"
    status, _ = editor.request(
        "POST", transition, {"csrfmiddlewaretoken": editor.csrf(change), "action": "correct", "comment": note}
    )
    expect(f"corrected on the first server ({status})", status == 302)
    status, page = reader.request("GET", story)
    expect("other server shows the correction at once", status == 200 and note in page)
    status, _ = editor.request(
        "POST",
        transition,
        {"csrfmiddlewaretoken": editor.csrf(change), "action": "withdraw", "comment": "撤回"},
    )
    expect(f"withdrawn on the first server ({status})", status == 302)
    status, _ = reader.request("GET", story)
    expect(f"other server answers 404 for it at once ({status})", status == 404)
    for path in ("/", "/feed/"):
        _status, page = reader.request("GET", path)
        expect(f"other server's {path} no longer links it", story not in page)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
