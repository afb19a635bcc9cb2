"""GB 18218-2018 computations against hand-computed cases (domain-rules §4)."""

import datetime as dt

import pytest

from anjian.registry.hazard_sources import data
from anjian.registry.hazard_sources.rules import Line, alpha, assess, level, review_due


def line(name, q):
    row = data.lookup(name)
    return Line(name=name, quantity_t=q, critical_t=row.critical_t, beta=row.beta)


def test_worked_example_so2_200_t_with_60_people_is_r_30_grade_3():
    result = assess([line("sulphur dioxide", 200)], people_within_500m=60)
    assert result.s == 10
    assert result.alpha == 1.5
    assert result.r == 30
    assert result.is_major and result.level == 3


@pytest.mark.parametrize(
    "people,expected",
    [
        (0, 0.5),
        (1, 1.0),
        (29, 1.0),
        (30, 1.2),
        (49, 1.2),
        (50, 1.5),
        (99, 1.5),
        (100, 2.0),
        (5000, 2.0),
    ],
)
def test_alpha_at_each_boundary_of_people_within_500m(people, expected):
    assert alpha(people) == expected


@pytest.mark.parametrize(
    "r,expected",
    [
        (0.1, 4),
        (9.99, 4),
        (10, 3),
        (49.99, 3),
        (50, 2),
        (99.99, 2),
        (100, 1),
        (1000, 1),
    ],
)
def test_grade_at_each_boundary_of_r(r, expected):
    assert level(r, major=True) == expected


def test_no_grade_when_not_major():
    assert level(500, major=False) is None


def test_several_substances_add_up():
    # chlorine 2 t (Q 5, β 4), ammonia 6 t (Q 10, β 2), LPG 10 t (Q 50, β 1.5); 120 people.
    # S = 0.4 + 0.6 + 0.2 = 1.2; Σβq/Q = 1.6 + 1.2 + 0.3 = 3.1; R = 2 × 3.1 = 6.2 → grade 4.
    result = assess(
        [line("chlorine", 2), line("ammonia", 6), line("LPG", 10)], people_within_500m=120
    )
    assert result.s == pytest.approx(1.2)
    assert result.r == pytest.approx(6.2)
    assert result.level == 4


def test_a_gas_with_beta_above_one_weighs_more():
    # Hydrogen sulphide β 5: 50 t over Q 5 = 10; 30 people α 1.2 → R = 1.2 × 5 × 10 = 60.
    result = assess([line("硫化氢", 50)], people_within_500m=30)
    assert data.lookup("hydrogen sulphide").beta == 5
    assert result.r == pytest.approx(60)
    assert result.level == 2


def test_phosgene_beta_20_reaches_grade_1():
    # 0.9 t over Q 0.3 = 3; β 20; 100 people α 2 → R = 120.
    result = assess([line("phosgene", 0.9)], people_within_500m=100)
    assert result.r == pytest.approx(120) and result.level == 1


def test_s_just_under_one_is_not_major():
    result = assess([line("chlorine", 2.5), line("ammonia", 4.99)], people_within_500m=10)
    assert result.s == pytest.approx(0.999)
    assert not result.is_major and result.level is None


def test_s_just_at_one_is_major():
    result = assess([line("chlorine", 2.5), line("ammonia", 5)], people_within_500m=10)
    assert result.s == 1 and result.is_major


def test_s_of_tenths_that_make_one_is_major():
    # 0.7 + 0.3 is 0.9999999999999999 in floats; on paper it is 1.
    result = assess([Line("x", 0.7, 1, 1), Line("y", 0.3, 1, 1)], people_within_500m=0)
    assert result.is_major


@pytest.mark.parametrize(
    "name,critical,beta",
    [
        ("chlorine", 5, 4),
        ("氨", 10, 2),
        ("SO2", 20, 2),
        ("hydrogen sulfide", 5, 5),
        ("hydrogen", 5, 1.5),
        ("液化石油气", 50, 1.5),
        ("natural gas", 50, 1.5),
        ("petrol", 200, 1),
        ("methanol", 500, 1),
        ("benzene", 50, 1),
        ("acetylene", 1, 1.5),
        ("ethylene oxide", 10, 2),
        ("hydrogen cyanide", 1, 10),
        ("phosgene", 0.3, 20),
        ("ammonium nitrate", 5, 2),
        ("J1", 5, 4),
        ("W5.4", 5000, 1),
    ],
)
def test_shipped_table_by_english_chinese_or_alias(name, critical, beta):
    row = data.lookup(name)
    assert (row.critical_t, row.beta) == (critical, beta)
    assert row.table.startswith("GB 18218-2018")


def test_unknown_substance_is_not_in_the_table():
    assert data.lookup("unobtainium") is None


@pytest.mark.parametrize(
    "filed,reviewed,expected",
    [
        (None, None, None),
        (dt.date(2024, 3, 1), None, dt.date(2027, 3, 1)),
        (dt.date(2020, 3, 1), dt.date(2025, 6, 30), dt.date(2028, 6, 30)),
        (dt.date(2024, 2, 29), None, dt.date(2027, 2, 28)),
    ],
)
def test_review_is_due_three_years_after_filing_or_the_last_review(filed, reviewed, expected):
    assert review_due(filed_on=filed, reviewed_on=reviewed) == expected
