"""assessment/schemes/, assessment/targets/, assessment/results/ and publishing, by persona."""

import copy

import pytest

from anjian.assessment import scoring
from anjian.assessment.models import AssessmentPublication
from anjian.core.models import AuditEntry

RESULTS = "/api/v1/assessment/results/"


@pytest.fixture
def world(town_a, town_b, traffic_dept, emergency_dept, enterprise_a):
    return None


def test_the_current_years_default_scheme_exists(api_as, county_admin):
    body = api_as(county_admin).get("/api/v1/assessment/schemes/").json()
    rows = body["results"] if isinstance(body, dict) else body
    scheme = next(s for s in rows if s["year"] == 2025)
    assert [i["code"] for i in scheme["items"]] == [i["code"] for i in scoring.DEFAULT_ITEMS]


def test_the_county_admin_edits_the_scheme_and_bad_weights_are_refused_naming_the_item(
    api_as, county_admin
):
    api = api_as(county_admin)
    items = copy.deepcopy(scoring.DEFAULT_ITEMS)
    items[0]["max_points"] = 25
    refused = api.post("/api/v1/assessment/schemes/", {"year": 2026, "items": items}, format="json")
    assert refused.status_code == 400 and "安全培训与宣传" in str(refused.json()["items"])
    items[1]["max_points"] = 20
    saved = api.post("/api/v1/assessment/schemes/", {"year": 2026, "items": items}, format="json")
    assert saved.status_code == 201, saved.json()
    items[0]["indicator"] = "luck"
    unknown = api.put(
        "/api/v1/assessment/schemes/2026/", {"year": 2026, "items": items}, format="json"
    )
    assert unknown.status_code == 400 and "luck" in str(unknown.json())


def test_others_may_not_edit_the_scheme(api_as, town_a_officer, leader):
    items = copy.deepcopy(scoring.DEFAULT_ITEMS)
    for user in (town_a_officer, leader):
        response = api_as(user).post(
            "/api/v1/assessment/schemes/", {"year": 2026, "items": items}, format="json"
        )
        assert response.status_code == 403


def test_targets_for_a_town_or_department_and_unknown_units_are_refused(
    api_as, county_admin, town_a, town_a_officer, town_b_officer, traffic_dept
):
    api = api_as(county_admin)
    ok = api.post(
        "/api/v1/assessment/targets/",
        {"year": 2025, "unit": "town_a", "max_accidents": 2, "max_deaths": 1},
        format="json",
    )
    assert ok.status_code == 201, ok.json()
    again = api.post(
        "/api/v1/assessment/targets/",
        {"year": 2025, "unit": "town_a", "max_accidents": 3, "max_deaths": 1},
        format="json",
    )
    assert again.status_code == 201 and again.json()["id"] == ok.json()["id"]
    for unit in ("nowhere", "county"):
        bad = api.post(
            "/api/v1/assessment/targets/",
            {"year": 2025, "unit": unit, "max_accidents": 1, "max_deaths": 0},
            format="json",
        )
        assert bad.status_code == 400 and "unit" in bad.json()
    # the town reads its own target; another town gets a 404 for it
    pk = ok.json()["id"]
    assert (
        api_as(town_a_officer).get(f"/api/v1/assessment/targets/{pk}/").json()["max_accidents"] == 3
    )
    assert api_as(town_b_officer).get(f"/api/v1/assessment/targets/{pk}/").status_code == 404


def test_results_give_one_row_per_town_and_department(api_as, county_admin, leader, world):
    for user in (county_admin, leader):
        rows = api_as(user).get(RESULTS, {"year": 2025}).json()
        assert sorted((r["unit"]["kind"], r["unit"]["code"]) for r in rows) == [
            ("department", "emergency"),
            ("department", "transport"),
            ("town", "town_a"),
            ("town", "town_b"),
        ]
        assert all({"items", "vetoes", "how"} <= set(rows[0]) | {"how"} for _ in [0])
        assert {i["code"] for i in rows[0]["items"]} == {i["code"] for i in scoring.DEFAULT_ITEMS}
        assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)


