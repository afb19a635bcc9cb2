"""The filters the assessment's breakdown links to: hazards `found=` (a period) and
`department=` (its sectors), accidents `department=`; page and API give the same rows."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.hazards.models import Hazard


@pytest.fixture
def hazards(enterprise_a, enterprise_a_road):
    made = {}
    for name, e, found in (
        ("chem_2025", enterprise_a, dt.date(2025, 3, 1)),
        ("road_2025", enterprise_a_road, dt.date(2025, 1, 1)),
        ("road_2024", enterprise_a_road, dt.date(2024, 12, 31)),
    ):
        made[name] = Hazard.objects.create(
            enterprise=e,
            town=e.town,
            sector=e.sector,
            description=name,
            found_on=found,
            found_by="检查组",
            source="inspection",
            deadline=found + dt.timedelta(days=30),
        )
    return made


def test_hazards_found_in_a_year_and_in_a_departments_sectors(api_as, login, county_admin, hazards):
    api = api_as(county_admin)
    for query, expected in (
        ({"found": "2025"}, {"chem_2025", "road_2025"}),
        ({"found": "2025-Q1", "department": "transport"}, {"road_2025"}),
        ({"department": "transport"}, {"road_2025", "road_2024"}),
    ):
        rows = api.get("/api/v1/hazards/", query).json()["results"]
        assert {r["description"] for r in rows} == expected
        page = login(county_admin).get(reverse("hazards:hazard_list"), query)
        assert {h.description for h in page.context["page"]} == expected


def test_a_bad_found_period_is_a_400_naming_it(api_as, county_admin):
    response = api_as(county_admin).get("/api/v1/hazards/", {"found": "2025-13"})
    assert response.status_code == 400 and "found" in response.json()


def test_accidents_in_a_departments_sectors(api_as, county_admin, accident_a, accident_b):
    rows = api_as(county_admin).get("/api/v1/accidents/", {"department": "transport"}).json()
    assert [r["id"] for r in rows["results"]] == [accident_a.pk]
