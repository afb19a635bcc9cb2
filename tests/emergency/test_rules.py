"""Table tests at every deadline boundary of domain rules §5 (emergency.rules)."""

import datetime as dt

import chinese_calendar
import pytest

from anjian.emergency import rules

D = dt.date


@pytest.mark.parametrize(
    ("published", "filed", "late"),
    [
        # 国庆节、中秋节 2025: 1–8 October off; Sunday 28 September and Saturday 11 October worked.
        # Published Friday 26 September: the 20th working day is Thursday 30 October.
        (D(2025, 9, 26), D(2025, 10, 30), False),
        (D(2025, 9, 26), D(2025, 10, 31), True),
        # Without the holiday it would have been 24 October: filing on 29 October is still on time.
        (D(2025, 9, 26), D(2025, 10, 29), False),
        # An ordinary month: published Monday 3 March 2025, the 20th working day is 31 March.
        (D(2025, 3, 3), D(2025, 3, 31), False),
        (D(2025, 3, 3), D(2025, 4, 1), True),
        (D(2025, 3, 3), D(2025, 3, 3), False),
    ],
)
def test_filing_is_late_after_the_twentieth_working_day(published, filed, late):
    assert (
        rules.filing_late(
            published_on=published,
            filed_on=filed,
            today=D(2026, 1, 1),
            is_workday=chinese_calendar.is_workday,
        )
        is late
    )


def test_a_plan_not_filed_is_late_only_once_its_twentieth_working_day_has_passed():
    kwargs = {
        "published_on": D(2025, 9, 26),
        "filed_on": None,
        "is_workday": chinese_calendar.is_workday,
    }
    assert rules.filing_late(today=D(2025, 10, 30), **kwargs) is False
    assert rules.filing_late(today=D(2025, 10, 31), **kwargs) is True


def test_the_adjusted_workdays_of_the_holiday_count_as_working_days():
    deadline = rules.filing_deadline(D(2025, 9, 26), is_workday=chinese_calendar.is_workday)
    assert deadline == D(2025, 10, 30)
    weekdays_only = rules.filing_deadline(D(2025, 9, 26), is_workday=lambda d: d.weekday() < 5)
    assert weekdays_only == D(2025, 10, 24)


@pytest.mark.parametrize(
    ("unit_kind", "sector", "employees", "applies"),
    [
        ("county", None, None, True),
        ("town", None, None, True),
        ("department", None, None, True),
        ("enterprise", "non_coal_mine", 10, True),
        ("enterprise", "industry_trade", 10, True),  # metal smelting
        ("enterprise", "construction", 10, True),
        ("enterprise", "hazardous_chemicals", 10, True),
        ("enterprise", "gas", 10, True),
        ("enterprise", "fireworks", 10, True),
        ("enterprise", "road_traffic", 299, False),
        ("enterprise", "road_traffic", 300, True),
        ("enterprise", "education", 0, False),
    ],
)
def test_who_evaluates_every_three_years(unit_kind, sector, employees, applies):
    due = rules.next_evaluation_due(
        unit_kind=unit_kind,
        sector=sector,
        employees=employees,
        published_on=D(2023, 5, 10),
        evaluated_on=None,
    )
    assert due == (D(2026, 5, 10) if applies else None)


@pytest.mark.parametrize(
    ("published", "evaluated", "due"),
    [
        (D(2020, 1, 15), None, D(2023, 1, 15)),
        (D(2020, 1, 15), D(2022, 6, 30), D(2025, 6, 30)),
        (D(2020, 2, 29), None, D(2023, 2, 28)),  # no 29 February three years later
    ],
)
def test_the_evaluation_falls_due_three_years_after_the_last_one(published, evaluated, due):
    assert (
        rules.next_evaluation_due(
            unit_kind="town",
            sector=None,
            employees=None,
            published_on=published,
            evaluated_on=evaluated,
        )
        == due
    )


@pytest.mark.parametrize(
    ("unit_kind", "kind", "sector", "months"),
    [
        ("county", "comprehensive", None, 24),
        ("town", "onsite", None, 24),
        ("department", "special", None, 24),
        ("enterprise", "comprehensive", "road_traffic", 12),
        ("enterprise", "special", "education", 12),
        ("enterprise", "onsite", "road_traffic", 6),
        ("enterprise", "comprehensive", "hazardous_chemicals", 6),
        ("enterprise", "comprehensive", "non_coal_mine", 6),
        ("enterprise", "comprehensive", "industry_trade", 6),
        ("enterprise", "comprehensive", "construction", 6),
        ("enterprise", "comprehensive", "fire", 6),  # hotels, malls, entertainment venues
        ("enterprise", "comprehensive", "tourism", 6),  # scenic spots
    ],
)
def test_the_drill_interval_by_unit_and_plan_kind(unit_kind, kind, sector, months):
    assert rules.drill_interval_months(unit_kind=unit_kind, kind=kind, sector=sector) == months


@pytest.mark.parametrize(
    ("kind", "sector", "last", "due"),
    [
        ("comprehensive", "road_traffic", D(2025, 3, 10), D(2026, 3, 10)),  # 12 months
        ("onsite", "road_traffic", D(2025, 3, 10), D(2025, 9, 10)),  # 6 months
        ("onsite", "road_traffic", D(2025, 8, 31), D(2026, 2, 28)),  # month end
        ("comprehensive", "hazardous_chemicals", None, D(2025, 7, 1)),  # from publication
    ],
)
def test_the_next_drill_is_due_the_interval_after_the_last(kind, sector, last, due):
    assert (
        rules.next_drill_due(
            unit_kind="enterprise",
            kind=kind,
            sector=sector,
            published_on=D(2025, 1, 1),
            last_drill_on=last,
        )
        == due
    )


def test_a_government_drills_every_two_years():
    assert rules.next_drill_due(
        unit_kind="town",
        kind="comprehensive",
        sector=None,
        published_on=D(2024, 3, 1),
        last_drill_on=None,
    ) == D(2026, 3, 1)


@pytest.mark.parametrize(
    ("today", "drill_due", "evaluation_due", "overdue"),
    [
        (D(2025, 9, 10), D(2025, 9, 10), None, False),  # due today: not yet overdue
        (D(2025, 9, 11), D(2025, 9, 10), None, True),
        (D(2025, 9, 11), D(2026, 1, 1), D(2025, 9, 11), False),
        (D(2025, 9, 12), D(2026, 1, 1), D(2025, 9, 11), True),
    ],
)
def test_a_plan_is_overdue_the_day_after_a_deadline(today, drill_due, evaluation_due, overdue):
    assert rules.overdue(today=today, drill_due=drill_due, evaluation_due=evaluation_due) is overdue


@pytest.mark.parametrize("months", [6, 12, 24, 36])
def test_the_database_cutoff_agrees_with_the_due_date_every_day(months):
    today = D(2025, 8, 29)
    cutoff = rules.base_cutoff(today, months)
    for offset in range(-400, 40):
        base = cutoff + dt.timedelta(days=offset)
        assert (rules.add_months(base, months) < today) is (base < cutoff), base