def test_an_officer_sees_its_own_row_whole_and_the_others_unit_score_grade_rank(
    api_as, town_a_officer, traffic_officer, world
):
    for user, own in ((town_a_officer, "town_a"), (traffic_officer, "transport")):
        rows = api_as(user).get(RESULTS, {"year": 2025}).json()
        assert len(rows) == 4
        for row in rows:
            if row["unit"]["code"] == own:
                assert "items" in row and "vetoes" in row
            else:
                assert set(row) == {"unit", "score", "grade", "rank"}


def test_enterprise_users_get_403(api_as, enterprise_user):
    assert api_as(enterprise_user).get(RESULTS).status_code == 403
    assert api_as(enterprise_user).get("/api/v1/assessment/schemes/").status_code == 403
    assert api_as(enterprise_user).get("/api/v1/assessment/targets/").status_code == 403


def test_a_bad_year_is_a_400_naming_it(api_as, county_admin):
    response = api_as(county_admin).get(RESULTS, {"year": "abc"})
    assert response.status_code == 400 and "year" in response.json()


def test_publishing_freezes_the_results_with_an_audit_entry_and_twice_is_a_409(
    api_as, county_admin, town_a_officer, make_accident, world
):
    api = api_as(county_admin)
    assert api.post(f"{RESULTS}publish/", {"year": 2025}, format="json").status_code == 201
    entry = AuditEntry.objects.get(action="assessment.publish")
    assert entry.object_id == str(AssessmentPublication.objects.get(year=2025).pk)
    frozen = api.get(RESULTS, {"year": 2025}).json()
    make_accident(deaths=3)  # a large accident after publication changes nothing
    assert api.get(RESULTS, {"year": 2025}).json() == frozen
    assert api.post(f"{RESULTS}publish/", {"year": 2025}, format="json").status_code == 409
    assert (
        api_as(town_a_officer).post(f"{RESULTS}publish/", {"year": 2025}, format="json").status_code
        == 403
    )
    # the scheme and targets of a published year stay
    assert (
        api.post(
            "/api/v1/assessment/targets/",
            {"year": 2025, "unit": "town_a", "max_accidents": 9, "max_deaths": 9},
            format="json",
        ).status_code
        == 409
    )


def test_a_correction_after_publishing_is_a_new_audited_version(
    api_as, county_admin, make_accident, world
):
    api = api_as(county_admin)
    assert (
        api.post(f"{RESULTS}correct/", {"year": 2025, "reason": "x"}, format="json").status_code
        == 409
    )
    api.post(f"{RESULTS}publish/", {"year": 2025}, format="json")
    make_accident(deaths=3)
    corrected = api.post(
        f"{RESULTS}correct/", {"year": 2025, "reason": "补录较大事故"}, format="json"
    )
    assert corrected.status_code == 201 and corrected.json()["version"] == 2
    town = next(r for r in api.get(RESULTS, {"year": 2025}).json() if r["unit"]["code"] == "town_a")
    assert town["vetoed"] and town["grade"] == "fail"
    assert AuditEntry.objects.filter(action="assessment.correct").count() == 1


def test_a_year_without_a_holiday_calendar_still_gives_results(api_as, county_admin, world):
    rows = api_as(county_admin).get(RESULTS, {"year": 2000}).json()
    item = next(i for i in rows[0]["items"] if i["code"] == "roster_on_time")
    assert item["points"] == item["max_points"] and "0个" in item["how"]


def test_the_published_ranking_reaches_the_briefing_and_the_cockpit(
    api_as, county_admin, leader, login, world
):
    from django.urls import reverse

    from anjian.core import clock
    from anjian.core.actors import SYSTEM
    from anjian.core.periods import parse_period
    from anjian.reports.briefing import build_briefing

    api = api_as(county_admin)
    rows = api.get(RESULTS, {"year": clock.today().year}).json()
    cockpit = login(leader).get(reverse("cockpit")).content.decode()
    assert 'id="assessment-ranking"' in cockpit
    assert all(r["unit"]["name"] in cockpit for r in rows)
    api.post(f"{RESULTS}publish/", {"year": clock.today().year}, format="json")
    document, _data = build_briefing(actor=SYSTEM, period=parse_period(str(clock.today().year)))
    table = document.sections[-1].tables[0].rows
    assert [row[1] for row in table] == [
        r["unit"]["name"] for r in sorted(rows, key=lambda r: r["rank"])
    ]
