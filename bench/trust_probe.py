"""Try the ways around review of the Trust I issue against a running instance, as an attacker would: only
over HTTP, with the demo accounts, tampered POSTs included.

Set up an instance under the production settings (PostgreSQL, Redis of its own, gunicorn), e.g.:

    createdb -h 127.0.0.1 -U postgres newsroom_probe
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_probe MEDIA_ROOT=/tmp/probe-media
    .venv/bin/python manage.py migrate
    DEBUG=1 DEMO_PASSWORD=probe-password .venv/bin/python manage.py load_demo
    redis-server --port 6390 --save "" --appendonly no --daemonize yes --pidfile /tmp/probe-redis.pid
    DJANGO_SETTINGS_MODULE=newsroom.settings.prod SECRET_KEY=$(openssl rand -hex 32) \\
        ALLOWED_HOSTS=127.0.0.1 REDIS_URL=redis://127.0.0.1:6390/0 GUNICORN_BIND=127.0.0.1:8100 \\
        .venv/bin/gunicorn &

    .venv/bin/python bench/trust_probe.py --base http://127.0.0.1:8100 --password probe-password

TLS is taken as ended by a proxy (X-Forwarded-Proto: https), so the secure cookies are sent back by hand.
Prints one line per attempt; the exit status is 1 if any attempt got through.
"""

import argparse
import re
import sys
import uuid
from urllib.error import HTTPError
from urllib.parse import quote, urlencode
from urllib.request import HTTPRedirectHandler, Request, build_opener


class NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = build_opener(NoRedirect)


class Session:
    def __init__(self, base, username=None, password=None):
        self.base, self.cookies = base, {}
        if username:
            self.get("/admin/login/")
            self.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
            assert "sessionid" in self.cookies, f"{username} could not log in"

    def request(self, path, data=None, files=None):
        headers = {"X-Forwarded-Proto": "https", "Origin": self.base.replace("http:", "https:")}
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for key, value in (data or {}).items():
                for item in value if isinstance(value, list) else [value]:
                    header = f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                    parts.append(f"{header}{item}\r\n".encode())
            for key, (name, content) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{name}"\r\n'
                    f"Content-Type: application/octet-stream\r\n\r\n".encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None:
            headers["Referer"] = self.base.replace("http:", "https:") + path
        try:
            address = self.base + quote(path, safe="/?=&%:")
            response = OPENER.open(Request(address, data=body, headers=headers), timeout=30)
        except HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response.status, response.read().decode("utf-8", "replace")

    def get(self, path):
        return self.request(path)

    def post(self, path, data, files=None):
        if "csrftoken" not in self.cookies:
            self.get(path)
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self.request(path, data, files)


RESULTS = []


def expect(what, held):
    RESULTS.append(held)
    print(f"{'held' if held else 'GOT THROUGH'}: {what}")


def ids(page, pattern):
    return [int(found) for found in re.findall(pattern, page)]


