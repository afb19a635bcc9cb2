"""Personal data: mobile numbers masked in lists and exports for all but the county admin;
every view of the real value audited as pii.view (and the entry holds no number)."""

import io
import json

import openpyxl
import pytest
from django.urls import reverse

from anjian.core.actors import SYSTEM
from anjian.core.models import AuditEntry
from anjian.core.pii import mask_data, mask_id_number, mask_phone
from anjian.risks import services as risk_services

MOBILE, MASKED = "13912345678", "139****5678"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("13912345678", "139****5678"),
        ("+86 139 1234 5678", "139****5678"),
        ("139-1234-5678", "139****5678"),
        ("王工 13800001111 / 0771-5123456", "王工 138****1111 / 0771-5123456"),
        ("0771-5123456", "0771-5123456"),  # a unit's landline is not personal data
        ("12345678901", "12345678901"),  # not a mobile number (no 12x prefix)
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(raw, shown):
    assert mask_phone(raw) == shown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("450102199001011234", "450102********1234"),
        ("45010219900101123X", "450102********123X"),
        ("450102900101123", "450102*****1123"),
        ("12345", "*****"),
    ],
)
def test_mask_id_number(raw, shown):
    assert mask_id_number(raw) == shown


def test_mask_data_reaches_into_lists():
    data = [{"shifts": [{"phone": MOBILE}, {"phone": ""}]}]
    assert mask_data(data, {"shifts.phone": "phone"}) == [
        {"shifts": [{"phone": MASKED}, {"phone": ""}]}
    ]


@pytest.fixture
def mobile_unit(enterprise_a):
    enterprise_a.phone = MOBILE
    enterprise_a.save()
    return enterprise_a


