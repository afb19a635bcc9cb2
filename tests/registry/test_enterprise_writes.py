"""Writing the registry: validation in Chinese, nothing changed on bad input, every change audited."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.core import clock
from anjian.core.models import AuditEntry
from anjian.registry.models import Enterprise, Licence
from tests.conftest import make_credit_code


def _payload(**overrides):
    data = {
        "name": "甲镇新建材有限公司",
        "credit_code": make_credit_code(77),
        "sector": "industry_trade",
        "town": "town_a",
        "department": "emergency",
        "employees": 30,
        "status": "operating",
    }
    data.update(overrides)
    return data


def test_town_officer_registers_a_unit_in_its_town_and_it_is_audited(
    api_as, town_a_officer, emergency_dept
):
    response = api_as(town_a_officer).post("/api/v1/enterprises/", _payload(), format="json")
    assert response.status_code == 201, response.json()
    entry = AuditEntry.objects.get(model="enterprise", object_id=str(response.json()["id"]))
    assert entry.action == "enterprise.create" and entry.username == "town_a_p"
    assert entry.changes["name"] == [None, "甲镇新建材有限公司"]


def test_town_officer_cannot_register_a_unit_in_another_town(
    api_as, town_a_officer, town_b, emergency_dept
):
    response = api_as(town_a_officer).post(
        "/api/v1/enterprises/", _payload(town="town_b"), format="json"
    )
    assert response.status_code == 400
    assert "town" in response.json()
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize(
    "code,fragment",
    [
        (make_credit_code(77)[:-1] + ("0" if make_credit_code(77)[-1] != "0" else "1"), "校验码"),
        ("91450000ABC", "18"),
        ("91450000000000O77X", "不允许"),
    ],
)
def test_bad_credit_code_is_refused_in_chinese_and_nothing_is_saved(
    code, fragment, api_as, county_admin, town_a, emergency_dept
):
    response = api_as(county_admin).post(
        "/api/v1/enterprises/", _payload(credit_code=code), format="json"
    )
    assert response.status_code == 400
    assert fragment in " ".join(response.json()["credit_code"])
    assert not Enterprise.objects.exists() and not AuditEntry.objects.exists()


def test_duplicate_credit_code_is_refused(api_as, county_admin, enterprise_a):
    response = api_as(county_admin).post(
        "/api/v1/enterprises/", _payload(credit_code=enterprise_a.credit_code), format="json"
    )
    assert response.status_code == 400 and "credit_code" in response.json()
    assert Enterprise.objects.count() == 1


def test_unknown_town_code_is_a_field_error(api_as, county_admin, town_a, emergency_dept):
    response = api_as(county_admin).post(
        "/api/v1/enterprises/", _payload(town="nowhere"), format="json"
    )
    assert response.status_code == 400 and "town" in response.json()


def test_update_records_old_and_new_values(api_as, town_a_officer, enterprise_a):
    response = api_as(town_a_officer).patch(
        f"/api/v1/enterprises/{enterprise_a.pk}/",
        {"phone": "0771-1234567", "employees": 88},
        format="json",
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.get(model="enterprise", action="enterprise.update")
    assert entry.changes == {"employees": [0, 88], "phone": ["", "0771-1234567"]}


def test_enterprise_user_edits_contact_details_but_not_its_sector(
    api_as, enterprise_user, enterprise_a
):
    api = api_as(enterprise_user)
    ok = api.patch(f"/api/v1/enterprises/{enterprise_a.pk}/", {"phone": "110"}, format="json")
    assert ok.status_code == 200
    refused = api.patch(
        f"/api/v1/enterprises/{enterprise_a.pk}/", {"sector": "road_traffic"}, format="json"
    )
    assert refused.status_code == 403
    enterprise_a.refresh_from_db()
    assert enterprise_a.sector.code == "hazardous_chemicals"


def test_web_form_shows_chinese_error_next_to_the_field(
    login, county_admin, town_a, emergency_dept, sectors
):
    response = login(county_admin).post(
        reverse("registry:enterprise_create"),
        {
            "name": "测试单位",
            "credit_code": "123",
            "sector": sectors["industry_trade"].pk,
            "town": town_a.pk,
            "department": emergency_dept.pk,
            "employees": 1,
            "status": "operating",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "统一社会信用代码应为18位" in html and "field-error" in html
    assert not Enterprise.objects.exists()


def test_web_edit_then_timeline_shows_the_change(login, town_a_officer, enterprise_a):
    client = login(town_a_officer)
    data = {
        "name": enterprise_a.name,
        "credit_code": enterprise_a.credit_code,
        "sector": enterprise_a.sector_id,
        "town": enterprise_a.town_id,
        "department": enterprise_a.department_id,
        "employees": 12,
        "status": "suspended",
        "address": "",
        "legal_representative": "",
        "safety_manager": "",
        "phone": "",
    }
    response = client.post(reverse("registry:enterprise_edit", args=[enterprise_a.pk]), data)
    assert response.status_code == 302
    page = client.get(reverse("registry:enterprise_detail", args=[enterprise_a.pk]))
    html = page.content.decode()
    timeline = html[html.index('id="timeline"') :]
    # The change reads as the page does: the status's labels, not its codes.
    assert "停产" in timeline and "在产" in timeline
    assert "suspended" not in timeline and "operating" not in timeline


def test_audit_api_is_for_the_county_admin_only(
    api_as, county_admin, leader, town_a_officer, enterprise_a
):
    api_as(town_a_officer).patch(
        f"/api/v1/enterprises/{enterprise_a.pk}/", {"phone": "1"}, format="json"
    )
    response = api_as(county_admin).get(
        f"/api/v1/audit/?model=enterprise&object_id={enterprise_a.pk}"
    )
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["user"] == "town_a_p" and row["changes"] == {"phone": ["", "1"]}
    # The contract's fields as they were, plus the same change as people read it.
    assert set(row) == {"id", "at", "user", "action", "model", "object_id", "changes"} | {
        "user_display",
        "model_label",
        "action_label",
        "changes_display",
    }
    assert api_as(leader).get("/api/v1/audit/").status_code == 403
    assert api_as(town_a_officer).get("/api/v1/audit/").status_code == 403


def test_licence_expiry_filters(api_as, county_admin, enterprise_a):
    today = clock.today()
    for number, days in (("A", -1), ("B", 0), ("C", 30), ("D", 31), ("E", 90), ("F", 91)):
        Licence.objects.create(
            enterprise=enterprise_a,
            kind="危险化学品经营许可证",
            number=number,
            issued_on=today - dt.timedelta(days=1000),
            expires_on=today + dt.timedelta(days=days),
        )
    api = api_as(county_admin)

    def numbers(query):
        return sorted(r["number"] for r in api.get(f"/api/v1/licences/?{query}").json()["results"])

    assert numbers("expired=true") == ["A"]
    assert numbers("state=30") == ["B", "C"]
    assert numbers("state=90") == ["B", "C", "D", "E"]
    detail = api.get("/api/v1/licences/").json()["results"]
    assert {r["number"]: r["expired"] for r in detail}["A"] is True


def test_licence_for_an_out_of_scope_enterprise_is_refused(api_as, town_b_officer, enterprise_a):
    today = clock.today()
    response = api_as(town_b_officer).post(
        "/api/v1/licences/",
        {
            "enterprise": enterprise_a.pk,
            "kind": "x",
            "number": "1",
            "issued_on": str(today),
            "expires_on": str(today),
        },
        format="json",
    )
    assert response.status_code == 400 and "enterprise" in response.json()
    assert not Licence.objects.exists()


def test_moving_a_unit_moves_its_open_hazards_and_risk_points(
    api_as, county_admin, enterprise_a, town_b, town_a_officer, town_b_officer
):
    import datetime as dt

    from anjian.hazards.models import Hazard
    from anjian.risks.models import RiskPoint

    today = clock.today()
    common = {"enterprise": enterprise_a, "town": enterprise_a.town, "sector": enterprise_a.sector}
    open_hazard = Hazard.objects.create(
        **common,
        description="储罐区无泄漏报警",
        grade="general",
        found_on=today,
        deadline=today + dt.timedelta(days=5),
        source="self_check",
        status="pending",
    )
    closed_hazard = Hazard.objects.create(
        **common,
        description="已整改",
        grade="general",
        found_on=today,
        deadline=today,
        source="self_check",
        status="closed",
    )
    point = RiskPoint.objects.create(
        **common, name="储罐区", method="LS", l=2, s=3, score=6, level="low"
    )
    response = api_as(county_admin).patch(
        f"/api/v1/enterprises/{enterprise_a.pk}/", {"town": "town_b"}, format="json"
    )
    assert response.status_code == 200
    open_hazard.refresh_from_db(), closed_hazard.refresh_from_db(), point.refresh_from_db()
    assert open_hazard.town == town_b and point.town == town_b
    assert closed_hazard.town == enterprise_a.town
    assert api_as(town_b_officer).get(f"/api/v1/hazards/{open_hazard.pk}/").status_code == 200
    assert api_as(town_a_officer).get(f"/api/v1/hazards/{open_hazard.pk}/").status_code == 404


def test_enterprise_user_saves_its_contact_details_in_the_browser_form(
    login, enterprise_user, enterprise_a
):
    # The form drops the fields an enterprise may not set; they must not be required then.
    response = login(enterprise_user).post(
        reverse("registry:enterprise_edit", args=[enterprise_a.pk]),
        {
            "address": "甲镇工业园1号",
            "legal_representative": "",
            "safety_manager": "韦工",
            "phone": "0771-5550000",
            "employees": 40,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    enterprise_a.refresh_from_db()
    assert enterprise_a.safety_manager == "韦工" and enterprise_a.employees == 40