def png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PNG")
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8100")
    parser.add_argument("--password", required=True)
    options = parser.parse_args()
    base, password = options.base, options.password
    reader = Session(base)
    reporter = Session(base, "reporter", password)
    reporter2 = Session(base, "reporter2", password)
    editor = Session(base, "editor", password)
    editor2 = Session(base, "editor2", password)
    chief = Session(base, "chief", password)

    _, front = reader.get("/issues/1/2/")
    published_story = ids(front, r'href="/articles/(\d+)/"')[0]
    _, photos = chief.get("/admin/articles/photo/")
    demo_photos = ids(photos, r"/admin/articles/photo/(\d+)/change/")
    _, pages = chief.get("/admin/issues/page/")
    published_page = ids(pages, r"/admin/issues/page/(\d+)/change/")[0]
    _, authors = chief.get("/admin/articles/author/?q=王艳")
    wang_yan = ids(authors, r"/admin/articles/author/(\d+)/change/")[0]

    # 1. Photos around review.
    photographer = wang_yan
    reporter2.post(
        "/admin/articles/photo/add/",
        {"caption": "攻击者的图片说明", "photographer": photographer, "article": published_story},
        files={"image": ("x.png", png())},
    )
    _, story_page = reader.get(f"/articles/{published_story}/")
    expect("a reporter attaches a photo to someone's published story", "攻击者的图片说明" not in story_page)
    status, _ = reporter2.post(
        f"/admin/articles/photo/{demo_photos[0]}/change/",
        {"caption": "改写的说明", "photographer": photographer},
        files={"image": ("y.png", png())},
    )
    _, page_view = reader.get("/issues/1/2/")
    expect(
        f"a reporter rewrites a published photo's caption (answer {status})", "改写的说明" not in page_view
    )
    status, _ = reporter2.post(
        f"/admin/issues/page/{published_page}/place-photo/", {"photo": demo_photos[0], "position": 9}
    )
    expect(f"a reporter places a photo on a published page (answer {status})", status in (302, 403))

    # A draft with a photo, filed by reporter.
    headline = f"未发表的稿件{uuid.uuid4().hex[:6]}"
    reporter.post(
        "/admin/articles/article/add/",
        {
            "headline": headline,
            "source": "本报讯",
            "body": "近日，城北街道举办活动。",
            "bylines-TOTAL_FORMS": 0,
            "bylines-INITIAL_FORMS": 0,
            "photos-TOTAL_FORMS": 1,
            "photos-INITIAL_FORMS": 0,
            "photos-0-caption": "未发表的图片说明",
            "photos-0-photographer": photographer,
            "_continue": "1",
        },
        files={"photos-0-image": ("IMG_1234.png", png())},
    )
    _, mine = reporter.get(f"/admin/articles/article/?q={headline}")
    draft = ids(mine, r"/admin/articles/article/(\d+)/change/")[0]
    _, draft_page = reporter.get(f"/admin/articles/article/{draft}/change/")
    _, own_photos = reporter.get("/admin/articles/photo/")
    files = sorted(set(re.findall(r'(/media/photos/[^"]+)"', draft_page + own_photos)))
    _, listed = reporter2.get("/admin/articles/photo/")
    expect("the photo list shows another reporter's unpublished caption", "未发表的图片说明" not in listed)
    expect("the upload keeps its guessable name", files and not any("IMG_1234" in name for name in files))
    statuses = [reader.get(name)[0] for name in files]
    expect(
        f"readers fetch a draft's photo files {files} -> {statuses}",
        files and all(s == 404 for s in statuses),
    )

    # 5. An approved story edited: the signatures go.
    def step(session, story, action, comment="", **changes):
        _, page = session.get(f"/admin/articles/article/{story}/change/")
        seen = re.search(r'name="edit_count_seen" value="(\d+)"', page)
        data = {
            "headline": changes.get("headline", headline),
            "source": "本报讯",
            "body": "近日，城北街道举办活动。",
            "edit_count_seen": seen.group(1) if seen else "",
            "bylines-TOTAL_FORMS": 0,
            "bylines-INITIAL_FORMS": 0,
            "photos-TOTAL_FORMS": 0,
            "photos-INITIAL_FORMS": 0,
            "workflow_action": action,
            "workflow_comment": comment,
        }
        return session.post(f"/admin/articles/article/{story}/change/", data)

    step(reporter, draft, "submit")
    step(editor, draft, "first_review")
    status, _ = step(chief, draft, "second_review")
    _, page = chief.get(f"/admin/articles/article/{draft}/change/")
    expect("the chief signs 复审 and strands 终审", "待复审" in page or "first_reviewed" in page)
    step(editor2, draft, "second_review")
    step(chief, draft, "final_review")
    step(editor, draft, "", headline=headline + "（改）")
    _, page = editor.get(f"/admin/articles/article/{draft}/change/")
    expect("an editor rewrites an approved story and keeps the signatures", "待初审" in page)

    # 6. Others' unpublished work in the admin.
    step(editor, draft, "return", comment="编辑的退回意见")
    _, transitions = reporter2.get("/admin/articles/transition/")
    expect(
        "a reporter reads others' headlines and return comments in 流转记录",
        headline not in transitions and "编辑的退回意见" not in transitions,
    )
    _, assembly = reporter2.get(f"/admin/issues/page/{published_page}/change/")
    expect("a reporter sees the page assembly", 'id="page-assembly"' not in assembly)

    # 4. The published paper without the chief.
    import datetime

    number = 9000 + int(uuid.uuid4().hex[:4], 16)  # a fresh issue each run
    date = datetime.date(2030, 1, 1) + datetime.timedelta(days=number)
    editor.post(
        "/admin/issues/issue/add/",
        {
            "number": number,
            "date": date.isoformat(),
            "pages-TOTAL_FORMS": 1,
            "pages-INITIAL_FORMS": 0,
            "pages-0-number": 1,
            "pages-0-name": "要闻",
        },
    )
    _, new_pages = chief.get(f"/admin/issues/page/?q={number}")
    tomorrow_page = ids(new_pages, r"/admin/issues/page/(\d+)/change/")[0]
    editor.post(f"/admin/issues/page/{tomorrow_page}/place/", {"article": published_story, "position": 1})
    _, story_page = reader.get(f"/articles/{published_story}/")
    expect("an editor moves a published story onto tomorrow's page", str(date.year) not in story_page)
    _, issue_page = chief.get("/admin/issues/issue/?q=1")
    demo_issue = ids(issue_page, r"/admin/issues/issue/(\d+)/change/")[0]
    editor.post(
        f"/admin/issues/issue/{demo_issue}/change/",
        {"number": 77, "date": "2021-01-09", "pages-TOTAL_FORMS": 0, "pages-INITIAL_FORMS": 0},
    )
    expect("an editor renumbers a published issue", reader.get("/issues/1/")[0] == 200)
    editor.post("/admin/issues/page/add/", {"issue": demo_issue, "number": 5, "name": "新版"})
    expect("an editor adds a page to a published issue", reader.get("/issues/1/5/")[0] == 404)
    editor.post(f"/admin/issues/page/{published_page}/delete/", {"post": "yes"})
    expect("an editor deletes a published page", reader.get("/issues/1/2/")[0] == 200)
    editor.post(
        f"/admin/articles/author/{wang_yan}/change/", {"name": "改名", "slug": "wang-yan", "kind": "reporter"}
    )
    expect(
        "an editor renames an author in print", "改名" not in reader.get(f"/articles/{published_story}/")[1]
    )

    # 7. Author pages for people named only in drafts.
    _, authors = chief.get("/admin/articles/author/?q=李建平")
    expect(
        "the chief's author page (named in no published story)", reader.get("/authors/li-jianping/")[0] == 404
    )

    # A withdrawal takes the photo with it.
    status, _ = chief.post(
        f"/admin/articles/article/{published_story}/transition/", {"action": "withdraw", "comment": "撤稿"}
    )
    expect("a withdrawn story stays readable", reader.get(f"/articles/{published_story}/")[0] == 404)

    # Staff management.
    _, users = Session(base, "chief", password).get("/admin/auth/user/")
    expect("staff appear by login name in the staff list", "李建平" in users)
    status, _ = editor.get("/admin/auth/user/add/")
    expect(f"an editor manages staff (answer {status})", status == 403)

    print(f"{RESULTS.count(True)} held, {RESULTS.count(False)} got through")
    return 0 if all(RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())
