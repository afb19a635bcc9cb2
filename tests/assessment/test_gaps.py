"""监管盲区: each kind appears when the data shows it and disappears when it is fixed; the count
of queries does not grow with the units; the sweep tells the county admin once per gap."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anjian.accounts.models import Department
from anjian.accounts.units import Unit
from anjian.assessment import gaps, services, sweep
from anjian.inspections.models import Campaign, Checklist, Inspection
from anjian.notifications.models import Notification
from tests.conftest import make_enterprise

TODAY = dt.date(2026, 6, 15)


def kinds_for(subject: str, *, unit=None) -> set[str]:
    return {
        g.kind
        for g in gaps.supervision_gaps(unit=unit or Unit.county(), today=TODAY)
        if g.subject == subject
    }


@pytest.fixture
def checklist(sectors):
    return Checklist.objects.create(
        code="road", name="道路运输检查表", sector=sectors["road_traffic"]
    )


def inspect(enterprise, checklist, on: dt.date) -> Inspection:
    return Inspection.objects.create(
        enterprise=enterprise,
        town=enterprise.town,
        sector=enterprise.sector,
        checklist=checklist,
        inspected_on=on,
        inspectors="张三",
    )


@pytest.mark.parametrize(
    "table",
    [
        # (when the last government inspection was, whether it still counts)
        ("inspected a year and a day ago", False),
        ("inspected exactly a year ago", True),
        ("inspected yesterday", True),
    ],
)
def test_not_inspected_boundary_is_twelve_months(table, enterprise_a_road, checklist):
    label, counts = table
    day = {
        "inspected a year and a day ago": dt.date(2025, 6, 14),
        "inspected exactly a year ago": dt.date(2025, 6, 15),
        "inspected yesterday": dt.date(2026, 6, 14),
    }[label]
    inspect(enterprise_a_road, checklist, day)
    assert ("enterprise_not_inspected" not in kinds_for(enterprise_a_road.name)) is counts


def test_year_before_a_leap_day_is_the_28th():
    assert gaps.year_before(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


def test_a_self_inspection_does_not_count(enterprise_a_road, checklist):
    inspection = inspect(enterprise_a_road, checklist, TODAY)
    inspection.kind = "self_check"
    inspection.save()
    assert "enterprise_not_inspected" in kinds_for(enterprise_a_road.name)


def test_a_closed_unit_is_no_gap(enterprise_a_road):
    enterprise_a_road.status = "closed"
    enterprise_a_road.save()
    assert kinds_for(enterprise_a_road.name) == set()


def test_sector_without_department_appears_and_disappears(county_admin, sectors, traffic_dept):
    assert "sector_without_department" in kinds_for("消防（人员密集场所）")
    services.sector_duty_set(
        actor=county_admin, sector=sectors["fire"], lead=traffic_dept, cooperating=[]
    )
    assert "sector_without_department" not in kinds_for("消防（人员密集场所）")


def test_enterprise_without_department_appears_and_disappears(
    county_admin, town_a, sectors, traffic_dept, emergency_dept
):
    # Registered under the traffic department, but in a sector it does not supervise.
    unit = make_enterprise(
        name="错配单位", n=9, town=town_a, sector=sectors["fire"], department=traffic_dept
    )
    assert "enterprise_without_department" in kinds_for(unit.name)
    services.sector_duty_set(
        actor=county_admin, sector=sectors["fire"], lead=traffic_dept, cooperating=[emergency_dept]
    )
    assert "enterprise_without_department" not in kinds_for(unit.name)


def test_sector_and_town_without_leader_appear_and_disappear(county_admin, sectors, town_a):
    assert "sector_without_leader" in kinds_for("道路交通")
    assert "town_without_leader" in kinds_for("甲镇")
    services.responsibility_create(
        actor=county_admin,
        data={
            "person": "李明华",
            "title": "副县长",
            "year": TODAY.year,
            "sectors": [sectors["road_traffic"]],
            "towns": [town_a],
        },
    )
    assert "sector_without_leader" not in kinds_for("道路交通")
    assert "town_without_leader" not in kinds_for("甲镇")


def test_last_years_assignment_leaves_the_gap(county_admin, sectors, town_a):
    services.responsibility_create(
        actor=county_admin,
        data={
            "person": "李明华",
            "title": "副县长",
            "year": TODAY.year - 1,
            "sectors": [sectors["road_traffic"]],
            "towns": [town_a],
        },
    )
    assert "town_without_leader" in kinds_for("甲镇")


@pytest.fixture
def tourism_unit(town_a, sectors, traffic_dept):
    """A unit in a sector the standard checklists do not cover (文化旅游)."""
    return make_enterprise(
        name="甲镇景区", n=8, town=town_a, sector=sectors["tourism"], department=traffic_dept
    )


def test_enterprise_sector_uncovered_appears_and_disappears(tourism_unit, sectors):
    assert "enterprise_sector_uncovered" in kinds_for(tourism_unit.name)
    campaign = Campaign.objects.create(
        name="景区安全专项整治", starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=30)
    )
    campaign.sectors.set([sectors["tourism"]])
    assert "enterprise_sector_uncovered" not in kinds_for(tourism_unit.name)
    campaign.starts_on = TODAY - dt.timedelta(days=5)
    campaign.ends_on = TODAY - dt.timedelta(days=1)
    campaign.save()
    assert "enterprise_sector_uncovered" in kinds_for(tourism_unit.name)


def test_an_active_sector_checklist_covers_the_sector(tourism_unit, sectors):
    checklist = Checklist.objects.create(code="tour", name="景区检查表", sector=sectors["tourism"])
    assert "enterprise_sector_uncovered" not in kinds_for(tourism_unit.name)
    checklist.superseded_on = TODAY
    checklist.save()
    assert "enterprise_sector_uncovered" in kinds_for(tourism_unit.name)


def test_town_officer_sees_only_its_towns_gaps(enterprise_a_road, enterprise_b, town_a_officer):
    names = {g.subject for g in gaps.supervision_gaps(unit=Unit.of(town_a_officer), today=TODAY)}
    assert enterprise_a_road.name in names and "甲镇" in names
    assert enterprise_b.name not in names and "乙镇" not in names


def test_query_count_does_not_grow_with_units(town_a, sectors, traffic_dept, county_admin):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            found = gaps.supervision_gaps(unit=Unit.county(), today=TODAY)
        assert found
        return len(queries)

    make_enterprise(
        name="单位0", n=100, town=town_a, sector=sectors["road_traffic"], department=traffic_dept
    )
    few = count()
    for i in range(1, 30):
        make_enterprise(
            name=f"单位{i}",
            n=100 + i,
            town=town_a,
            sector=sectors["road_traffic"],
            department=traffic_dept,
        )
    assert count() == few <= 6


def test_sweep_notifies_the_county_admin_once_per_new_gap(
    county_admin, enterprise_a_road, sectors, town_a
):
    now = timezone.make_aware(dt.datetime(2026, 6, 15, 8))
    first = sweep.run(now=now)["supervision_gap"]
    assert first > 0
    assert Notification.objects.filter(recipient=county_admin).count() == first
    assert sweep.run(now=now)["supervision_gap"] == 0
    # A new gap: a second unit, never inspected, is announced alone.
    other = make_enterprise(
        name="新单位",
        n=77,
        town=town_a,
        sector=sectors["road_traffic"],
        department=Department.objects.get(code="transport"),
    )
    again = sweep.run(now=now)["supervision_gap"]
    assert (
        again
        == Notification.objects.filter(recipient=county_admin, title__contains=other.name).count()
        >= 1
    )


def test_the_api_lists_gaps_as_kind_subject_detail(api_as, county_admin, enterprise_a_road):
    rows = api_as(county_admin).get("/api/v1/supervision-gaps/").json()
    assert {"kind", "subject", "detail"} <= set(rows[0])
    assert any(
        r["kind"] == "enterprise_not_inspected" and r["subject"] == enterprise_a_road.name
        for r in rows
    )


@pytest.mark.parametrize(
    "persona,status",
    [
        ("county_admin", 200),
        ("leader", 200),
        ("town_a_officer", 200),
        ("traffic_officer", 200),
        ("enterprise_user", 403),
    ],
)
def test_supervision_gaps_persona(persona, status, request, api_as, login):
    user = request.getfixturevalue(persona)
    assert api_as(user).get("/api/v1/supervision-gaps/").status_code == status
    assert login(user).get("/assessment/gaps/").status_code == status


def test_anjian_sweep_runs_the_gap_step_once(county_admin, enterprise_a_road):
    from io import StringIO

    from django.core.management import call_command

    first, second = StringIO(), StringIO()
    call_command("sweep", stdout=first)
    call_command("sweep", stdout=second)
    assert "assessment.supervision_gap=" in first.getvalue()
    assert "assessment.supervision_gap=0" not in first.getvalue()
    assert "assessment.supervision_gap=0" in second.getvalue()
