"""domain-rules §11: the grade by the regulation in force on the day the fire started, at every
band edge; the patrol requirement and the fire-danger thresholds."""

import datetime as dt
from decimal import Decimal

import pytest

from anjian.forestfire import rules

OLD = dt.date(2025, 12, 31)  # 541 still in force
NEW = dt.date(2026, 1, 1)  # 822 in force


@pytest.mark.parametrize(
    ("area", "deaths", "serious", "grade"),
    [
        ("0", 0, 0, None),  # a 火情
        ("0.066", 0, 0, None),
        ("0.067", 0, 0, "general"),  # exactly 1 亩 is 一般
        ("9.999", 0, 0, "general"),  # 1–10 ha drops from 较大 to 一般 under 822
        ("10", 0, 0, "large"),  # exactly 10 ha is 较大
        ("99.999", 0, 0, "large"),
        ("100", 0, 0, "major"),
        ("999.999", 0, 0, "major"),
        ("1000", 0, 0, "extraordinary"),
        ("0.05", 2, 0, "general"),  # by deaths
        ("0", 1, 0, "general"),
        ("0", 3, 0, "large"),
        ("0", 9, 0, "large"),
        ("0", 10, 0, "major"),
        ("0", 29, 0, "major"),
        ("0", 30, 0, "extraordinary"),
        ("0", 0, 1, "general"),
        ("0", 0, 9, "general"),
        ("0", 0, 10, "large"),
        ("0", 0, 49, "large"),
        ("0", 0, 50, "major"),
        ("0", 0, 99, "major"),
        ("0", 0, 100, "extraordinary"),
        ("12", 30, 0, "extraordinary"),  # the highest criterion wins
        ("150", 1, 0, "major"),
    ],
)
def test_822_grades_at_every_band_edge(area, deaths, serious, grade):
    assert rules.fire_grade(
        damaged_area_ha=Decimal(area), deaths=deaths, serious_injuries=serious, started_on=NEW
    ) == (grade, "822")


@pytest.mark.parametrize(
    ("area", "deaths", "serious", "grade"),
    [
        ("0", 0, 0, "general"),  # 其他林地起火: every fire is graded under 541
        ("0.01", 0, 0, "general"),
        ("0.999", 0, 0, "general"),
        ("1", 0, 0, "large"),  # 较大 from 1 ha under 541
        ("9.999", 0, 0, "large"),
        ("99.999", 0, 0, "large"),
        ("100", 0, 0, "major"),
        ("999.999", 0, 0, "major"),
        ("1000", 0, 0, "extraordinary"),
        ("0", 2, 0, "general"),
        ("0", 3, 0, "large"),
        ("0", 10, 0, "major"),
        ("0", 30, 0, "extraordinary"),
        ("0", 0, 9, "general"),
        ("0", 0, 10, "large"),
        ("0", 0, 50, "major"),
        ("0", 0, 100, "extraordinary"),
    ],
)
def test_541_grades_fires_that_started_before_2026(area, deaths, serious, grade):
    assert rules.fire_grade(
        damaged_area_ha=Decimal(area), deaths=deaths, serious_injuries=serious, started_on=OLD
    ) == (grade, "541")


def test_the_regulation_changes_on_the_first_of_january_2026():
    assert rules.regulation_for(dt.date(2025, 12, 31)) == "541"
    assert rules.regulation_for(dt.date(2026, 1, 1)) == "822"


RULE = {
    "base": 1,
    "raised": 2,
    "raise_at_level": 4,
    "holidays": ["清明节", "三月三", "春节", "劳动节"],
}


@pytest.mark.parametrize(
    ("level", "holiday", "in_season", "required"),
    [
        (None, None, True, 1),
        (3, None, True, 1),
        (4, None, True, 2),
        (5, None, True, 2),
        (1, "清明节", True, 2),
        (None, "三月三", True, 2),
        (None, "春节", True, 2),
        (None, "劳动节", True, 2),
        (None, "国庆节、中秋节", True, 1),
        (5, "春节", False, 0),
    ],
)
def test_patrols_double_on_the_named_holidays_and_at_high_danger(
    level, holiday, in_season, required
):
    assert (
        rules.patrols_required(level=level, holiday=holiday, rule=RULE, in_season=in_season)
        == required
    )


@pytest.mark.parametrize(
    ("level", "void"), [(None, False), (1, False), (3, False), (4, True), (5, True)]
)
def test_a_field_fire_approval_is_void_from_level_four(level, void):
    assert rules.permit_void(level=level, void_at_level=4) is void


def test_only_level_five_bans_fire():
    assert not rules.fire_ban(4)
    assert rules.fire_ban(5)
    assert not rules.fire_ban(None)
