"""accountability/: county admin records against a town, department or enterprise; each reads
its own and its enterprises'; the accident and hazard must be in scope."""

import datetime as dt

import pytest

from anjian.accounts.units import Unit
from anjian.assessment import services

URL = "/api/v1/accountability/"


def record(actor, unit, **data):
    return services.accountability_create(
        actor=actor,
        unit=unit,
        data={
            "kind": "interview",
            "reason": "事故迟报",
            "date": dt.date(2026, 3, 1),
            "decided_by": "县安委会",
            **data,
        },
    )


@pytest.fixture
def records(county_admin, town_a, town_b, traffic_dept, enterprise_a, accident_a):
    return {
        "town_a": record(county_admin, Unit.of_town(town_a), accident=accident_a),
        "town_b": record(county_admin, Unit.of_town(town_b), kind="circular"),
        "traffic": record(county_admin, Unit.of_department(traffic_dept), kind="accountability"),
        "enterprise_a": record(
            county_admin,
            Unit.of_enterprise(enterprise_a),
            kind="rectification_order",
            date=dt.date(2025, 5, 1),
        ),
    }


def test_county_admin_records_against_a_town_with_the_accident(
    api_as, county_admin, town_a, accident_a
):
    response = api_as(county_admin).post(
        URL,
        {
            "unit": "town_a",
            "kind": "interview",
            "reason": "辖区发生事故",
            "date": "2026-03-01",
            "accident": accident_a.pk,
            "decided_by": "县安委会",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["unit"] == "town_a" and body["unit_kind"] == "town"
    assert body["accident"] == accident_a.pk


def test_county_admin_records_against_an_enterprise_by_id(api_as, county_admin, enterprise_a):
    response = api_as(county_admin).post(
        URL,
        {
            "unit": str(enterprise_a.pk),
            "kind": "rectification_order",
            "reason": "隐患逾期",
            "date": "2026-03-01",
            "decided_by": "县应急管理局",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["unit"] == str(enterprise_a.pk)


@pytest.mark.parametrize(
    "body,field",
    [
        ({"unit": "atlantis"}, "unit"),
        ({"unit": "999999"}, "unit"),
        ({"kind": "flogging"}, "kind"),
        ({"accident": 999999}, "accident"),
        ({"hazard": 999999}, "hazard"),
        ({"date": "2026-02-30"}, "date"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(body, field, api_as, county_admin, town_a):
    data = {
        "unit": "town_a",
        "kind": "interview",
        "reason": "x",
        "date": "2026-03-01",
        "decided_by": "县安委会",
        **body,
    }
    response = api_as(county_admin).post(URL, data, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_an_accident_outside_the_actors_scope_is_refused_naming_accident(
    town_a_officer, town_a, accident_b
):
    from django.core.exceptions import ValidationError

    # The service checks the accident against the actor's scope (not only that it exists).
    with pytest.raises(ValidationError) as exc:
        services._in_scope(town_a_officer, type(accident_b), accident_b.pk, "accident")
    assert "accident" in exc.value.message_dict


@pytest.mark.parametrize(
    "persona,sees",
    [
        ("county_admin", {"town_a", "town_b", "traffic", "enterprise_a"}),
        ("leader", {"town_a", "town_b", "traffic", "enterprise_a"}),
        ("town_a_officer", {"town_a", "enterprise_a"}),
        ("town_b_officer", {"town_b"}),
        ("traffic_officer", {"traffic"}),
    ],
)
def test_each_role_reads_its_own_and_its_enterprises(persona, sees, request, api_as, records):
    rows = api_as(request.getfixturevalue(persona)).get(URL).json()["results"]
    names = {k for k, r in records.items() if r.pk in {row["id"] for row in rows}}
    assert names == sees


def test_list_per_unit_and_per_year(api_as, county_admin, records, enterprise_a):
    api = api_as(county_admin)
    assert {r["id"] for r in api.get(URL + "?year=2025").json()["results"]} == {
        records["enterprise_a"].pk
    }
    assert {r["id"] for r in api.get(URL + "?unit=town_b").json()["results"]} == {
        records["town_b"].pk
    }
    assert {r["id"] for r in api.get(URL + f"?unit={enterprise_a.pk}").json()["results"]} == {
        records["enterprise_a"].pk
    }


@pytest.mark.parametrize("persona", ["town_a_officer", "traffic_officer", "leader"])
def test_others_may_not_record(persona, request, api_as, town_a):
    response = api_as(request.getfixturevalue(persona)).post(
        URL,
        {
            "unit": "town_a",
            "kind": "interview",
            "reason": "x",
            "date": "2026-03-01",
            "decided_by": "x",
        },
        format="json",
    )
    assert response.status_code == 403


def test_enterprise_user_gets_403(api_as, enterprise_user, records):
    assert api_as(enterprise_user).get(URL).status_code == 403
    assert api_as(enterprise_user).get(f"{URL}{records['enterprise_a'].pk}/").status_code == 403


def test_town_b_officer_gets_404_for_town_a_record(api_as, town_b_officer, records):
    assert api_as(town_b_officer).get(f"{URL}{records['town_a'].pk}/").status_code == 404
