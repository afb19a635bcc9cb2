"""accidents/ over the API: scope, field errors, revisions."""

import pytest

from anjian.accidents.models import Accident
from anjian.core import clock
from tests.accidents.conftest import at

PAYLOAD = {"title": "国道两车相撞", "occurred_at": "2024-03-05T14:30:00+08:00",
           "reported_at": "2024-03-05T15:30:00+08:00", "town": "town_a",
           "sector": "road_traffic", "accident_type": "车辆伤害", "deaths": 1, "missing": 0,
           "serious_injuries": 2, "minor_injuries": 3, "direct_loss": "125000.00",
           "description": "两车相撞"}


@pytest.fixture
def world(make_accident, enterprise_a, town_b):
    return {
        "road_a": make_accident(title="甲镇道路事故", sector="road_traffic"),
        "chem_a": make_accident(title="甲镇化工事故", sector="hazardous_chemicals",
                                enterprise=enterprise_a),
        "b": make_accident(title="乙镇事故", sector="industry_trade", town=town_b),
    }


@pytest.mark.parametrize("persona,expected", [
    ("county_admin", {"road_a", "chem_a", "b"}), ("leader", {"road_a", "chem_a", "b"}),
    ("town_a_officer", {"road_a", "chem_a"}), ("town_b_officer", {"b"}),
    ("traffic_officer", {"road_a"}), ("enterprise_user", {"chem_a"}),
])
def test_list_shows_exactly_the_scope(persona, expected, world, api_as, request):
    response = api_as(request.getfixturevalue(persona)).get("/api/v1/accidents/")
    assert response.status_code == 200
    assert {r["title"] for r in response.json()["results"]} == {world[k].title for k in expected}


def test_outsider_gets_404(world, api_as, town_b_officer):
    assert api_as(town_b_officer).get(f"/api/v1/accidents/{world['road_a'].pk}/").status_code == 404


def test_create_with_type_name_gives_computed_fields(api_as, traffic_officer, town_a, sectors):
    response = api_as(traffic_officer).post("/api/v1/accidents/", PAYLOAD, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["accident_type"] == "02" and body["grade"] == "general"
    assert body["report_late"] is False and body["town"] == "town_a"
    assert body["enterprise"] is None and body["direct_loss"] == "125000.00"


def test_create_with_type_code(api_as, county_admin, town_a, sectors):
    response = api_as(county_admin).post("/api/v1/accidents/", {**PAYLOAD, "accident_type": "09"},
                                         format="json")
    assert response.json()["accident_type_name"] == "高处坠落"


@pytest.mark.parametrize("change,field", [
    ({"deaths": -1}, "deaths"), ({"serious_injuries": -3}, "serious_injuries"),
    ({"direct_loss": "-1"}, "direct_loss"),
    ({"reported_at": "2024-03-05T14:00:00+08:00"}, "reported_at"),
    ({"town": "nowhere"}, "town"), ({"sector": "no_such_sector"}, "sector"),
    ({"accident_type": "21"}, "accident_type"),
])
def test_bad_input_is_a_field_error_and_changes_nothing(change, field, api_as, county_admin,
                                                        town_a, sectors):
    response = api_as(county_admin).post("/api/v1/accidents/", {**PAYLOAD, **change},
                                         format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Accident.objects.count() == 0


def test_traffic_officer_cannot_enter_a_chemicals_accident(api_as, traffic_officer, town_a,
                                                           sectors):
    response = api_as(traffic_officer).post(
        "/api/v1/accidents/", {**PAYLOAD, "sector": "hazardous_chemicals"}, format="json")
    assert response.status_code == 400 and "sector" in response.json()


@pytest.mark.parametrize("persona", ["leader", "enterprise_user"])
def test_read_only_roles_get_403(persona, api_as, request, town_a, sectors, world):
    client = api_as(request.getfixturevalue(persona))
    assert client.post("/api/v1/accidents/", PAYLOAD, format="json").status_code == 403


def test_patch_of_figures_shows_up_as_revision(api_as, county_admin, make_accident):
    from django.utils import timezone

    accident = make_accident(deaths=1, occurred_at=clock.now() - timezone.timedelta(days=1))
    client = api_as(county_admin)
    response = client.patch(f"/api/v1/accidents/{accident.pk}/", {"deaths": 3, "note": "补报"},
                            format="json")
    assert response.status_code == 200 and response.json()["grade"] == "large"
    revisions = client.get(f"/api/v1/accidents/{accident.pk}/revisions/").json()
    assert [(r["kind"], r["before"]["deaths"], r["after"]["deaths"], r["note"])
            for r in revisions] == [("supplementary", 1, 3, "补报")]


def test_filter_by_late_and_type(api_as, county_admin, make_accident):
    make_accident(title="迟报的", delay_minutes=61, occurred_at=at(2024, 3, 1, 8, 0))
    make_accident(title="按时的", delay_minutes=60, occurred_at=at(2024, 3, 1, 8, 0))
    client = api_as(county_admin)
    late = client.get("/api/v1/accidents/?report_late=true").json()["results"]
    assert [r["title"] for r in late] == ["迟报的"]
    assert client.get("/api/v1/accidents/?accident_type=车辆伤害").json()["count"] == 2


def test_an_accident_cannot_name_a_unit_of_another_town(api_as, town_a_officer, enterprise_b,
                                                        sectors):
    from anjian.accidents.models import Accident

    response = api_as(town_a_officer).post("/api/v1/accidents/", {
        "title": "乙镇单位事故", "occurred_at": "2024-03-05T10:00:00+08:00",
        "reported_at": "2024-03-05T10:30:00+08:00", "town": "town_a", "sector": "industry_trade",
        "enterprise": enterprise_b.pk, "accident_type": "09"}, format="json")
    assert response.status_code == 400 and "enterprise" in response.json()
    assert not Accident.objects.exists()


@pytest.mark.parametrize("query", [
    "late=1", "report_late=true", "late=0", "report_late=false", "period=2024-03",
    "period=2024-Q2", "period=2024-03&late=1", "grade=general&report_late=false",
    "kind=accident", "accident_type=车辆伤害", "accident_type=02&late=0",
])
def test_the_ledger_page_and_the_api_give_the_same_rows_for_the_same_filter(
        query, api_as, login, county_admin, make_accident):
    make_accident(title="三月迟报", delay_minutes=61, occurred_at=at(2024, 3, 1, 8, 0))
    make_accident(title="三月按时", delay_minutes=60, occurred_at=at(2024, 3, 2, 8, 0))
    make_accident(title="五月迟报", delay_minutes=90, occurred_at=at(2024, 5, 2, 8, 0))
    api = [r["title"] for r in api_as(county_admin).get(f"/api/v1/accidents/?{query}")
           .json()["results"]]
    page = login(county_admin).get(f"/accidents/?{query}")
    assert page.status_code == 200
    assert sorted(a.title for a in page.context["page"]) == sorted(api)


def test_a_bad_period_is_a_400_naming_the_field(api_as, county_admin):
    response = api_as(county_admin).get("/api/v1/accidents/?period=2024-13")
    assert response.status_code == 400 and "period" in response.json()
