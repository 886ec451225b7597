"""The shared field declarations: what a record keeps when what it links to goes."""

import pytest
from django.db.models import ProtectedError

from articles import workflow
from articles.models import Article
from articles.roles import REPORTER
from tests.factories import BylineFactory, staff_member

pytestmark = pytest.mark.django_db


def test_an_account_that_made_a_record_cannot_be_deleted_and_its_stories_outlive_it():
    reporter = staff_member(REPORTER)
    story = BylineFactory(article__created_by=reporter).article
    workflow.perform(story, "submit", reporter)
    with pytest.raises(ProtectedError):  # staff_link: the step it took keeps it
        reporter.delete()
    story.transitions.all().delete()
    reporter.delete()
    assert Article.objects.get(pk=story.pk).created_by is None  # optional_link: emptied