def _phones(response) -> list[str]:
    return [row["phone"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    "persona", ["town_a_officer", "traffic_officer", "enterprise_user", "leader"]
)
def test_lists_mask_mobile_numbers_for_everyone_but_the_county_admin(
    request, api_as, mobile_unit, persona
):
    user = request.getfixturevalue(persona)
    response = api_as(user).get("/api/v1/enterprises/")
    assert response.status_code == 200
    assert MOBILE not in json.dumps(response.json())
    if persona != "traffic_officer":  # the unit is in emergency management's sector
        assert MASKED in _phones(response)


def test_the_county_admin_sees_the_real_numbers_in_lists(api_as, county_admin, mobile_unit):
    assert MOBILE in _phones(api_as(county_admin).get("/api/v1/enterprises/"))


def test_the_api_detail_shows_the_number_and_is_audited(api_as, town_a_officer, mobile_unit):
    response = api_as(town_a_officer).get(f"/api/v1/enterprises/{mobile_unit.pk}/")
    assert response.json()["phone"] == MOBILE
    entry = AuditEntry.objects.get(action="pii.view")
    assert entry.username == town_a_officer.username and entry.via == "api"
    assert entry.object_id == str(mobile_unit.pk) and entry.changes["fields"] == [None, ["phone"]]
    assert MOBILE not in json.dumps(entry.changes)


def test_the_outsider_gets_404_and_nothing_is_audited(api_as, town_b_officer, mobile_unit):
    assert api_as(town_b_officer).get(f"/api/v1/enterprises/{mobile_unit.pk}/").status_code == 404
    assert not AuditEntry.objects.filter(action="pii.view").exists()


def test_a_landline_detail_is_not_a_personal_data_view(api_as, town_a_officer, enterprise_a):
    enterprise_a.phone = "0771-5123456"
    enterprise_a.save()
    api_as(town_a_officer).get(f"/api/v1/enterprises/{enterprise_a.pk}/")
    assert not AuditEntry.objects.filter(action="pii.view").exists()


def test_the_detail_page_shows_the_number_and_is_audited(login, enterprise_user, mobile_unit):
    response = login(enterprise_user).get(
        reverse("registry:enterprise_detail", args=[mobile_unit.pk])
    )
    assert MOBILE in response.content.decode()
    assert (
        AuditEntry.objects.filter(
            action="pii.view", username=enterprise_user.username, via="web"
        ).count()
        == 1
    )


def _export_cells(response) -> list:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [cell for row in book.active.iter_rows(values_only=True) for cell in row]


def test_exports_mask_for_a_town_officer_and_not_for_the_county_admin(
    login, town_a_officer, county_admin, mobile_unit
):
    url = reverse("registry:enterprise_export")
    town_cells = _export_cells(login(town_a_officer).get(url))
    assert MASKED in town_cells and MOBILE not in town_cells
    assert MOBILE in _export_cells(login(county_admin).get(url))


def test_risk_point_phones_are_masked_in_the_list_and_the_export(
    api_as, login, enterprise_user, enterprise_a
):
    point = risk_services.risk_point_create(
        actor=SYSTEM,
        via="test",
        data={
            "enterprise": enterprise_a,
            "name": "储罐区",
            "accident_types": ["火灾"],
            "method": "LEC",
            "l": "3",
            "e": "6",
            "c": "15",
            "responsible_person": "李工",
            "responsible_phone": MOBILE,
        },
    )
    listed = api_as(enterprise_user).get("/api/v1/risk-points/").json()["results"]
    assert [p["responsible_phone"] for p in listed] == [MASKED]
    cells = _export_cells(login(enterprise_user).get(reverse("risks:point_export")))
    assert MASKED in cells and MOBILE not in cells
    page = login(enterprise_user).get(reverse("risks:point_detail", args=[point.pk]))
    assert MOBILE in page.content.decode()
    assert AuditEntry.objects.filter(action="pii.view", model="riskpoint").count() == 1


def test_duty_shift_mobiles_are_masked_in_the_roster_list_not_in_the_detail(api_as, town_a_officer):
    from anjian.accounts.units import Unit
    from anjian.duty.services import roster_create
    from tests.duty.conftest import local

    roster = roster_create(
        actor=town_a_officer,
        unit=Unit.of_town(town_a_officer.town),
        title="值班",
        starts_at=local(2027, 1, 1),
        ends_at=local(2027, 1, 2),
        shifts=[
            {
                "starts_at": local(2027, 1, 1),
                "ends_at": local(2027, 1, 2),
                "leader": "韦",
                "staff": "李",
                "phone": MOBILE,
            }
        ],
    )
    api = api_as(town_a_officer)
    [listed] = api.get("/api/v1/duty-rosters/").json()["results"]
    assert listed["shifts"][0]["phone"] == MASKED
    detail = api.get(f"/api/v1/duty-rosters/{roster.pk}/").json()
    assert detail["shifts"][0]["phone"] == MOBILE
    assert AuditEntry.objects.filter(action="pii.view", model="dutyroster").count() == 1


def test_the_audit_admin_reads_phone_changes_masked_the_county_admin_whole(
    api_as, login, county_admin, town_a_officer, enterprise_a
):
    from anjian.accounts.models import Role, User

    api_as(town_a_officer).patch(
        f"/api/v1/enterprises/{enterprise_a.pk}/", {"phone": MOBILE}, format="json"
    )
    auditor = User.objects.create(username="auditor_p", role=Role.AUDIT_ADMIN, password="!")
    url = f"/api/v1/audit/?model=enterprise&object_id={enterprise_a.pk}&action=enterprise.update"
    [seen] = api_as(auditor).get(url).json()["results"]
    assert seen["changes"]["phone"] == ["", MASKED]
    assert MOBILE not in login(auditor).get("/audit/").content.decode()
    [whole] = api_as(county_admin).get(url).json()["results"]
    assert whole["changes"]["phone"] == ["", MOBILE]
    assert AuditEntry.objects.get(action="enterprise.update").changes["phone"] == ["", MOBILE]
