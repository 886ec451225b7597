"""The gazetteer tagger on stories: suggestions from the text, confirmed by the editor on the story form."""

import pytest
from django.urls import reverse

from articles import dictionary
from articles.models import Department, Township
from articles.roles import EDITOR
from tests.factories import ArticleFactory, staff_member, story_form

pytestmark = pytest.mark.django_db

TEXT = "近日，区妇联在信义镇千年村开展活动，城北街道办派员参加。吕梁市委宣传部到场指导。"


def test_suggestions_are_the_named_townships_and_departments_not_yet_tagged():
    article = ArticleFactory(headline="巾帼志愿服务进乡村", body=TEXT)
    article.townships.add(Township.objects.get(name="城北街道"))
    suggested = dictionary.suggested_tags(article)
    assert [township.name for township in suggested.townships] == ["信义镇"]
    assert [department.name for department in suggested.departments] == ["离石区妇女联合会"]


def test_the_editor_confirms_suggestions_on_the_story_form(client):
    article = ArticleFactory(headline="巾帼志愿服务进乡村", body=TEXT)
    client.force_login(staff_member(EDITOR))
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = client.get(url).context["adminform"].form
    xinyi = Township.objects.get(name="信义镇")
    chengbei = Township.objects.get(name="城北街道")
    fulian = Department.objects.get(name="离石区妇女联合会")
    assert set(form.fields["suggested_townships"].queryset) == {xinyi, chengbei}
    assert list(form.fields["suggested_departments"].queryset) == [fulian]

    response = client.post(
        url,
        story_form(
            headline=article.headline,
            body=article.body,
            edit_count_seen=article.edit_count,
            suggested_townships=[xinyi.pk],
            suggested_departments=[fulian.pk],
        ),
    )
    assert response.status_code == 302
    assert list(article.townships.all()) == [xinyi]
    assert list(article.departments.all()) == [fulian]
    assert list(dictionary.suggested_tags(article).townships) == [chengbei]


def test_a_new_story_form_offers_no_suggestions(client):
    client.force_login(staff_member(EDITOR))
    content = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "suggested_townships" not in content
