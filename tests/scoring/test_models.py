"""The scoring records' own checks: points and multipliers are never below zero, except where they may
be (an adjustment's deduction)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from scoring.models import Adjustment, RuleSet
from tests.factories import AuthorFactory, staff_member

pytestmark = pytest.mark.django_db


def test_a_rule_sets_points_and_multipliers_are_never_negative():
    rules = RuleSet(name="2027", effective_from=datetime.date(2027, 1, 1), photo_points=Decimal("-1"))
    with pytest.raises(ValidationError) as refused:
        rules.full_clean()
    assert list(refused.value.message_dict) == ["photo_points"]


def test_an_adjustment_may_deduct():
    adjustment = Adjustment(
        author=AuthorFactory(),
        month=datetime.date(2026, 6, 1),
        points=Decimal("-2"),
        reason="差错：人名写错",
        created_by=staff_member(),
    )
    adjustment.full_clean()
