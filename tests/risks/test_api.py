"""risk-points/ over the API: scope, grading, refusals, audit."""

import pytest

from anjian.core.models import AuditEntry
from anjian.risks.models import RiskPoint

URL = "/api/v1/risk-points/"


def _names(response):
    return {row["name"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "persona,expected",
    [
        ("county_admin", {"a", "a_road", "b", "public"}),
        ("leader", {"a", "a_road", "b", "public"}),
        ("town_a_officer", {"a", "a_road", "public"}),
        ("town_b_officer", {"b"}),
        ("traffic_officer", {"a_road", "public"}),
        ("enterprise_user", {"a"}),
    ],
)
def test_list_shows_exactly_the_scope(persona, expected, points, api_as, request):
    response = api_as(request.getfixturevalue(persona)).get(URL)
    assert response.status_code == 200
    assert _names(response) == {points[k].name for k in expected}


def test_town_b_officer_gets_404_for_a_town_a_point(points, api_as, town_b_officer):
    for key in ("a", "public"):
        assert api_as(town_b_officer).get(f"{URL}{points[key].pk}/").status_code == 404


def test_traffic_officer_gets_404_for_a_chemicals_point(points, api_as, traffic_officer):
    assert api_as(traffic_officer).get(f"{URL}{points['a'].pk}/").status_code == 404


def test_enterprise_user_gets_404_for_public_places_and_neighbours(points, api_as, enterprise_user):
    for key in ("a_road", "public"):
        assert api_as(enterprise_user).get(f"{URL}{points[key].pk}/").status_code == 404


def test_fields_follow_the_contract(points, api_as, county_admin):
    row = api_as(county_admin).get(f"{URL}{points['a'].pk}/").json()
    assert {
        "enterprise",
        "name",
        "accident_types",
        "method",
        "l",
        "e",
        "c",
        "s",
        "score",
        "level",
        "measures",
        "control_level",
    } <= set(row)
    assert row["accident_types"] == ["火灾", "容器爆炸"]
    assert (row["l"], row["e"], row["c"], row["s"]) == (6, 6, 15, None)
    assert (row["score"], row["level"], row["control_level"]) == (540, "major", "enterprise")
    public = api_as(county_admin).get(f"{URL}{points['public'].pk}/").json()
    assert (public["enterprise"], public["town"], public["sector"]) == (None, "town_a", "waterway")
    assert (public["l"], public["s"], public["score"], public["level"]) == (4, 5, 20, "major")


def test_enterprise_user_creates_a_point_for_its_own_unit(api_as, enterprise_user, enterprise_a):
    response = api_as(enterprise_user).post(
        URL,
        {
            "enterprise": enterprise_a.pk,
            "name": "有限空间作业",
            "accident_types": ["19", "淹溺"],
            "method": "LEC",
            "l": 3,
            "e": 6,
            "c": 40,
            "measures": "先通风、再检测、后作业",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["score"], body["level"], body["control_level"]) == (720, "major", "enterprise")
    assert body["town"] == "town_a" and body["sector"] == "hazardous_chemicals"
    assert body["accident_types"] == ["淹溺", "中毒和窒息"]


def test_officer_creates_a_public_place_point(api_as, town_a_officer):
    response = api_as(town_a_officer).post(
        URL,
        {
            "name": "急弯隐患路段",
            "town": "town_a",
            "sector": "road_traffic",
            "location": "县道X001 12公里处",
            "lng": "108.31",
            "lat": "22.79",
            "accident_types": ["车辆伤害"],
            "method": "LS",
            "l": 3,
            "s": 4,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["level"] == "general"


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"l": 4, "e": 6, "c": 15}, "l"),
        ({"l": 3, "e": 5, "c": 15}, "e"),
        ({"l": 3, "e": 6, "c": 20}, "c"),
        ({"l": "x", "e": 6, "c": 15}, "l"),
        ({"method": "LS", "l": 6, "s": 2, "e": None, "c": None}, "l"),
        ({"method": "LS", "l": 2, "s": 9, "e": None, "c": None}, "s"),
        ({"accident_types": ["不存在的类型"]}, "accident_types"),
        ({"accident_types": []}, "accident_types"),
        ({"control_level": "post"}, "control_level"),  # a major risk controlled by the team: no
    ],
)
def test_invalid_values_are_refused_with_the_field_and_nothing_is_saved(
    payload, field, api_as, enterprise_user, enterprise_a
):
    data = {
        "enterprise": enterprise_a.pk,
        "name": "储罐区",
        "accident_types": ["火灾"],
        "method": "LEC",
        "l": 6,
        "e": 6,
        "c": 15,
        **payload,
    }
    response = api_as(enterprise_user).post(URL, data, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not RiskPoint.objects.exists()


def test_error_messages_are_in_chinese(api_as, enterprise_user, enterprise_a):
    response = api_as(enterprise_user).post(
        URL,
        {
            "enterprise": enterprise_a.pk,
            "name": "储罐区",
            "accident_types": ["火灾"],
            "method": "LEC",
            "l": 4,
            "e": 6,
            "c": 15,
        },
        format="json",
    )
    assert "取值" in response.json()["l"][0]


def test_public_place_needs_location_and_coordinates(api_as, town_a_officer):
    response = api_as(town_a_officer).post(
        URL,
        {
            "name": "河道",
            "town": "town_a",
            "sector": "waterway",
            "accident_types": ["淹溺"],
            "method": "LS",
            "l": 3,
            "s": 4,
        },
        format="json",
    )
    assert response.status_code == 400
    assert {"location", "lng", "lat"} <= set(response.json())


def test_enterprise_user_cannot_name_another_unit_or_a_public_place(
    api_as, enterprise_user, enterprise_b
):
    api = api_as(enterprise_user)
    base = {"name": "x", "accident_types": ["火灾"], "method": "LS", "l": 2, "s": 2}
    assert (
        "enterprise" in api.post(URL, {**base, "enterprise": enterprise_b.pk}, format="json").json()
    )
    response = api.post(
        URL,
        {
            **base,
            "town": "town_a",
            "sector": "waterway",
            "location": "河",
            "lng": "108.3",
            "lat": "22.8",
        },
        format="json",
    )
    assert response.status_code == 400
    assert not RiskPoint.objects.exists()


def test_town_officer_cannot_create_in_another_town(api_as, town_a_officer, town_b):
    response = api_as(town_a_officer).post(
        URL,
        {
            "name": "河道",
            "town": "town_b",
            "sector": "waterway",
            "location": "乙镇河段",
            "lng": "108.3",
            "lat": "22.8",
            "accident_types": ["淹溺"],
            "method": "LS",
            "l": 3,
            "s": 4,
        },
        format="json",
    )
    assert response.status_code == 400 and "town" in response.json()
    assert not RiskPoint.objects.exists()


def test_leader_gets_403_on_every_write(points, api_as, leader):
    api = api_as(leader)
    assert api.patch(f"{URL}{points['a'].pk}/", {"l": 1}, format="json").status_code == 403
    assert api.delete(f"{URL}{points['a'].pk}/").status_code == 403
    assert api.post(URL, {"name": "x"}, format="json").status_code == 403


def test_update_regrades_and_records_old_and_new_values(points, api_as, enterprise_user):
    point = points["a"]
    response = api_as(enterprise_user).patch(f"{URL}{point.pk}/", {"l": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["score"], response.json()["level"]) == (90, "general")
    entry = AuditEntry.objects.filter(
        model="riskpoint", object_id=str(point.pk), action="riskpoint.update"
    ).get()
    assert entry.changes["level"] == ["major", "general"]
    assert entry.changes["score"] == ["540.00", "90.00"]
    assert entry.changes["l"] == ["6.0", "1.0"]
    assert entry.username == enterprise_user.username and entry.via == "api"


def test_switching_method_drops_the_other_factors(points, api_as, enterprise_user):
    response = api_as(enterprise_user).patch(
        f"{URL}{points['a'].pk}/", {"method": "LS", "l": 2, "s": 3}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["e"], body["c"], body["score"], body["level"]) == (None, None, 6, "low")
    assert body["control_level"] == "enterprise"  # controlled above is allowed


def test_update_outside_scope_is_404_and_changes_nothing(points, api_as, town_b_officer):
    response = api_as(town_b_officer).patch(f"{URL}{points['a'].pk}/", {"l": 1}, format="json")
    assert response.status_code == 404
    points["a"].refresh_from_db()
    assert points["a"].level == "major"


@pytest.mark.parametrize(
    "query,expected",
    [
        ("level=major", {"a", "public"}),
        ("method=LS", {"public"}),
        ("town=town_b", {"b"}),
        ("sector=road_traffic", {"a_road"}),
        ("q=储罐", {"a"}),
        ("public=true", {"public"}),
    ],
)
def test_filters(query, expected, points, api_as, county_admin):
    response = api_as(county_admin).get(f"{URL}?{query}")
    assert _names(response) == {points[k].name for k in expected}


def test_filter_by_enterprise(points, api_as, county_admin):
    response = api_as(county_admin).get(f"{URL}?enterprise={points['b'].enterprise_id}")
    assert _names(response) == {points["b"].name}


def test_delete_is_audited(points, api_as, town_a_officer):
    point = points["a_road"]
    assert api_as(town_a_officer).delete(f"{URL}{point.pk}/").status_code == 204
    assert not RiskPoint.objects.filter(pk=point.pk).exists()
    assert AuditEntry.objects.filter(
        model="riskpoint", object_id=str(point.pk), action="riskpoint.delete"
    ).exists()


def test_anonymous_gets_401(api_as):
    assert api_as(None).get(URL).status_code == 401


@pytest.mark.parametrize(
    "controls,expected_status,expected_control",
    [
        (None, 201, "workshop"),  # the seeded default: a general risk at workshop level
        (
            {"major": "enterprise", "large": "enterprise", "general": "department", "low": "post"},
            400,
            None,
        ),  # the county raised general risks to the safety department
    ],
)
def test_control_levels_are_the_rule_in_force(
    api_as, county_admin, town_a_officer, controls, expected_status, expected_control
):
    import datetime as dt

    from anjian.core import clock
    from anjian.core.rules import rule_setting_change

    if controls:
        rule_setting_change(
            actor=county_admin,
            key="risks.control_levels",
            value=controls,
            effective_from=clock.today() - dt.timedelta(days=1),
            note="县安委办通知（示例）",
        )
    response = api_as(town_a_officer).post(
        URL,
        {
            "name": "急弯隐患路段",
            "town": "town_a",
            "sector": "road_traffic",
            "location": "县道X001 12公里处",
            "lng": "108.31",
            "lat": "22.79",
            "accident_types": ["车辆伤害"],
            "method": "LS",
            "l": 3,
            "s": 4,
            "control_level": "workshop",
        },
        format="json",
    )
    assert response.status_code == expected_status, response.json()
    if expected_control:
        assert response.json()["control_level"] == expected_control
    else:
        assert "control_level" in response.json()
