"""Hazard criteria carry their standard and days in force: GB 35181-2017's fire items judge
hazards found up to 2025-10-31; from 2025-11-01 GB 35181-2025 applies (domain rules §16)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from anjian.core import clock
from anjian.hazards.models import HazardCriterion
from anjian.hazards.services import hazard_update

D = dt.date


@pytest.fixture(autouse=True)
def _after_the_fire_boundary():
    # Hazards found on both sides of 2025-11-01 must lie in the past.
    with clock.frozen(dt.datetime(2026, 1, 15, 10, 0)):
        yield


def fire_2017_item():
    return HazardCriterion.objects.get(code="fire2017-05")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code,start,end",
    [
        ("fire2017-01", None, D(2025, 10, 31)),
        ("mine-01", D(2022, 9, 1), None),
        ("industry-01", D(2023, 5, 15), None),
        ("road-01", D(2023, 10, 1), None),
        ("chem-01", None, None),
    ],
)
def test_criteria_carry_their_days_in_force(code, start, end):
    criterion = HazardCriterion.objects.get(code=code)
    assert (criterion.effective_from, criterion.effective_until) == (start, end)
    assert criterion.standard


@pytest.mark.parametrize(
    "found_on,allowed",
    [
        (D(2025, 10, 31), True),  # the last day of GB 35181-2017
        (D(2025, 11, 1), False),  # GB 35181-2025 in force
    ],
)
def test_fire_2017_item_judges_only_hazards_found_while_in_force(
    make_hazard, town_a_officer, town_a, sectors, found_on, allowed
):
    data = {
        "town": town_a,
        "sector": sectors["fire"],
        "location": "集贸市场",
        "criterion": fire_2017_item(),
        "found_on": found_on,
        "deadline": found_on + dt.timedelta(days=30),
    }
    if allowed:
        hazard = make_hazard(town_a_officer, **data)
        assert hazard.grade == "major"
        assert hazard.criterion_standard == "《重大火灾隐患判定方法》（GB 35181-2017）直接判定要素"
    else:
        with pytest.raises(ValidationError) as caught:
            make_hazard(town_a_officer, **data)
        assert "criterion" in caught.value.message_dict
        assert "GB 35181-2017" in caught.value.message_dict["criterion"][0]


@pytest.mark.parametrize(
    "found_on,in_force",
    [
        (D(2025, 10, 31), {"fire2017-05"}),
        (D(2025, 11, 1), set()),
    ],
)
def test_in_force_lists_the_items_of_the_day(found_on, in_force, db):
    fire = HazardCriterion.objects.in_force(on=found_on).filter(code__startswith="fire")
    assert set(fire.filter(code="fire2017-05").values_list("code", flat=True)) == in_force


def test_a_hazard_judged_before_keeps_its_2017_item_when_edited_later(
    make_hazard, town_a_officer, town_a, sectors
):
    hazard = make_hazard(
        town_a_officer,
        town=town_a,
        sector=sectors["fire"],
        location="集市",
        criterion=fire_2017_item(),
        found_on=D(2025, 10, 20),
        deadline=D(2025, 12, 31),
    )
    updated = hazard_update(
        actor=town_a_officer,
        hazard=hazard,
        data={"measures": "增设安全出口", "description": "安全出口不足"},
    )
    assert updated.criterion_id == fire_2017_item().pk
    assert "GB 35181-2017" in updated.criterion_standard


def test_api_shows_the_standard_a_hazard_was_judged_by(
    api_as, make_hazard, town_a_officer, town_a, sectors
):
    hazard = make_hazard(
        town_a_officer,
        town=town_a,
        sector=sectors["fire"],
        location="集市",
        criterion=fire_2017_item(),
        found_on=D(2025, 10, 31),
        deadline=D(2025, 12, 31),
    )
    body = api_as(town_a_officer).get(f"/api/v1/hazards/{hazard.pk}/").json()
    assert "GB 35181-2017" in body["criterion_standard"]
