"""accidents/{id}/findings/: county admin records, government roles read in scope."""

import pytest

from anjian.assessment.models import AccidentFinding


def url(accident) -> str:
    return f"/api/v1/accidents/{accident.pk}/findings/"


def test_county_admin_records_a_finding_of_late_reporting(api_as, county_admin, accident_a):
    response = api_as(county_admin).post(
        url(accident_a), {"kind": "late", "note": "超时报告"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == "late"
    rows = api_as(county_admin).get(url(accident_a)).json()
    assert [r["kind"] for r in rows] == ["late"]


def test_an_unknown_kind_is_a_400_naming_kind(api_as, county_admin, accident_a):
    response = api_as(county_admin).post(url(accident_a), {"kind": "bribed"}, format="json")
    assert response.status_code == 400
    assert "kind" in response.json()


@pytest.mark.parametrize("persona", ["town_a_officer", "traffic_officer", "leader"])
def test_others_read_but_may_not_record(persona, request, api_as, county_admin, accident_a):
    AccidentFinding.objects.create(accident=accident_a, kind="concealed")
    api = api_as(request.getfixturevalue(persona))
    assert [r["kind"] for r in api.get(url(accident_a)).json()] == ["concealed"]
    assert api.post(url(accident_a), {"kind": "late"}, format="json").status_code == 403


def test_enterprise_user_gets_403(api_as, enterprise_user, accident_a):
    assert api_as(enterprise_user).get(url(accident_a)).status_code == 403


def test_town_b_officer_gets_404(api_as, town_b_officer, accident_a):
    assert api_as(town_b_officer).get(url(accident_a)).status_code == 404


def test_an_unknown_accident_is_a_404(api_as, county_admin, db):
    assert api_as(county_admin).get("/api/v1/accidents/999999/findings/").status_code == 404


def test_accident_page_shows_findings_and_records_one(login, county_admin, accident_a):
    client = login(county_admin)
    response = client.post(
        f"/assessment/accidents/{accident_a.pk}/findings/",
        {"kind": "late", "note": "超时一小时"},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="findings"' in page and "超时一小时" in page
    assert AccidentFinding.objects.get().kind == "late"


def test_finding_form_refuses_other_roles(login, town_a_officer, accident_a):
    response = login(town_a_officer).post(
        f"/assessment/accidents/{accident_a.pk}/findings/", {"kind": "late"}
    )
    assert response.status_code == 403


def test_finding_form_for_an_accident_outside_scope_is_404(login, county_admin, accident_a):
    response = login(county_admin).post("/assessment/accidents/999999/findings/", {"kind": "late"})
    assert response.status_code == 404


def test_town_officer_sees_findings_but_no_form(login, town_a_officer, accident_a):
    AccidentFinding.objects.create(accident=accident_a, kind="omitted", note="漏报")
    page = login(town_a_officer).get(f"/accidents/{accident_a.pk}/").content.decode()
    assert "漏报" in page and 'id="finding-form"' not in page
