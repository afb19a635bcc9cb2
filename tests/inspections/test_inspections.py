"""Running a checklist: problems become hazards (major on a major criterion), within scope."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from anjian.core.models import AuditEntry
from anjian.hazards.models import Hazard
from anjian.inspections import services
from anjian.inspections.models import Inspection, InspectionKind
from tests.inspections.conftest import answers


def _run(actor, checklist, enterprise, today, problems=None, **extra):
    return services.inspection_create(
        actor=actor,
        results=answers(checklist, problems),
        hazard_deadline=today + dt.timedelta(days=15),
        data={
            "enterprise": enterprise,
            "checklist": checklist,
            "inspected_on": today,
            "inspectors": "张三",
            **extra,
        },
    )


def test_a_problem_on_a_major_criterion_creates_a_linked_major_hazard(
    town_a_officer, checklist, enterprise_a, today
):
    inspection = _run(
        town_a_officer, checklist, enterprise_a, today, {1: "两名电工无证作业", 2: "罐区无警示标志"}
    )
    major = inspection.results.get(item__number=1).hazard
    general = inspection.results.get(item__number=2).hazard
    assert inspection.results.get(item__number=3).hazard is None
    assert (major.grade, major.criterion.code, major.source) == ("major", "chem-02", "inspection")
    assert major.supervised and "两名电工无证作业" in major.description
    assert (general.grade, general.criterion, general.enterprise) == ("general", None, enterprise_a)
    assert general.deadline == today + dt.timedelta(days=15) and general.found_on == today
    assert (
        inspection.kind == InspectionKind.INSPECTION and inspection.unit_town == town_a_officer.town
    )
    assert general.owner_town == town_a_officer.town


def test_a_problem_in_a_campaign_is_a_campaign_hazard(progressed):
    hazard = progressed["a"].results.get(item__number=1).hazard
    assert hazard.source == "campaign"


def test_an_enterprise_self_inspection_registers_self_check_hazards(
    enterprise_user, checklist, enterprise_a, today
):
    inspection = _run(enterprise_user, checklist, enterprise_a, today, {3: "灭火器过期"})
    hazard = inspection.results.get(item__number=3).hazard
    assert inspection.kind == InspectionKind.SELF_CHECK
    assert (hazard.source, hazard.grade) == ("self_check", "general")


def test_an_enterprise_user_cannot_inspect_a_neighbour(
    enterprise_user, checklist, enterprise_b, today
):
    with pytest.raises(ValidationError):
        _run(enterprise_user, checklist, enterprise_b, today)
    assert not Inspection.objects.exists()


def test_every_active_item_must_be_answered(town_a_officer, checklist, enterprise_a, today):
    results = answers(checklist)[:-1]
    with pytest.raises(ValidationError) as exc:
        services.inspection_create(
            actor=town_a_officer,
            results=results,
            data={"enterprise": enterprise_a, "checklist": checklist, "inspected_on": today},
        )
    assert "results" in exc.value.message_dict
    assert not Inspection.objects.exists() and not Hazard.objects.exists()


def test_problems_need_a_deadline_and_nothing_is_saved_without_one(
    town_a_officer, checklist, enterprise_a, today
):
    with pytest.raises(ValidationError) as exc:
        services.inspection_create(
            actor=town_a_officer,
            results=answers(checklist, {1: "x"}),
            data={"enterprise": enterprise_a, "checklist": checklist, "inspected_on": today},
        )
    assert "hazard_deadline" in exc.value.message_dict
    assert not Hazard.objects.exists()


def test_leader_cannot_record_an_inspection(leader, checklist, enterprise_a, today):
    with pytest.raises(PermissionDenied):
        _run(leader, checklist, enterprise_a, today)


def test_an_inspection_is_audited(town_a_officer, checklist, enterprise_a, today):
    inspection = _run(town_a_officer, checklist, enterprise_a, today, {2: "x"})
    entry = AuditEntry.objects.get(model="inspection", object_id=str(inspection.pk))
    assert entry.username == town_a_officer.username
    assert entry.changes["results"][1] == {"ok": 2, "problem": 1, "not_applicable": 0}
    assert entry.changes["hazards"][1] == [inspection.results.get(item__number=2).hazard_id]
    assert AuditEntry.objects.filter(model="hazard", action="hazard.create").count() == 1


def test_the_web_form_records_an_inspection(town_a_officer, login, checklist, enterprise_a, today):
    url = (
        reverse("inspections:inspection_create")
        + f"?enterprise={enterprise_a.pk}&checklist={checklist.pk}"
    )
    client = login(town_a_officer)
    assert client.get(url).status_code == 200
    items = list(checklist.items.order_by("number"))
    data = {
        "inspected_on": today.isoformat(),
        "inspectors": "张三",
        "hazard_deadline": (today + dt.timedelta(days=7)).isoformat(),
    }
    for item in items:
        data[f"outcome_{item.pk}"] = "problem" if item.number == 1 else "ok"
        data[f"note_{item.pk}"] = "无证" if item.number == 1 else ""
    response = client.post(url, data)
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{inspection.pk}/")
    assert inspection.results.get(item__number=1).hazard.grade == "major"
    page = client.get(reverse("inspections:inspection_detail", args=[inspection.pk]))
    assert "无证" in page.content.decode()


@pytest.fixture
def inspected(town_a_officer, checklist, enterprise_a, today):
    return _run(town_a_officer, checklist, enterprise_a, today, {2: "x"})


@pytest.mark.parametrize(
    "persona,status",
    [
        ("county_admin", 200),
        ("leader", 200),
        ("town_a_officer", 200),
        ("enterprise_user", 200),
        ("town_b_officer", 404),
        ("traffic_officer", 404),
    ],
)
def test_inspection_detail_is_scoped(persona, status, inspected, request, login, api_as):
    user = request.getfixturevalue(persona)
    url = reverse("inspections:inspection_detail", args=[inspected.pk])
    assert login(user).get(url).status_code == status
    assert api_as(user).get(f"/api/v1/inspections/{inspected.pk}/").status_code == status


def test_inspection_list_shows_only_the_scope(inspected, login, town_b_officer, town_a_officer):
    assert (
        "甲镇化工有限公司"
        in login(town_a_officer).get(reverse("inspections:inspection_list")).content.decode()
    )
    assert (
        "甲镇化工有限公司"
        not in login(town_b_officer).get(reverse("inspections:inspection_list")).content.decode()
    )


def test_the_form_refuses_leader_and_hides_other_towns_units(
    leader, town_b_officer, login, enterprise_a, checklist
):
    url = (
        reverse("inspections:inspection_create")
        + f"?enterprise={enterprise_a.pk}&checklist={checklist.pk}"
    )
    assert login(leader).get(url).status_code == 403
    assert login(town_b_officer).get(url).status_code == 404


def test_api_creates_an_inspection_with_a_hazard(
    api_as, town_a_officer, checklist, enterprise_a, today
):
    items = list(checklist.items.order_by("number"))
    body = {
        "enterprise": enterprise_a.pk,
        "checklist": checklist.pk,
        "inspected_on": today.isoformat(),
        "inspectors": "张三",
        "hazard_deadline": (today + dt.timedelta(days=10)).isoformat(),
        "results": [
            {"item": i.pk, "outcome": "problem" if i.number == 1 else "ok", "note": ""}
            for i in items
        ],
    }
    response = api_as(town_a_officer).post("/api/v1/inspections/", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["kind"] == "inspection" and data["town"] == "town_a" and len(data["hazards"]) == 1
    assert Hazard.objects.get(pk=data["hazards"][0]).grade == "major"


def test_api_refuses_bad_input_and_other_towns(
    api_as, town_a_officer, town_b_officer, leader, checklist, enterprise_a, today
):
    items = list(checklist.items.order_by("number"))
    body = {
        "enterprise": enterprise_a.pk,
        "checklist": checklist.pk,
        "inspected_on": today.isoformat(),
        "results": [{"item": items[0].pk, "outcome": "ok"}],
    }
    response = api_as(town_a_officer).post("/api/v1/inspections/", body, format="json")
    assert response.status_code == 400 and "results" in response.json()
    response = api_as(town_b_officer).post("/api/v1/inspections/", body, format="json")
    assert response.status_code == 400 and "enterprise" in response.json()
    assert api_as(leader).post("/api/v1/inspections/", body, format="json").status_code == 403
    assert not Inspection.objects.exists()
