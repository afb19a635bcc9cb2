"""The assessment's pure rules at their boundaries (domain-rules §7)."""

import copy
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from anjian.assessment import scoring

D = dt.date


@pytest.mark.parametrize(
    ("deadline", "closed_on", "today", "counts"),
    [
        (D(2025, 6, 10), D(2025, 6, 11), D(2025, 6, 18), True),  # closed a day late
        (D(2025, 6, 10), D(2025, 6, 10), D(2025, 6, 18), False),  # closed on the deadline day
        (D(2025, 6, 17), None, D(2025, 6, 18), True),  # open, one day overdue
        (D(2025, 6, 18), None, D(2025, 6, 18), False),  # open, due today
    ],
)
def test_a_major_hazard_counts_as_an_accident_only_after_its_deadline_day(
    deadline, closed_on, today, counts
):
    assert (
        scoring.overdue_as_accident(deadline=deadline, closed_on=closed_on, today=today) is counts
    )


@pytest.mark.parametrize(
    ("grade", "vetoes"),
    [("general", False), ("large", True), ("major", True), ("extraordinary", True)],
)
def test_a_large_or_graver_accident_vetoes_and_a_general_one_does_not(grade, vetoes):
    assert scoring.accident_vetoes(grade) is vetoes


@pytest.mark.parametrize(
    ("kind", "vetoes"),
    [("late", False), ("omitted", False), ("falsified", True), ("concealed", True)],
)
def test_concealing_or_falsifying_vetoes_and_late_or_omitted_reporting_does_not(kind, vetoes):
    assert scoring.finding_vetoes(kind) is vetoes


CUTS = {"excellent": 90, "good": 80, "pass": 60}


@pytest.mark.parametrize(
    ("score", "vetoed", "grade"),
    [
        (90, False, "excellent"),
        (89.9, False, "good"),
        (80, False, "good"),
        (79.9, False, "pass"),
        (60, False, "pass"),
        (59.9, False, "fail"),
        (104, True, "fail"),
    ],
)
def test_grades_follow_the_cut_offs_and_a_vetoed_unit_fails_whatever_its_score(
    score, vetoed, grade
):
    assert scoring.grade_for(score, cutoffs=CUTS, vetoed=vetoed) == grade


def test_ranking_shares_a_rank_on_equal_scores_and_puts_vetoed_units_last():
    assert scoring.ranks([(False, 80), (False, 95), (True, 99), (False, 80)]) == [2, 1, 4, 2]


@pytest.mark.parametrize(
    ("accidents", "deaths", "overdue", "points"),
    [
        (2, 1, 0, 30),  # at the targets
        (3, 1, 0, 25),  # one accident over
        (2, 1, 1, 25),  # an overdue major hazard counts as an accident
        (2, 2, 0, 20),  # one death over
        (9, 9, 0, 0),  # never below zero
    ],
)
def test_accident_control_deducts_for_each_accident_and_death_over_the_targets(
    accidents, deaths, overdue, points
):
    assert (
        scoring.accident_control_points(
            30,
            accidents=accidents,
            deaths=deaths,
            overdue_major=overdue,
            max_accidents=2,
            max_deaths=1,
        )
        == points
    )


def test_a_share_with_nothing_due_gives_full_marks():
    assert scoring.rate_points(10, 0, 0) == 10
    assert scoring.rate_points(10, 2, 3) == 6.7


def test_the_default_scheme_adds_up_to_100_plus_a_bonus_of_5():
    checked = scoring.check_items(copy.deepcopy(scoring.DEFAULT_ITEMS))
    assert sum(i["max_points"] for i in checked if i["code"] != "bonus") == 100
    assert {i["indicator"] for i in checked} - {None} == set(scoring.INDICATORS)


def test_a_scheme_over_100_points_is_refused_with_the_sum_and_an_item_to_change():
    items = copy.deepcopy(scoring.DEFAULT_ITEMS)
    items[2]["max_points"] = 11  # 隐患整改率
    with pytest.raises(ValidationError) as exc:
        scoring.check_items(items)
    assert "101" in str(exc.value) and "安全培训与宣传" in str(exc.value)


def test_a_scheme_under_100_points_is_refused_naming_an_item():
    items = copy.deepcopy(scoring.DEFAULT_ITEMS)
    items[0]["max_points"] = 29
    with pytest.raises(ValidationError) as exc:
        scoring.check_items(items)
    assert "99" in str(exc.value) and "安全培训与宣传" in str(exc.value)


def test_a_bonus_over_5_points_is_refused():
    items = copy.deepcopy(scoring.DEFAULT_ITEMS)
    items[-1]["max_points"] = 6
    with pytest.raises(ValidationError, match="加分项"):
        scoring.check_items(items)


def test_an_unknown_indicator_is_refused_naming_the_item():
    items = copy.deepcopy(scoring.DEFAULT_ITEMS)
    items[0]["indicator"] = "luck"
    with pytest.raises(ValidationError, match="事故控制指标"):
        scoring.check_items(items)
