"""certificates/ per the contract: defaults, bad input named, masking, audited unmasked views,
scope, renewal, export."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from anjian.certificates import services
from anjian.certificates.models import Certificate
from anjian.certificates.rules import add_years
from anjian.core.models import AuditEntry
from tests.certificates.conftest import cert_data, days, id_number

pytestmark = pytest.mark.django_db

FIELDS = {
    "id",
    "enterprise",
    "holder",
    "id_number",
    "kind",
    "category",
    "number",
    "issued_on",
    "expires_on",
    "reviewed_on",
    "review_due",
    "expired",
    "expiring",
    "valid",
}


def _post(api, **extra):
    data = {
        k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in cert_data(**extra).items()
    }
    return api.post("/api/v1/certificates/", data, format="json")


def test_an_enterprise_records_a_special_operation_certificate_valid_six_years(
    api_as, enterprise_user, enterprise_a
):
    response = _post(api_as(enterprise_user), issued_on=days(-400))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == FIELDS
    assert body["enterprise"] == enterprise_a.pk
    issued = days(-400)
    assert body["expires_on"] == (add_years(issued, 6) - dt.timedelta(days=1)).isoformat()
    assert body["review_due"] == (add_years(issued, 3) - dt.timedelta(days=1)).isoformat()
    assert body["id_number"] == id_number(1)[:6] + "********" + id_number(1)[-4:]
    assert (body["expired"], body["expiring"], body["valid"]) == (False, False, True)


def test_a_safety_manager_certificate_defaults_to_three_years(api_as, town_a_officer, enterprise_a):
    response = _post(
        api_as(town_a_officer),
        enterprise=enterprise_a.pk,
        kind="safety_manager",
        category="",
        issued_on=days(-1095 + 30),
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["review_due"] is None and body["category"] == ""
    assert body["expiring"] is True and body["expired"] is False


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"expires_on": days(-500)}, "expires_on"),  # before it was issued
        ({"id_number": "110105194912310021"}, "id_number"),  # wrong check character
        ({"id_number": "11010519490230002X"}, "id_number"),  # 30 February
        ({"issued_on": "2025-02-30"}, "issued_on"),
        ({"issued_on": days(10)}, "issued_on"),  # after today
        ({"issued_on": "1900-01-01"}, "issued_on"),
        ({"expires_on": "2099-99-99"}, "expires_on"),
        ({"reviewed_on": days(-500)}, "reviewed_on"),  # before the issue
        ({"category": ""}, "category"),  # a special operation names its operation
        ({"kind": "driver"}, "kind"),
        ({"holder": ""}, "holder"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api_as, enterprise_user, extra, field):
    response = _post(api_as(enterprise_user), **extra)
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Certificate.objects.exists()


def test_an_officer_cannot_record_for_a_unit_outside_the_town(api_as, town_b_officer, enterprise_a):
    response = _post(api_as(town_b_officer), enterprise=enterprise_a.pk)
    assert response.status_code == 400 and "enterprise" in response.json()


def test_lists_mask_the_identity_number_for_everyone(api_as, certificate, county_admin):
    for user in (county_admin, certificate.enterprise.users.first()):
        rows = api_as(user).get("/api/v1/certificates/").json()["results"]
        assert (
            rows[0]["id_number"]
            == certificate.id_number[:6] + "********" + (certificate.id_number[-4:])
        )
    assert not AuditEntry.objects.filter(action="pii.view").exists()


def test_only_the_county_admin_sees_the_number_in_full_and_each_view_is_audited(
    api_as, login, certificate, county_admin, town_a_officer
):
    url = f"/api/v1/certificates/{certificate.pk}/"
    assert api_as(town_a_officer).get(url).json()["id_number"].count("*") == 8
    assert (
        login(town_a_officer).get(certificate.get_absolute_url()).context["id_number"].count("*")
        == 8
    )
    assert not AuditEntry.objects.filter(action="pii.view").exists()
    assert api_as(county_admin).get(url).json()["id_number"] == certificate.id_number
    page = login(county_admin).get(certificate.get_absolute_url())
    assert certificate.id_number in page.content.decode()
    entries = AuditEntry.objects.filter(action="pii.view", object_id=str(certificate.pk))
    assert entries.count() == 2


def test_the_outsider_gets_404_and_the_filters_match_the_page(
    api_as, login, certificate, town_b_officer, town_a_officer
):
    assert api_as(town_b_officer).get(f"/api/v1/certificates/{certificate.pk}/").status_code == 404
    assert api_as(town_b_officer).get("/api/v1/certificates/").json()["count"] == 0
    expired = services.certificate_create(
        actor=town_a_officer,
        data=cert_data(
            enterprise=certificate.enterprise_id,
            number="OLD-1",
            kind="principal",
            category="",
            issued_on=days(-1200),
        ),
    )
    api_rows = api_as(town_a_officer).get("/api/v1/certificates/?state=expired").json()["results"]
    page = login(town_a_officer).get("/certificates/?state=expired")
    assert [r["id"] for r in api_rows] == [c.pk for c in page.context["page"]] == [expired.pk]
    assert api_as(town_a_officer).get("/api/v1/certificates/?expired=1").json()["count"] == 1


def test_a_renewal_takes_the_old_certificate_off_the_expiring_list(enterprise_user, login, api_as):
    old = services.certificate_create(
        actor=enterprise_user, data=cert_data(kind="principal", category="", issued_on=days(-1080))
    )
    client = login(enterprise_user)
    assert [c.pk for c in client.get("/certificates/expiring/").context["page"]] == [old.pk]
    new = services.certificate_create(
        actor=enterprise_user,
        data=cert_data(kind="principal", category="", number="NEW-2", issued_on=days(-1)),
    )
    old.refresh_from_db()
    assert old.replaced_by == new
    assert list(client.get("/certificates/expiring/").context["page"]) == []


def test_the_export_masks_for_officers_and_not_for_the_county_admin(
    login, certificate, county_admin, town_a_officer
):
    for user, shown in ((town_a_officer, False), (county_admin, True)):
        response = login(user).get("/certificates/export/")
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][:3] == ("企业统一社会信用代码", "持证人", "身份证号")
        assert (rows[1][2] == certificate.id_number) is shown
        assert rows[1][10] == "有效"
    assert AuditEntry.objects.filter(action="export.certificates").count() == 2
