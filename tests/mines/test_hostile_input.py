"""Hostile input on every new API of the key sectors: a 400 naming the field, never a 500,
nothing stored."""

import pytest

from anjian.chemicals.models import ChemicalStock
from anjian.crowded.models import CrowdedPlace
from anjian.mines.models import MonitoringPoint, TailingsPond
from anjian.roads.models import RoadSection, SchoolBusRoute

pytestmark = pytest.mark.django_db

CASES = [
    ("tailings-ponds", TailingsPond, "name", "尾矿库\x00"),
    ("tailings-ponds", TailingsPond, "name", "x" * 201),
    ("tailings-ponds", TailingsPond, "total_capacity", "1e400"),
    ("tailings-ponds", TailingsPond, "dam_height", "-1"),
    ("tailings-ponds", TailingsPond, "downstream_within_1km", 10**12),
    ("tailings-ponds", TailingsPond, "construction", "sideways"),
    ("chemicals", ChemicalStock, "name", "电石\x1b"),
    ("chemicals", ChemicalStock, "max_stock_t", "NaN"),
    ("chemicals", ChemicalStock, "cas", "75-20-8"),
    ("road-sections", RoadSection, "road", "X1\x07"),
    ("road-sections", RoadSection, "to_km", "99999"),
    ("road-sections", RoadSection, "owner", "nobody"),
    (
        "school-bus-routes",
        SchoolBusRoute,
        "segments",
        [{"road": "X1", "from_km": "Infinity", "to_km": 1}],
    ),
    ("school-bus-routes", SchoolBusRoute, "segments", "not a list"),
    ("crowded-places", CrowdedPlace, "place_type", "castle"),
    ("crowded-places", CrowdedPlace, "key_category", 12),
    ("crowded-places", CrowdedPlace, "name", "商场\x00"),
]


@pytest.fixture
def valid(enterprise_a, town_a, traffic_dept, sectors):
    from anjian.accounts.models import Department

    Department.objects.create(code="police_h", name="交警")
    return {
        "tailings-ponds": {
            "enterprise": enterprise_a.pk,
            "name": "尾矿库",
            "total_capacity": "10",
            "dam_height": "10",
            "construction": "upstream",
        },
        "chemicals": {"enterprise": enterprise_a.pk, "name": "电石", "max_stock_t": "1"},
        "road-sections": {
            "town": town_a.code,
            "road": "X1",
            "from_km": "1",
            "to_km": "2",
            "kind": "water_cliff",
            "owner": traffic_dept.code,
            "police": "police_h",
            "deadline": "2025-07-30",
        },
        "school-bus-routes": {
            "name": "校车线",
            "town": town_a.code,
            "segments": [{"road": "X1", "from_km": 0, "to_km": 1}],
        },
        "crowded-places": {"name": "商场", "town": town_a.code, "place_type": "mall"},
    }


@pytest.mark.parametrize(("url", "model", "field", "value"), CASES)
def test_hostile_input_is_a_400_naming_the_field(
    api_as, county_admin, valid, url, model, field, value
):
    response = api_as(county_admin).post(
        f"/api/v1/{url}/", {**valid[url], field: value}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not model.objects.exists()


def test_the_valid_payloads_are_accepted(api_as, county_admin, valid):
    for url, body in valid.items():
        response = api_as(county_admin).post(f"/api/v1/{url}/", body, format="json")
        assert response.status_code == 201, (url, response.content)


@pytest.mark.parametrize(
    "query",
    ["pond=abc", "pond=99999999999999999999999", "item=bad", "alarm=purple", "after=yesterday"],
)
def test_bad_filters_on_readings_are_a_400(api_as, county_admin, query):
    assert api_as(county_admin).get(f"/api/v1/pond-readings/?{query}").status_code == 400


def test_a_point_with_a_bad_threshold_is_refused(api_as, county_admin, valid):
    pond = (
        api_as(county_admin)
        .post("/api/v1/tailings-ponds/", valid["tailings-ponds"], format="json")
        .json()
    )
    response = api_as(county_admin).post(
        "/api/v1/pond-points/",
        {"pond": pond["id"], "code": "P\x00", "item": "freeboard", "red": "NaN"},
        format="json",
    )
    assert response.status_code == 400 and not MonitoringPoint.objects.exists()
