import datetime

import pytest
from django.db import IntegrityError, transaction

from issues.models import Issue, Page
from tests.factories import IssueFactory, PageFactory

pytestmark = pytest.mark.django_db


def test_a_second_page_one_in_the_same_issue_is_refused():
    issue = IssueFactory()
    Page.objects.create(issue=issue, number=1, name="要闻")
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.create(issue=issue, number=1, name="综合")
    assert list(issue.pages.values_list("name", flat=True)) == ["要闻"]


def test_page_one_may_exist_in_every_issue():
    PageFactory(number=1)
    PageFactory(number=1)
    assert Page.objects.filter(number=1).count() == 2


def test_page_numbers_start_at_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        PageFactory(number=0)


def test_edition_numbers_and_dates_are_unique():
    IssueFactory(number=7, date=datetime.date(2021, 1, 5))
    with pytest.raises(IntegrityError), transaction.atomic():
        IssueFactory(number=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        IssueFactory(date=datetime.date(2021, 1, 5))


def test_a_published_issue_has_a_publication_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        IssueFactory(status=Issue.Status.PUBLISHED, published_at=None)


def test_pages_are_ordered_by_number():
    issue = IssueFactory()
    for number in (3, 1, 2):
        PageFactory(issue=issue, number=number)
    assert [page.number for page in issue.pages.all()] == [1, 2, 3]
