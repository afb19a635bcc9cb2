"""Domain rules §15 as tables: the reward at every band edge, the deadlines across holidays."""

import datetime as dt
from decimal import Decimal

import pytest

from anjian.public_reports import rules
from anjian.public_reports.deadlines import day_off

D = dt.date.fromisoformat
LIMITS = rules.DEFAULT_TIME_LIMITS


@pytest.mark.parametrize(
    ("fine", "reward"),
    [
        ("0", "3000"),  # no fine: the minimum
        ("10000", "3000"),  # §15 check: the minimum
        ("19999.99", "3000"),  # 15 % just under 3,000
        ("20000", "3000"),  # 15 % is exactly 3,000
        ("20010", "3001.50"),  # first amounts above the minimum
        ("50000", "7500"),  # §15 check
        ("1999990", "299998.50"),  # just under the cap
        ("2000000", "300000"),  # 15 % is exactly the cap
        ("2000000.01", "300000"),
        ("2500000", "300000"),  # §15 check: the cap
    ],
)
def test_reward_for_a_fine_is_15_percent_between_3000_and_300000(fine, reward):
    assert rules.reward_for_fine(Decimal(fine)) == Decimal(reward)


@pytest.mark.parametrize(
    ("deaths", "grade", "reward"),
    [
        (1, "general", 30000),
        (9, "general", 270000),
        (10, "general", 300000),
        (11, "general", 300000),
        (1, "large", 40000),
        (2, "large", 80000),  # §15 check
        (7, "large", 280000),
        (8, "large", 300000),
        (1, "major", 50000),
        (6, "major", 300000),
        (7, "major", 300000),
        (1, "extraordinary", 60000),
        (5, "extraordinary", 300000),
        (6, "extraordinary", 300000),
    ],
)
def test_reward_for_concealed_deaths_by_grade_capped_at_300000(deaths, grade, reward):
    assert rules.reward_for_concealed_deaths(deaths, grade) == Decimal(reward)


def test_reward_refuses_a_negative_fine_and_zero_deaths():
    with pytest.raises(ValueError):
        rules.reward_for_fine(Decimal("-1"))
    with pytest.raises(ValueError):
        rules.reward_for_concealed_deaths(0, "general")


@pytest.mark.parametrize(
    ("accepted", "extended", "due"),
    [
        ("2025-08-01", False, "2025-09-30"),  # 60 calendar days, a working day
        ("2025-08-02", False, "2025-10-09"),  # lands on 国庆 1 Oct: after the holiday (Art. 203)
        ("2025-08-09", False, "2025-10-09"),  # lands on 8 Oct, the last day of the holiday
        ("2025-07-31", False, "2025-09-29"),  # Monday
        ("2025-07-30", False, "2025-09-28"),  # a Sunday made a working day (调休): stays
        ("2025-08-02", True, "2025-10-31"),  # extended once by 30 days
        ("2025-12-17", False, "2026-02-24"),  # lands on 春节 2026 (15–23 Feb)
        ("2025-12-16", False, "2026-02-14"),  # the Saturday before 春节 is a working day
    ],
)
@pytest.mark.django_db
def test_verification_due_60_days_after_acceptance_past_holidays(accepted, extended, due):
    assert rules.verify_due(D(accepted), extended=extended, limits=LIMITS, day_off=day_off) == D(
        due
    )


@pytest.mark.parametrize(
    ("verified", "due"),
    [
        ("2025-09-18", "2025-09-28"),  # 调休 Sunday: a working day
        ("2025-09-21", "2025-10-09"),  # 1 Oct: after the National Day holiday
        ("2025-11-05", "2025-11-17"),  # a Saturday: the Monday after
        ("2025-11-03", "2025-11-13"),  # a Thursday
        ("2026-02-05", "2026-02-24"),  # 15 Feb: after 春节
    ],
)
@pytest.mark.django_db
def test_feedback_due_10_days_after_verification_past_holidays(verified, due):
    assert rules.feedback_due(D(verified), limits=LIMITS, day_off=day_off) == D(due)


def test_the_day_of_the_event_does_not_count():
    never_off = lambda day: False  # noqa: E731
    assert rules.period_end(D("2025-03-01"), 10, never_off) == D("2025-03-11")


@pytest.mark.parametrize(
    ("due", "today", "overdue"),
    [
        ("2025-09-30", "2025-09-30", False),  # the period runs until 24:00 of its last day
        ("2025-09-30", "2025-10-01", True),
        (None, "2025-10-01", False),
    ],
)
def test_overdue_only_after_the_last_day(due, today, overdue):
    assert rules.is_overdue(due and D(due), D(today)) is overdue


@pytest.mark.django_db
def test_a_year_the_holiday_package_lacks_uses_the_holidays_the_county_entered():
    from anjian.duty.models import DeclaredHoliday

    assert rules.verify_due(D("2027-08-02"), extended=False, limits=LIMITS, day_off=day_off) == D(
        "2027-10-01"
    )
    DeclaredHoliday.objects.create(name="国庆节", start=D("2027-10-01"), end=D("2027-10-07"))
    assert rules.verify_due(D("2027-08-02"), extended=False, limits=LIMITS, day_off=day_off) == D(
        "2027-10-08"
    )
