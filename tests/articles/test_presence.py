"""The note "also open now" names people by real name, and goes when they leave."""

import pytest
import time_machine
from django.urls import reverse

from articles import presence
from articles.roles import EDITOR
from tests.factories import ArticleFactory, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return ArticleFactory()


def open_story(client, user, story):
    client.force_login(user)
    return client.get(reverse("admin:articles_article_change", args=[story.pk])).context["also_open_by"]


def test_the_note_names_the_other_editor_by_real_name(client, story):
    first = staff_member(EDITOR, username="zhang", first_name="张编辑")
    assert open_story(client, first, story) == []
    assert open_story(client, staff_member(EDITOR, username="li", first_name="李编辑"), story) == ["张编辑"]


def test_leaving_the_page_drops_the_note(client, story):
    first = staff_member(EDITOR, first_name="张编辑")
    open_story(client, first, story)
    response = client.post(reverse("admin:articles_article_presence", args=[story.pk]), {"leave": "1"})
    assert response.status_code == 204
    assert open_story(client, staff_member(EDITOR, first_name="李编辑"), story) == []


def test_a_note_not_renewed_expires(client, story):
    with time_machine.travel(0, tick=False) as clock:
        open_story(client, staff_member(EDITOR, first_name="张编辑"), story)
        clock.shift(presence.OPEN_SECONDS - 1)
        client.post(reverse("admin:articles_article_presence", args=[story.pk]))  # the heartbeat
        clock.shift(presence.OPEN_SECONDS - 1)
        second = staff_member(EDITOR, first_name="李编辑")
        assert open_story(client, second, story) == ["张编辑"]
        clock.shift(presence.OPEN_SECONDS + 1)
        assert open_story(client, second, story) == []


def test_a_failing_cache_hides_the_note_and_editing_goes_on(client, story, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("cache refused")

    monkeypatch.setattr(presence.cache, "get", refuse)
    client.force_login(staff_member(EDITOR))
    response = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert response.status_code == 200 and response.context["also_open_by"] == []


def test_presence_is_only_for_those_who_may_see_the_story(client, story):
    from articles.roles import REPORTER

    client.force_login(staff_member(REPORTER))
    assert client.post(reverse("admin:articles_article_presence", args=[story.pk])).status_code == 404
    assert client.get(reverse("admin:articles_article_presence", args=[story.pk])).status_code in (404, 405)
