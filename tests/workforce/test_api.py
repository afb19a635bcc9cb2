"""inspectors/ and trainings/: the contract's fields, computed figures, scope and bad input."""

import datetime as dt

import pytest

from anjian.core import clock
from anjian.inspections import services as inspection_services
from anjian.workforce import selectors, services
from anjian.workforce.models import Inspector, Training
from tests.inspections.conftest import answers, checklist  # noqa: F401
from tests.workforce.conftest import days

pytestmark = pytest.mark.django_db
INSPECTORS = "/api/v1/inspectors/"
TRAININGS = "/api/v1/trainings/"


def test_the_register_answers_the_contract_fields(api_as, town_a_officer, inspectors):
    body = api_as(town_a_officer).get(INSPECTORS).json()
    rows = {row["name"]: row for row in body["results"]}
    assert set(rows) == {"王伟", "李娜"}  # a town sees its own inspectors only
    wang = rows["王伟"]
    assert {
        "id",
        "name",
        "department",
        "certificate_number",
        "certificate_expires_on",
        "training_hours",
        "inspections",
    } <= set(wang)
    assert wang["department"] == "town_a"
    assert wang["certificate_number"] == "桂执证00001"
    assert rows["李娜"]["certificate_state"] == "expiring"


def test_training_hours_and_inspections_count_this_year_only(
    monkeypatch,
    api_as,
    county_admin,
    town_a_officer,
    inspectors,
    enterprise_a,
    checklist,  # noqa: F811
):
    wang, li = inspectors["wang"], inspectors["li"]
    for held_on, hours in ((days(-10), "8"), (days(-20), "4.5"), (dt.date(2024, 12, 30), "16")):
        services.training_create(
            actor=town_a_officer,
            data={
                "title": "执法业务培训",
                "held_on": held_on,
                "hours": hours,
                "kind": "inspector",
                "inspectors": [wang.pk, li.pk] if hours == "8" else [wang.pk],
            },
        )
    # Recorded by 王伟's account; another names 李娜 among the inspectors; one names 李娜娜.
    for who, names in (
        (town_a_officer, "赵六"),
        (town_a_officer, "王伟，赵六"),  # recorded by 王伟's account and naming him: once
        (county_admin, "张三、李娜"),
        (county_admin, "李娜娜"),
    ):
        inspection_services.inspection_create(
            actor=who,
            results=answers(checklist),
            data={
                "enterprise": enterprise_a,
                "checklist": checklist,
                "inspected_on": clock.today(),
                "inspectors": names,
            },
        )
    rows = {r["name"]: r for r in api_as(town_a_officer).get(INSPECTORS).json()["results"]}
    assert rows["王伟"]["training_hours"] == 12.5
    assert rows["李娜"]["training_hours"] == 8
    assert rows["王伟"]["inspections"] == 2
    assert rows["李娜"]["inspections"] == 1  # not 李娜娜's
    # An export (more inspectors than the database narrowing takes) counts the same.
    monkeypatch.setattr(selectors, "NARROW_UP_TO", 0)
    everyone = selectors.with_figures(selectors.inspector_list(actor=town_a_officer))
    assert {i.name: i.inspections for i in everyone} == {"王伟": 2, "李娜": 1}
    last_year = api_as(town_a_officer).get(INSPECTORS, {"year": 2024}).json()["results"]
    assert {r["name"]: r["training_hours"] for r in last_year}["王伟"] == 16


def test_an_inspector_outside_scope_is_404(api_as, town_b_officer, traffic_officer, inspectors):
    wang = inspectors["wang"]
    assert api_as(town_b_officer).get(f"{INSPECTORS}{wang.pk}/").status_code == 404
    assert api_as(traffic_officer).get(f"{INSPECTORS}{wang.pk}/").status_code == 404
    assert (
        api_as(traffic_officer)
        .patch(f"{INSPECTORS}{wang.pk}/", {"name": "改名"}, format="json")
        .status_code
        == 404
    )


