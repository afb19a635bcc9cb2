"""The crowded-places register, GB 35181 versions on judgements and the pre-holiday check
(domain-rules §16)."""

import datetime as dt

import pytest

from anjian.core import clock
from anjian.crowded import rules, services, sweep
from anjian.hazards.models import Hazard, HazardCriterion
from anjian.notifications.models import Notification


@pytest.mark.parametrize(
    "place_type,labour,crowded",
    [
        ("school", False, True),
        ("mall", False, True),
        ("supermarket", False, True),
        ("internet_cafe", False, True),
        ("hotel", False, True),
        ("restaurant", False, True),
        ("residential", False, False),  # 居民小区: not in the definition
        ("factory", False, False),
        ("factory", True, True),  # 加工厂 when labour-intensive
        ("farm", True, True),
        ("other", True, False),
    ],
)
def test_the_seeds_list_maps_to_crowded_places(place_type, labour, crowded):
    assert rules.is_crowded(place_type, labour_intensive=labour) is crowded


@pytest.mark.parametrize(
    "day,standard",
    [
        (dt.date(2025, 10, 31), rules.GB35181_2017),
        (dt.date(2025, 11, 1), rules.GB35181_2025),
    ],
)
def test_the_fire_standard_changes_on_1_november_2025(day, standard):
    assert rules.fire_standard_on(day) == standard


@pytest.mark.parametrize(
    "days_before,due", [(8, False), (7, True), (1, True), (0, True), (-1, False)]
)
def test_the_holiday_check_is_due_from_seven_days_before(days_before, due):
    start = dt.date(2025, 10, 1)
    assert rules.holiday_sweep_due(start - dt.timedelta(days=days_before), start, 7) is due


pytestmark = pytest.mark.django_db


@pytest.fixture
def place(county_admin, town_a, sectors):
    return services.place_create(
        actor=county_admin,
        data={"name": "甲镇百货商场", "town": town_a, "place_type": "mall", "key_unit": True},
    )


def test_the_api_registers_a_key_unit_with_its_category(api_as, county_admin, town_a, sectors):
    response = api_as(county_admin).post(
        "/api/v1/crowded-places/",
        {
            "name": "甲镇中心幼儿园",
            "town": town_a.code,
            "place_type": "kindergarten",
            "key_unit": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["crowded"], body["public_gathering"], body["key_category"]) == (True, False, 2)


def test_a_judgement_keeps_the_standard_of_its_day_and_refuses_a_criterion_out_of_force(
    api_as, county_admin, place
):
    old_item = HazardCriterion.objects.filter(code__startswith="fire2017").first()
    api = api_as(county_admin)
    before = api.post(
        "/api/v1/fire-judgements/",
        {
            "place": place.pk,
            "judged_on": "2025-06-01",
            "major": True,
            "criterion": old_item.pk,
            "finding": "安全出口数量不足",
            "deadline": "2025-07-01",
        },
        format="json",
    )
    assert before.status_code == 201, before.json()
    assert before.json()["standard"] == rules.GB35181_2017
    hazard = Hazard.objects.get(pk=before.json()["hazard"])
    assert hazard.supervised and "GB 35181-2017" in hazard.criterion_standard
    with clock.frozen(dt.date(2025, 11, 20)):
        after = api.post(
            "/api/v1/fire-judgements/",
            {
                "place": place.pk,
                "judged_on": "2025-11-15",
                "major": True,
                "criterion": old_item.pk,
                "finding": "安全出口数量不足",
                "deadline": "2025-12-15",
            },
            format="json",
        )
        assert after.status_code == 400 and "criterion" in after.json()
        plain = api.post(
            "/api/v1/fire-judgements/",
            {"place": place.pk, "judged_on": "2025-11-15", "finding": "疏散指示灯损坏"},
            format="json",
        )
    assert plain.json()["standard"] == rules.GB35181_2025


def test_the_holiday_sweep_asks_the_town_once(place, town_a_officer):
    with clock.frozen(dt.date(2025, 9, 26)):  # 国庆节 starts 10-01
        first = sweep.run(now=clock.now())
        again = sweep.run(now=clock.now())
    assert first["crowded_holiday_check"] >= 1 and again["crowded_holiday_check"] == 0
    assert (
        Notification.objects.filter(recipient=town_a_officer, kind="crowded.holiday_check").count()
        == 1
    )


def test_the_outsider_does_not_see_the_place(api_as, town_b_officer, place):
    assert api_as(town_b_officer).get(f"/api/v1/crowded-places/{place.pk}/").status_code == 404
