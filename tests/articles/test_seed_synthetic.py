import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max, Min

from articles import search
from articles.models import Article, Department, Township
from issues.models import Issue

pytestmark = pytest.mark.django_db


def test_seed_synthetic_makes_published_searchable_stories_over_the_years():
    call_command("seed_synthetic", articles=120, seed=3)
    stories = Article.objects.published()
    assert stories.count() == 120
    assert not stories.filter(page__isnull=True).exists()
    dates = Issue.objects.aggregate(first=Min("date"), last=Max("date"))
    assert dates["first"] >= datetime.date(2015, 1, 1) and dates["last"] <= datetime.date(2026, 10, 31)
    assert (dates["last"] - dates["first"]).days > 3000
    assert Township.objects.filter(articles__isnull=False).distinct().count() > 5
    assert Department.objects.filter(articles__isnull=False).distinct().count() > 5
    assert all(story.bylines.exists() and story.keywords.exists() for story in stories[:10])
    assert search.SearchResults(stories, "工作").count() > 0


def test_seed_synthetic_adds_to_an_archive_without_touching_its_issues():
    call_command("seed_synthetic", articles=30)
    first_issues = set(Issue.objects.values_list("pk", "number", "date"))
    call_command("seed_synthetic", articles=30, seed=2)
    assert Article.objects.count() == 60
    assert first_issues <= set(Issue.objects.values_list("pk", "number", "date"))


def test_seed_synthetic_refuses_a_count_below_one():
    with pytest.raises(CommandError):
        call_command("seed_synthetic", articles=0)
