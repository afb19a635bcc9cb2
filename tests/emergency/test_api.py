"""emergency-plans/ and drills/ exactly per the contract, scoped, with bad input named."""

import datetime as dt

import pytest

from anjian.emergency.models import EmergencyPlan
from anjian.emergency.rules import add_months
from anjian.hazards.models import Hazard
from tests.emergency.conftest import days_ago

pytestmark = pytest.mark.django_db

PLAN_FIELDS = {
    "id",
    "enterprise",
    "unit",
    "kind",
    "title",
    "published_on",
    "filed_on",
    "filing_number",
    "evaluated_on",
    "filing_late",
    "next_evaluation_due",
    "next_drill_due",
    "overdue",
    "revisions",
}


def test_a_plan_carries_the_contracts_fields(plans, api_as, county_admin):
    body = api_as(county_admin).get(f"/api/v1/emergency-plans/{plans['county'].pk}/").json()
    assert set(body) == PLAN_FIELDS
    assert body["unit"] == "county" and body["enterprise"] is None
    assert body["overdue"] is True  # two years without a drill
    assert body["next_drill_due"] == add_months(plans["county"].published_on, 24).isoformat()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("county_admin", 6),
        ("town_a_officer", 2),
        ("traffic_officer", 1),
        ("emergency_officer", 2),
        ("enterprise_user", 1),
    ],
)
def test_the_list_is_scoped(persona, expected, request, plans, api_as):
    body = api_as(request.getfixturevalue(persona)).get("/api/v1/emergency-plans/").json()
    assert body["count"] == expected


def test_the_overdue_filter_matches_the_computed_field(plans, api_as, county_admin):
    api = api_as(county_admin)
    overdue = api.get("/api/v1/emergency-plans/?overdue=true").json()["results"]
    assert {p["title"] for p in overdue} == {plans["county"].title, plans["enterprise_a"].title}
    assert all(p["overdue"] for p in overdue)
    rest = api.get("/api/v1/emergency-plans/?overdue=0").json()["results"]
    assert not any(p["overdue"] for p in rest) and len(rest) == 4


