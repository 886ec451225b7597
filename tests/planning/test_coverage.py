"""The coverage map's counts (abolished townships under their successor from the merge), its one
aggregate query, the planning gaps, and their admin pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Department, Township
from planning import coverage
from planning.models import Assignment, Proposal
from tests.factories import ArticleFactory, ProposalFactory

pytestmark = pytest.mark.django_db

OCTOBER = (datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))
TODAY = datetime.date(2026, 10, 20)


def story_on(day, *places, **fields):
    """A story published at noon of `day`, tagged with these townships and departments."""
    fields.setdefault("status", Article.Status.PUBLISHED)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    story = ArticleFactory(published_at=moment, **fields)
    story.townships.set([place for place in places if isinstance(place, Township)])
    story.departments.set([place for place in places if isinstance(place, Department)])
    return story


def township(name):
    return Township.objects.get(name=name)


def reach_of(reaches, name):
    return next(reach for reach in reaches if reach.place.name == name)


def test_each_township_counts_its_stories_in_the_period_with_the_last_day_and_the_gap():
    chengbei, wucheng = township("城北街道"), township("吴城镇")
    story_on(datetime.date(2026, 10, 3), chengbei)
    story_on(datetime.date(2026, 10, 5), chengbei)
    story_on(datetime.date(2026, 10, 10), chengbei, wucheng)
    story_on(datetime.date(2026, 9, 2), township("坪头乡"))  # before the period: not counted
    story_on(datetime.date(2026, 11, 2), township("坪头乡"))  # after it

    townships, _ = coverage.coverage(*OCTOBER, today=TODAY)

    chengbei_reach = reach_of(townships, "城北街道")
    assert (chengbei_reach.stories, chengbei_reach.last_covered, chengbei_reach.gap_days) == (
        3,
        datetime.date(2026, 10, 10),
        10,  # to today, the period not being over
    )
    assert (reach_of(townships, "吴城镇").stories, reach_of(townships, "吴城镇").level) == (1, "medium")
    pingtou = reach_of(townships, "坪头乡")
    assert (pingtou.stories, pingtou.last_covered, pingtou.gap_days, pingtou.level) == (0, None, None, "none")
    assert chengbei_reach.level == "high"


def test_only_published_stories_count():
    chengbei = township("城北街道")
    story_on(datetime.date(2026, 10, 3), chengbei, status=Article.Status.APPROVED)
    story_on(datetime.date(2026, 10, 4), chengbei, status=Article.Status.WITHDRAWN)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    story_on(tomorrow, chengbei)  # scheduled: published_at still to come

    townships, _ = coverage.coverage(OCTOBER[0], tomorrow)

    assert reach_of(townships, "城北街道").stories == 0


def test_an_abolished_township_counts_under_its_successor_from_the_day_it_was_merged():
    hongyanchuan, tianjiahui = township("红眼川乡"), township("田家会街道")
    story_on(datetime.date(2021, 4, 30), hongyanchuan)
    story_on(datetime.date(2021, 5, 1), hongyanchuan)
    story_on(datetime.date(2021, 5, 2), hongyanchuan, tianjiahui)  # both names: one story

    townships, _ = coverage.coverage(datetime.date(2021, 4, 1), datetime.date(2021, 5, 31))

    assert reach_of(townships, "红眼川乡").stories == 1
    assert reach_of(townships, "红眼川乡").last_covered == datetime.date(2021, 4, 30)
    assert reach_of(townships, "田家会街道").stories == 2


def test_an_abolished_township_is_listed_only_with_stories_of_its_own_in_the_period():
    story_on(datetime.date(2021, 4, 30), township("红眼川乡"))

    later, _ = coverage.coverage(*OCTOBER, today=TODAY)
    names = [reach.place.name for reach in later]

    assert "红眼川乡" not in names
    assert len(names) == Township.objects.current().count()


def test_departments_are_counted_beside_the_townships():
    education = Department.objects.get(short_names__name="区教科局")
    story_on(datetime.date(2026, 10, 5), education, township("城北街道"))

    _, departments = coverage.coverage(*OCTOBER, today=TODAY)

    assert reach_of(departments, education.name).stories == 1
    assert len(departments) == Department.objects.count()


def test_townships_are_coloured_against_the_busiest_township_not_a_busier_department():
    education = Department.objects.get(short_names__name="区教科局")
    story_on(datetime.date(2026, 10, 5), township("城北街道"))
    for day in (6, 7, 8, 9):
        story_on(datetime.date(2026, 10, day), education)

    townships, departments = coverage.coverage(*OCTOBER, today=TODAY)

    assert reach_of(townships, "城北街道").level == "high"
    assert reach_of(departments, education.name).level == "high"


def test_the_counts_are_one_aggregate_query():
    story_on(datetime.date(2026, 10, 5), township("城北街道"))

    with CaptureQueriesContext(connection) as queries:
        coverage.coverage(*OCTOBER, today=TODAY)

    aggregates = [query["sql"] for query in queries if "GROUP BY" in query["sql"]]
    assert len(aggregates) == 1
    assert len(queries) == 3  # the aggregate, the townships' names, the departments' names


def test_planning_gaps_are_the_townships_with_nothing_planned_in_the_coming_two_weeks(django_user_model):
    planned = ProposalFactory(planned_date=TODAY + datetime.timedelta(days=13))
    planned.townships.set([township("城北街道")])
    too_late = ProposalFactory(planned_date=TODAY + datetime.timedelta(days=14))
    too_late.townships.set([township("吴城镇")])
    rejected = ProposalFactory(planned_date=TODAY, status=Proposal.Status.REJECTED, decision_note="重复")
    rejected.townships.set([township("坪头乡")])
    due_soon = ProposalFactory(
        planned_date=TODAY - datetime.timedelta(days=3), status=Proposal.Status.ACCEPTED
    )
    due_soon.townships.set([township("枣林乡")])
    Assignment.objects.create(
        proposal=due_soon, due_date=TODAY + datetime.timedelta(days=2), assigned_by=due_soon.proposed_by
    )
    old_name = ProposalFactory(planned_date=TODAY)
    old_name.townships.set([township("红眼川乡")])

    with CaptureQueriesContext(connection) as queries:
        gaps = {place.name for place in coverage.planning_gaps(TODAY)}

    assert len(queries) == 1
    assert {"吴城镇", "坪头乡"} <= gaps
    assert not gaps & {"城北街道", "枣林乡", "田家会街道", "红眼川乡"}
    assert len(gaps) == Township.objects.current().count() - 3


class TestTheAdminPages:
    def test_the_map_colours_each_township_and_lists_it_beside(self, admin_client):
        story_on(timezone.localdate() - datetime.timedelta(days=1), township("城北街道"))

        response = admin_client.get(reverse("admin:planning_proposal_coverage"))

        page = response.content.decode()
        assert response.status_code == 200
        assert '<a href="#reach-141102004" class="coverage-high">' in page
        assert '<a href="#reach-141102201" class="coverage-none">' in page
        assert 'id="reach-141102004"' in page  # the table row the map links to
        assert "示意" in page

    def test_a_chosen_period(self, admin_client):
        story_on(datetime.date(2025, 3, 3), township("城北街道"))

        response = admin_client.get(
            reverse("admin:planning_proposal_coverage"), {"start": "2025-03-01", "end": "2025-03-31"}
        )

        assert response.context["townships"][3].place.name == "城北街道"
        assert response.context["townships"][3].stories == 1

    @pytest.mark.parametrize(
        "query",
        [
            {"start": "2025-13-01", "end": "2025-03-31"},
            {"start": "2025-04-01", "end": "2025-03-01"},
            {"start": ""},
        ],
    )
    def test_a_bad_period_is_a_form_error_over_the_default_period(self, admin_client, query):
        response = admin_client.get(reverse("admin:planning_proposal_coverage"), query)

        assert response.status_code == 200
        assert response.context["form"].errors
        assert response.context["end"] == timezone.localdate()

    def test_a_reporter_sees_the_map_but_not_the_planning_gaps(self, client, reporter):
        client.force_login(reporter)

        assert client.get(reverse("admin:planning_proposal_coverage")).status_code == 200
        assert client.get(reverse("admin:planning_proposal_gaps")).status_code == 403

    def test_an_editor_sees_the_gaps_with_a_way_to_propose(self, client, editor):
        client.force_login(editor)

        response = client.get(reverse("admin:planning_proposal_gaps"))

        page = response.content.decode()
        assert response.status_code == 200
        assert "坪头乡" in page and "红眼川乡" not in page
        pingtou = township("坪头乡")
        assert f"{reverse('admin:planning_proposal_add')}?townships={pingtou.pk}&amp;planned_date=" in page


def test_once_the_period_is_over_the_gap_runs_to_its_end():
    story_on(datetime.date(2026, 10, 21), township("城北街道"))

    townships, _ = coverage.coverage(*OCTOBER, today=datetime.date(2026, 12, 1))

    assert reach_of(townships, "城北街道").gap_days == 10
