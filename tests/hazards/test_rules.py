"""Overdue (not closed and today > deadline, Asia/Shanghai), criteria → major, the API's filters."""

import datetime as dt

import pytest

from anjian.core import clock
from anjian.hazards.models import Hazard, HazardCriterion
from anjian.hazards.workflow import hazard_transition


@pytest.mark.parametrize(("days_to_deadline", "status", "overdue"), [
    (1, "pending", False),
    (0, "pending", False),      # the deadline day itself is not overdue
    (-1, "pending", True),      # the day after is
    (-1, "rectifying", True),
    (-1, "awaiting_acceptance", True),
    (-30, "closed", False),     # closed is never overdue
])
def test_overdue_boundary(town_a_officer, enterprise_a, make_hazard, days_to_deadline, status,
                          overdue):
    today = clock.today()
    hazard = make_hazard(town_a_officer, enterprise=enterprise_a)
    Hazard.objects.filter(pk=hazard.pk).update(
        found_on=today - dt.timedelta(days=60), status=status,
        deadline=today + dt.timedelta(days=days_to_deadline))
    hazard.refresh_from_db()
    assert hazard.overdue is overdue
    assert Hazard.objects.overdue(on=today).filter(pk=hazard.pk).exists() is overdue
    assert Hazard.objects.not_overdue(on=today).filter(pk=hazard.pk).exists() is not overdue


def test_overdue_uses_the_shanghai_date(settings, town_a_officer, enterprise_a, make_hazard):
    # 2024-03-05 16:30 UTC is already 2024-03-06 00:30 in Asia/Shanghai.
    hazard = make_hazard(town_a_officer, enterprise=enterprise_a)
    Hazard.objects.filter(pk=hazard.pk).update(found_on=dt.date(2024, 3, 1),
                                               deadline=dt.date(2024, 3, 5))
    hazard.refresh_from_db()
    moment = dt.datetime(2024, 3, 5, 16, 30, tzinfo=dt.UTC)
    with clock.frozen(moment):
        assert hazard.overdue is True
    with clock.frozen(moment - dt.timedelta(hours=1)):
        assert hazard.overdue is False


def test_every_shipped_criterion_has_a_sector_and_text(db):
    criteria = list(HazardCriterion.objects.select_related("sector"))
    assert len(criteria) > 90
    assert all(c.sector and c.text and c.standard for c in criteria)
    codes = {c.code for c in criteria}
    assert {"chem-01", "chem-20", "fireworks-20", "fire2017-10", "road-01"} <= codes


def test_api_creates_a_hazard_graded_major_by_criterion(api_as, town_a_officer, enterprise_a):
    today = clock.today()
    response = api_as(town_a_officer).post("/api/v1/hazards/", {
        "enterprise": enterprise_a.pk, "description": "液氯充装未使用万向管道", "grade": "general",
        "criterion": "chem-07", "found_on": today.isoformat(), "found_by": "检查组",
        "deadline": (today + dt.timedelta(days=30)).isoformat()}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["grade"] == "major" and body["supervised"] is True
    assert body["town"] == "town_a" and body["sector"] == "hazardous_chemicals"
    assert body["status"] == "pending" and body["overdue"] is False
    assert body["source"] == "inspection"


def test_api_bad_input_is_400_in_chinese_and_changes_nothing(api_as, town_a_officer,
                                                             enterprise_b):
    today = clock.today()
    response = api_as(town_a_officer).post("/api/v1/hazards/", {
        "enterprise": enterprise_b.pk, "description": "x", "found_on": today.isoformat(),
        "found_by": "a", "deadline": today.isoformat()}, format="json")
    assert response.status_code == 400 and "enterprise" in response.json()
    response = api_as(town_a_officer).post("/api/v1/hazards/", {
        "town": "town_a", "sector": "fire", "description": "x", "found_on": today.isoformat(),
        "found_by": "a", "deadline": (today - dt.timedelta(days=1)).isoformat(),
        "location": "集市"}, format="json")
    assert response.status_code == 400
    assert "整改期限" in response.json()["deadline"][0]
    assert not Hazard.objects.exists()


def test_api_filters(api_as, county_admin, gov_hazard, self_hazard, town_a_officer, town_a,
                     sectors, make_hazard):
    public = make_hazard(town_a_officer, town=town_a, sector=sectors["fire"], location="集市")
    Hazard.objects.filter(pk=gov_hazard.pk).update(
        found_on=clock.today() - dt.timedelta(days=9),
        deadline=clock.today() - dt.timedelta(days=2))
    api = api_as(county_admin)

    def ids(query):
        response = api.get(f"/api/v1/hazards/?{query}")
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert ids("overdue=true") == {gov_hazard.pk}
    assert ids("overdue=false") == {self_hazard.pk, public.pk}
    assert ids("source=self_check") == {self_hazard.pk}
    assert ids("sector=fire") == {public.pk}
    assert ids("town=town_a&status=pending") == {gov_hazard.pk, self_hazard.pk, public.pk}
    assert ids(f"enterprise={gov_hazard.enterprise_id}") == {gov_hazard.pk, self_hazard.pk}
    assert ids("q=配电箱") == {self_hazard.pk}
    assert ids("q=甲镇化工") == {gov_hazard.pk, self_hazard.pk}
    assert ids("grade=major") == set() and ids("supervised=false") == ids("")


def test_api_patch_by_enterprise_of_description_is_403(api_as, enterprise_user, gov_hazard):
    response = api_as(enterprise_user).patch(f"/api/v1/hazards/{gov_hazard.pk}/",
                                             {"description": "改掉"}, format="json")
    assert response.status_code == 403


def test_api_patch_of_closed_hazard_is_409(api_as, enterprise_user, town_a_officer, gov_hazard):
    for actor, action in ((enterprise_user, "acknowledge"), (enterprise_user, "submit"),
                          (town_a_officer, "accept")):
        hazard_transition(actor=actor, hazard=gov_hazard, action=action)
    response = api_as(town_a_officer).patch(f"/api/v1/hazards/{gov_hazard.pk}/",
                                            {"measures": "补充"}, format="json")
    assert response.status_code == 409


def test_regrading_to_major_puts_under_supervision(api_as, town_a_officer, gov_hazard):
    response = api_as(town_a_officer).patch(f"/api/v1/hazards/{gov_hazard.pk}/",
                                            {"grade": "major"}, format="json")
    assert response.status_code == 200 and response.json()["supervised"] is True


def test_enterprise_cannot_downgrade_its_major_self_check(api_as, enterprise_user, make_hazard):
    hazard = make_hazard(enterprise_user, grade="major")
    response = api_as(enterprise_user).patch(f"/api/v1/hazards/{hazard.pk}/",
                                             {"grade": "general"}, format="json")
    assert response.status_code == 403
    hazard.refresh_from_db()
    assert hazard.grade == "major"