def test_a_department_manages_its_own_inspectors(api_as, traffic_officer, inspectors):
    response = api_as(traffic_officer).post(
        INSPECTORS,
        {
            "name": "刘洋",
            "certificate_number": "桂执证00099",
            "certificate_issued_on": "2024-01-01",
            "certificate_expires_on": "2029-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["department"] == "transport"
    zhang = inspectors["zhang"]
    renewed = api_as(traffic_officer).patch(
        f"{INSPECTORS}{zhang.pk}/", {"certificate_expires_on": "2030-06-30"}, format="json"
    )
    assert renewed.status_code == 200
    assert renewed.json()["certificate_state"] == "valid"


def test_the_county_registers_for_any_unit_and_a_town_only_its_own(
    api_as, county_admin, town_a_officer, inspectors
):
    made = api_as(county_admin).post(
        INSPECTORS, {"name": "周敏", "department": "transport"}, format="json"
    )
    assert made.status_code == 201 and made.json()["department"] == "transport"
    refused = api_as(town_a_officer).post(
        INSPECTORS, {"name": "周敏", "department": "transport"}, format="json"
    )
    assert refused.status_code == 400 and "department" in refused.json()


@pytest.mark.parametrize(
    "payload,field",
    [
        (
            {
                "name": "甲",
                "certificate_number": "X1",
                "certificate_issued_on": "2025-01-01",
                "certificate_expires_on": "2024-12-31",
            },
            "certificate_expires_on",
        ),
        (
            {"name": "甲", "certificate_number": "X1", "certificate_expires_on": "2025-02-30"},
            "certificate_expires_on",
        ),
        ({"name": "甲", "certificate_expires_on": "2027-01-01"}, "certificate_number"),
        ({"name": "甲", "department": "nowhere"}, "department"),
        ({"name": "甲", "user": 10**30}, "user"),
        ({"name": "甲", "user": 999999}, "user"),
        ({"name": "甲", "conflicts": [999999]}, "conflicts"),
        ({"name": "", "department": "town_a"}, "name"),
        ({"name": "甲\x01"}, "name"),
        ({"name": "甲", "certificate_number": "桂执证00001"}, "certificate_number"),
    ],
)
def test_bad_inspector_input_is_400_naming_the_field(
    api_as, town_a_officer, inspectors, payload, field
):
    response = api_as(town_a_officer).post(INSPECTORS, payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Inspector.objects.filter(name="甲").exists()


def test_enterprise_users_and_leaders_may_not_write_inspectors(
    api_as, enterprise_user, leader, inspectors
):
    assert api_as(enterprise_user).get(INSPECTORS).status_code == 403
    assert api_as(leader).get(INSPECTORS).status_code == 200
    assert api_as(leader).post(INSPECTORS, {"name": "甲"}, format="json").status_code == 403


def test_an_inspectors_training_names_who_attended(api_as, town_a_officer, inspectors):
    response = api_as(town_a_officer).post(
        TRAININGS,
        {
            "title": "行政执法程序培训",
            "held_on": str(days(-3)),
            "hours": "6",
            "kind": "inspector",
            "inspectors": [inspectors["wang"].pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["inspectors"] == [inspectors["wang"].pk]
    assert body["enterprise"] is None and body["attendees"] == 1 and body["unit"] == "town_a"


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"hours": "-2"}, "hours"),
        ({"hours": "0"}, "hours"),
        ({"hours": "5000"}, "hours"),
        ({"held_on": "2025-13-01"}, "held_on"),
        ({"held_on": "1900-01-01"}, "held_on"),
        ({"held_on": "2025-07-30"}, "held_on"),  # not held yet
        ({"kind": "party"}, "kind"),
        ({"inspectors": []}, "inspectors"),
        ({"inspectors": ["zhang"]}, "inspectors"),
        ({"attendees": -1}, "attendees"),
        ({"enterprise": 10**30}, "enterprise"),
    ],
)
def test_bad_training_input_is_400_naming_the_field(
    api_as, town_a_officer, inspectors, payload, field
):
    data = {
        "title": "执法培训",
        "held_on": "2025-06-01",
        "hours": "4",
        "kind": "inspector",
        "inspectors": [inspectors["wang"].pk],
        **payload,
    }
    response = api_as(town_a_officer).post(TRAININGS, data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Training.objects.exists()


def test_a_town_cannot_name_another_units_inspector(api_as, town_a_officer, inspectors):
    response = api_as(town_a_officer).post(
        TRAININGS,
        {
            "title": "培训",
            "held_on": "2025-06-01",
            "hours": "4",
            "kind": "inspector",
            "inspectors": [inspectors["zhang"].pk],
        },
        format="json",
    )
    assert response.status_code == 400 and "inspectors" in response.json()


def test_enterprise_users_see_and_record_their_own_trainings_only(
    api_as, enterprise_user, town_a_officer, enterprise_a, enterprise_b, county_admin
):
    own = api_as(enterprise_user).post(
        TRAININGS,
        {
            "title": "主要负责人再培训",
            "held_on": "2025-05-10",
            "hours": "16",
            "kind": "principal",
            "enterprise": enterprise_b.pk,
        },
        format="json",
    )
    assert own.status_code == 201 and own.json()["enterprise"] == enterprise_a.pk
    services.training_create(
        actor=county_admin,
        data={
            "title": "乙镇企业培训",
            "held_on": days(-5),
            "hours": 8,
            "kind": "all_staff",
            "enterprise": enterprise_b,
            "attendees": 40,
        },
    )
    services.training_create(
        actor=county_admin,
        data={"title": "县执法培训", "held_on": days(-5), "hours": 8, "kind": "all_staff"},
    )
    seen = api_as(enterprise_user).get(TRAININGS).json()["results"]
    assert [t["title"] for t in seen] == ["主要负责人再培训"]
    inspector_kind = api_as(enterprise_user).post(
        TRAININGS,
        {"title": "x", "held_on": "2025-05-10", "hours": "2", "kind": "inspector"},
        format="json",
    )
    assert inspector_kind.status_code == 400 and "kind" in inspector_kind.json()
    town = api_as(town_a_officer).get(TRAININGS).json()["results"]
    assert [t["title"] for t in town] == ["主要负责人再培训"]