def test_an_enterprise_user_cannot_file_a_plan_for_another_unit(
    api_as, enterprise_user, enterprise_b, enterprise_a
):
    response = api_as(enterprise_user).post(
        "/api/v1/emergency-plans/",
        {
            "enterprise": enterprise_b.pk,
            "kind": "special",
            "title": "x",
            "published_on": days_ago(5).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201
    # Always its own unit, whatever it names.
    assert EmergencyPlan.objects.get(pk=response.json()["id"]).enterprise == enterprise_a


def test_a_town_officer_cannot_file_a_plan_for_another_town(api_as, town_a_officer, town_b):
    response = api_as(town_a_officer).post(
        "/api/v1/emergency-plans/",
        {
            "unit": "town_b",
            "kind": "comprehensive",
            "title": "x",
            "published_on": days_ago(5).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400 and "unit" in response.json()


def test_the_county_files_a_plan_for_a_town_and_its_filing_is_late(api_as, county_admin, town_a):
    response = api_as(county_admin).post(
        "/api/v1/emergency-plans/",
        {
            "unit": "town_a",
            "kind": "comprehensive",
            "title": "甲镇总体预案",
            "published_on": "2025-09-26",
            "filed_on": "2025-10-31",
            "filing_number": "备-2025-01",
            "evaluated_on": "2025-09-26",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["unit"] == "town_a" and body["filing_late"] is True
    assert body["next_evaluation_due"] == "2028-09-26"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("filed_on", "2025-09-01"),
        ("evaluated_on", "2025-09-01"),
        ("kind", "general"),
        ("published_on", "1900-01-01"),
    ],
)
def test_bad_plan_input_is_a_400_naming_the_field(field, value, api_as, county_admin, town_a):
    data = {
        "unit": "town_a",
        "kind": "comprehensive",
        "title": "甲镇总体预案",
        "published_on": "2025-09-26",
        field: value,
    }
    response = api_as(county_admin).post("/api/v1/emergency-plans/", data, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()


def test_a_drill_before_the_plans_publication_is_a_400_naming_held_on(
    plans, api_as, enterprise_user
):
    plan = plans["enterprise_a"]
    response = api_as(enterprise_user).post(
        "/api/v1/drills/",
        {
            "plan": plan.pk,
            "held_on": (plan.published_on - dt.timedelta(days=1)).isoformat(),
            "form": "tabletop",
            "participants": 10,
        },
        format="json",
    )
    assert response.status_code == 400 and "held_on" in response.json()


@pytest.mark.parametrize("participants", [-1, 100_000])
def test_implausible_participants_are_a_400_naming_the_field(
    participants, plans, api_as, enterprise_user
):
    response = api_as(enterprise_user).post(
        "/api/v1/drills/",
        {
            "plan": plans["enterprise_a"].pk,
            "held_on": days_ago(1).isoformat(),
            "form": "tabletop",
            "participants": participants,
        },
        format="json",
    )
    assert response.status_code == 400 and "participants" in response.json()


def test_a_drill_moves_the_next_drill_due(plans, api_as, enterprise_user):
    api = api_as(enterprise_user)
    plan = plans["enterprise_a"]
    response = api.post(
        "/api/v1/drills/",
        {
            "plan": plan.pk,
            "held_on": days_ago(1).isoformat(),
            "form": "full_scale",
            "participants": 40,
            "evaluation": "响应及时",
            "problems": "喷淋泵启动慢",
        },
        format="json",
    )
    assert response.status_code == 201
    assert set(response.json()) == {
        "id",
        "plan",
        "held_on",
        "form",
        "participants",
        "evaluation",
        "problems",
        "hazard",
    }
    body = api.get(f"/api/v1/emergency-plans/{plan.pk}/").json()
    assert body["overdue"] is False
    assert body["next_drill_due"] > days_ago(-150).isoformat()  # six months from yesterday


def test_a_drill_of_a_plan_outside_scope_is_a_404(plans, api_as, town_b_officer):
    response = api_as(town_b_officer).post(
        "/api/v1/drills/",
        {
            "plan": plans["enterprise_a"].pk,
            "held_on": days_ago(1).isoformat(),
            "form": "tabletop",
            "participants": 3,
        },
        format="json",
    )
    assert response.status_code == 404


def test_the_leader_gets_403_on_writes(plans, api_as, leader):
    response = api_as(leader).post(
        "/api/v1/drills/",
        {
            "plan": plans["town_a"].pk,
            "held_on": days_ago(1).isoformat(),
            "form": "tabletop",
            "participants": 3,
        },
        format="json",
    )
    assert response.status_code == 403


def test_drill_problems_become_a_hazard_once(plans, api_as, enterprise_user, town_b_officer):
    api = api_as(enterprise_user)
    drill = api.post(
        "/api/v1/drills/",
        {
            "plan": plans["enterprise_a"].pk,
            "held_on": days_ago(1).isoformat(),
            "form": "functional",
            "participants": 12,
            "problems": "防毒面具过期",
        },
        format="json",
    ).json()
    url = f"/api/v1/drills/{drill['id']}/hazard/"
    assert (
        api_as(town_b_officer)
        .post(url, {"deadline": days_ago(-30).isoformat()}, format="json")
        .status_code
        == 404
    )
    assert api.post(url, {}, format="json").json().keys() == {"deadline"}
    response = api.post(url, {"deadline": days_ago(-30).isoformat()}, format="json")
    assert response.status_code == 201
    hazard = Hazard.objects.get(pk=response.json()["hazard"])
    assert hazard.source == "self_check"
    assert api.get(f"/api/v1/drills/{drill['id']}/").json()["hazard"] == hazard.pk
    assert api.post(url, {"deadline": days_ago(-30).isoformat()}, format="json").status_code == 409


def test_the_county_records_a_towns_filing_with_a_patch(plans, api_as, county_admin):
    plan = plans["town_a"]
    api = api_as(county_admin)
    response = api.patch(
        f"/api/v1/emergency-plans/{plan.pk}/",
        {
            "filed_on": (plan.published_on + dt.timedelta(days=10)).isoformat(),
            "filing_number": "备2025-07",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["filing_number"] == "备2025-07" and response.json()["unit"] == "town_a"
    response = api.patch(f"/api/v1/emergency-plans/{plan.pk}/", {"unit": "town_b"}, format="json")
    assert response.status_code == 400 and "unit" in response.json()


def test_an_enterprise_user_cannot_change_a_plan_outside_its_unit(plans, api_as, enterprise_user):
    response = api_as(enterprise_user).patch(
        f"/api/v1/emergency-plans/{plans['town_a'].pk}/", {"title": "x"}, format="json"
    )
    assert response.status_code == 404


def test_the_leader_cannot_change_a_plan(plans, api_as, leader):
    response = api_as(leader).patch(
        f"/api/v1/emergency-plans/{plans['town_a'].pk}/", {"title": "x"}, format="json"
    )
    assert response.status_code == 403


def test_the_todo_tasks_are_the_units_own_and_leave_once_done(
    plans, enterprise_user, county_admin, town_a_officer
):
    from anjian.emergency import services
    from anjian.emergency.selectors import todo_list

    tasks = todo_list(actor=enterprise_user)
    assert [(t["kind"], t["overdue"]) for t in tasks] == [("drill_due", True)]
    assert tasks[0]["url"] == plans["enterprise_a"].get_absolute_url()
    assert [t["kind"] for t in todo_list(actor=county_admin)] == ["drill_due"]
    assert todo_list(actor=town_a_officer) == []  # its enterprise's drill is not its task
    services.drill_create(
        actor=enterprise_user,
        plan=plans["enterprise_a"],
        data={"held_on": days_ago(1), "form": "tabletop", "participants": 6},
    )
    assert todo_list(actor=enterprise_user) == []


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_plan_documents_through_the_api(
    plans, api_as, enterprise_user, town_b_officer, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    url = f"/api/v1/emergency-plans/{plans['enterprise_a'].pk}/attachments/"
    api = api_as(enterprise_user)
    bad = api.post(url, {"file": SimpleUploadedFile("预案.pdf", b"<html>")}, format="multipart")
    assert bad.status_code == 400 and "file" in bad.json()
    good = api.post(url, {"file": SimpleUploadedFile("预案.pdf", PDF)}, format="multipart")
    assert good.status_code == 201 and good.json()["name"] == "预案.pdf"
    assert [a["name"] for a in api.get(url).json()] == ["预案.pdf"]
    assert api_as(town_b_officer).get(url).status_code == 404
