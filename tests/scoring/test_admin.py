"""The 稿分 ledger in the admin: who sees whose lines, who locks, who exports, and bad input."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Author
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from scoring.models import LedgerMonth
from tests.factories import ArticleFactory, BylineFactory, staff_member

pytestmark = pytest.mark.django_db
LEDGER = reverse("admin:scoring_ledgermonth_ledger")


@pytest.fixture
def june_stories():
    moment = timezone.make_aware(datetime.datetime(2026, 6, 10, 9))
    reporter = staff_member(REPORTER, first_name="王艳")
    for name, user in (("王艳", reporter), ("吴夏峰", None)):
        story = ArticleFactory(status="published", published_at=moment, source="本报讯", body="字" * 800)
        BylineFactory(article=story, author=Author.objects.create(name=name, user=user))
    return reporter


def test_the_chief_sees_everyone_and_locks_the_month(client, june_stories):
    client.force_login(staff_member(CHIEF_EDITOR))
    content = client.get(LEDGER, {"month": "2026-06"}).content.decode()
    assert "2026-06稿分" in content and "王艳 合计" in content and "吴夏峰 合计" in content
    client.post(f"{LEDGER}lock/?month=2026-06")
    assert LedgerMonth.objects.get().lines.count() == 2
    assert "已由" in client.get(LEDGER, {"month": "2026-06"}).content.decode()


def test_a_reporter_sees_only_their_own_lines_and_cannot_lock_or_export(client, june_stories):
    client.force_login(june_stories)
    content = client.get(LEDGER, {"month": "2026-06"}).content.decode()
    assert "王艳 合计" in content and "吴夏峰" not in content and 'id="lock-month"' not in content
    assert client.post(f"{LEDGER}lock/?month=2026-06").status_code == 403
    assert client.get(f"{LEDGER}export/", {"month": "2026-06"}).status_code == 403
    assert not LedgerMonth.objects.exists()


def test_an_editor_exports_but_cannot_lock(client, june_stories):
    client.force_login(staff_member(EDITOR))
    response = client.get(f"{LEDGER}export/", {"month": "2026-06", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    csv = client.get(f"{LEDGER}export/", {"month": "2026-06", "format": "csv"}).content.decode("utf-8-sig")
    assert csv.startswith("人员,人员编号,稿件") and "王艳" in csv
    assert client.post(f"{LEDGER}lock/?month=2026-06").status_code == 403


def test_a_bad_month_shows_last_month_and_an_open_month_is_refused_the_lock(client):
    client.force_login(staff_member(CHIEF_EDITOR))
    assert client.get(LEDGER, {"month": "2026-13"}).status_code == 200
    this_month = timezone.localdate().strftime("%Y-%m")
    response = client.post(f"{LEDGER}lock/?month={this_month}", follow=True)
    assert "月份结束后才能锁定" in response.content.decode() and not LedgerMonth.objects.exists()
