"""覆盖: which townships and departments the published stories reached, and where the plan has gaps.

A story counts under each township and department it is tagged with, once. A story tagged with an
abolished township (红眼川乡) on or after the day it was abolished counts under its successor (田家会街道),
so the map of today's district stays whole; before that day it counts under its own name.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, F, IntegerField, Max, OuterRef, Q, Value, When
from django.utils import timezone

from articles.models import Article, Department, Township

from .models import Proposal
from .rules import PLAN_DAYS

# The map's colours: a place's stories as a share of the busiest place's, from the top class down.
LEVELS = (("high", 0.5), ("medium", 0.2), ("low", 0.0))
TOWNSHIP, DEPARTMENT = 0, 1


@dataclass(frozen=True)
class Reach:
    """One township's or department's coverage in a period: its stories, the day of the newest one and
    the days since then (to the period's end, or today while the period runs); None when it had none."""

    place: Township | Department
    stories: int
    last_covered: datetime.date | None
    gap_days: int | None
    level: str


def _counted(start, end, kind, target):
    """Published stories of the period grouped by `target`: how many, and the newest one's day. Only the
    period's stories are read (an index range), so a long archive costs nothing more."""
    return (
        Article.objects.published()
        .filter(listing_date__range=(start, end))
        .values(kind=Value(kind, IntegerField()), target=target)
        .exclude(target=None)
        .annotate(stories=Count("pk", distinct=True), last_covered=Max("listing_date"))
        .order_by()
        .values_list("kind", "target", "stories", "last_covered")
    )


def _township_counts(start, end):
    successor_from_abolition = Case(
        When(
            townships__merged_into__isnull=False,
            townships__abolished_on__lte=F("listing_date"),
            then=F("townships__merged_into"),
        ),
        default=F("townships"),
    )
    return _counted(start, end, TOWNSHIP, successor_from_abolition)


def _department_counts(start, end):
    return _counted(start, end, DEPARTMENT, F("departments"))


def coverage(start, end, today=None):
    """(townships, departments) as lists of Reach for the period start–end, both read by one aggregate
    query. Every current township and every department is listed, covered or not; an abolished
    township only when it has stories from before its abolition in the period."""
    today = today or timezone.localdate()
    horizon = min(end, today)
    counts = {TOWNSHIP: {}, DEPARTMENT: {}}
    rows = _township_counts(start, end).union(_department_counts(start, end), all=True)
    for kind, target, stories, last_covered in rows:
        counts[kind][target] = (stories, last_covered)

    def reaches(places, per_kind):
        busiest = max((stories for stories, _ in per_kind.values()), default=0)
        for place in places:
            stories, last_covered = per_kind.get(place.pk, (0, None))
            yield Reach(
                place=place,
                stories=stories,
                last_covered=last_covered,
                gap_days=(horizon - last_covered).days if last_covered else None,
                level=_level(stories, busiest),
            )

    return (
        list(reaches(_townships_shown(counts[TOWNSHIP]), counts[TOWNSHIP])),
        list(reaches(Department.objects.order_by("name"), counts[DEPARTMENT])),
    )


def _townships_shown(counted):
    """Every current township; an abolished one only with stories of its own in the period."""
    return [
        township
        for township in Township.objects.order_by("code")
        if township.is_current or counted.get(township.pk, (0,))[0]
    ]


def _level(stories, busiest):
    if not stories:
        return "none"
    share = stories / busiest
    return next(name for name, floor in LEVELS if share >= floor)


def planning_window(today):
    """The first and the last day of the coming two weeks."""
    return today, today + datetime.timedelta(days=PLAN_DAYS - 1)


def planning_gaps(today):
    """The current townships with no open proposal planned, nor any assignment due, in the coming two
    weeks (a proposal naming a township it absorbed counts for it), in one query."""
    window = planning_window(today)
    planned = Proposal.objects.filter(
        Q(townships=OuterRef("pk")) | Q(townships__merged_into=OuterRef("pk")),
        Q(planned_date__range=window) | Q(assignment__due_date__range=window),
        status__in=[Proposal.Status.PROPOSED, Proposal.Status.ACCEPTED],
    )
    return Township.objects.current().filter(~Exists(planned)).order_by("code")
