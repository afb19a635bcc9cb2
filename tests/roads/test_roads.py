"""Dangerous road sections, joint acceptance, the accident-cluster rule and school bus routes
(domain-rules §17)."""

import datetime as dt

import pytest

from anjian.core import clock
from anjian.hazards import workflow
from anjian.hazards.models import Hazard
from anjian.roads import rules, services
from anjian.roads.rules import Point

D0 = dt.date(2025, 1, 1)
# One degree of latitude is about 111,195 m: 1,000 m north is 0.0089932°.
M = 1 / 111_194.9


def _p(key, metres_north=0.0, day=0, deaths=1):
    return Point(
        key=key,
        lng=108.3,
        lat=22.8 + metres_north * M,
        day=D0 + dt.timedelta(days=day),
        deaths=deaths,
    )


@pytest.mark.parametrize(
    "points,expected",
    [
        ([_p(1), _p(2, 500, 10), _p(3, 999, 20)], [{1, 2, 3}]),
        ([_p(1), _p(2, 500, 10), _p(3, 999.99, 20)], [{1, 2, 3}]),  # at the edge (以内)
        ([_p(1), _p(2, 0, 10), _p(3, 1001, 20)], []),  # the third lies beyond 1,000 m
        ([_p(1), _p(2, 10, 100), _p(3, 20, 364)], [{1, 2, 3}]),  # 365 days, first to last
        ([_p(1), _p(2, 10, 100), _p(3, 20, 365)], []),  # 366 days
        ([_p(1), _p(2, 10, 1)], []),  # two are not a cluster
        ([_p(1), _p(2, 10, 1), _p(3, 20, 2, deaths=0)], []),  # a non-fatal one does not count
        # Within 1,000 m of one of them: 2 lies 600 m from both 1 and 3.
        ([_p(1), _p(2, 600, 1), _p(3, 1200, 2)], [{1, 2, 3}]),
        ([_p(1), _p(2, 1500, 1), _p(3, 3000, 2)], []),
        (
            [_p(1), _p(2, 900, 1), _p(3, 1800, 2), _p(4, 2700, 3), _p(5, 1700, 4)],
            [{1, 2, 3, 5}, {2, 3, 4, 5}],
        ),
    ],
)
def test_three_fatal_accidents_within_1000_m_in_365_days_make_a_cluster(points, expected):
    found = rules.fatal_clusters(points, accidents=3, metres=1000, days=365)
    assert sorted(found, key=sorted) == expected


@pytest.mark.parametrize(
    "a,b,expected",
    [((0, 1), (1, 2), True), ((0, 1), (1.001, 2), False), ((5, 3), (3.5, 3.6), True)],
)
def test_chainage_overlap(a, b, expected):
    assert rules.overlaps(*a, *b) is expected


@pytest.fixture
def police(sectors):
    from anjian.accounts.models import Department

    dept = Department.objects.create(code="police", name="县公安局交警大队")
    dept.sectors.set([sectors["road_traffic"]])
    return dept


@pytest.fixture
def section(county_admin, town_a, traffic_dept, police):
    return services.section_create(
        actor=county_admin,
        data={
            "town": town_a,
            "road": "X123",
            "from_km": 3,
            "to_km": 4.5,
            "kind": "water_cliff",
            "owner": traffic_dept,
            "police": police,
        },
        deadline=clock.today() + dt.timedelta(days=30),
    )


pytestmark = pytest.mark.django_db


def test_a_section_is_registered_through_the_api_with_its_hazard(
    api_as, county_admin, town_a, traffic_dept, police
):
    response = api_as(county_admin).post(
        "/api/v1/road-sections/",
        {
            "town": town_a.code,
            "road": "G323",
            "from_km": "10",
            "to_km": "11.2",
            "kind": "sharp_bend",
            "owner": "transport",
            "police": "police",
            "deadline": str(clock.today() + dt.timedelta(days=20)),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    hazard = Hazard.objects.get(pk=body["hazard"])
    assert (hazard.town, hazard.sector.code, body["status"]) == (town_a, "road_traffic", "pending")
    assert hazard.owner_department == traffic_dept


def _submit(section, county_admin):
    hazard = section.hazard
    Hazard.objects.filter(pk=hazard.pk).update(
        responsible_person="李工", measures="加设护栏", funds=5000, contingency_plan="限速"
    )
    workflow.hazard_acknowledge(actor=county_admin, hazard=hazard)
    workflow.hazard_submit(actor=county_admin, hazard=hazard)


def test_joint_acceptance_closes_the_hazard_only_when_both_departments_sign(
    api_as, county_admin, section, traffic_officer, police
):
    from tests.conftest import _user

    police_officer = _user("police_p", "department_officer", department=police)
    early = api_as(traffic_officer).post(f"/api/v1/road-sections/{section.pk}/sign-off/", {})
    assert early.status_code == 409
    _submit(section, county_admin)
    first = api_as(traffic_officer).post(f"/api/v1/road-sections/{section.pk}/sign-off/", {})
    assert first.status_code == 200 and first.json()["status"] == "awaiting_acceptance"
    second = api_as(police_officer).post(f"/api/v1/road-sections/{section.pk}/sign-off/", {})
    assert second.json()["status"] == "closed"
    assert sorted(second.json()["signed_by"]) == ["police", "transport"]


def test_a_town_officer_cannot_sign_for_the_departments(
    api_as, county_admin, section, town_a_officer
):
    _submit(section, county_admin)
    response = api_as(town_a_officer).post(f"/api/v1/road-sections/{section.pk}/sign-off/", {})
    assert response.status_code == 403


def test_a_school_bus_route_over_an_open_section_is_flagged(api_as, county_admin, section, town_a):
    response = api_as(county_admin).post(
        "/api/v1/school-bus-routes/",
        {
            "name": "甲镇中心小学1号线",
            "town": town_a.code,
            "segments": [
                {"road": "X123", "from_km": 0, "to_km": 3.2},
                {"road": "Y9", "from_km": 0, "to_km": 2},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["flagged"], response.json()["crossings"]) == (True, [section.pk])
    other = api_as(county_admin).post(
        "/api/v1/school-bus-routes/",
        {
            "name": "2号线",
            "town": town_a.code,
            "segments": [{"road": "X123", "from_km": 5, "to_km": 8}],
        },
        format="json",
    )
    assert other.json()["flagged"] is False
    bad = api_as(county_admin).post(
        "/api/v1/school-bus-routes/",
        {
            "name": "3号线",
            "town": town_a.code,
            "segments": [{"road": "X1", "from_km": "NaN", "to_km": 1}],
        },
        format="json",
    )
    assert bad.status_code == 400 and "segments" in bad.json()


def test_the_outsider_does_not_see_town_a_sections(api_as, town_b_officer, section):
    assert api_as(town_b_officer).get(f"/api/v1/road-sections/{section.pk}/").status_code == 404
