"""Deadlines of emergency plans and drills (domain rules §5).

Sources: 《生产安全事故应急预案管理办法》(应急管理部令第2号, 2019) Art. 26 (filing within 20
working days of publication), Art. 35 (evaluation every three years for the listed units), Art. 36
(revision triggers), Art. 33 (drills: 综合/专项 yearly, 现场处置方案 half-yearly); 《生产安全事故
应急条例》(国务院令第708号) Art. 8 (high-risk units every six months; county and town governments
and their departments at least every two years).

Pure functions: the caller passes the dates, the sector code and, for working days, a predicate
saying whether a day is a working day (`anjian.emergency.workdays.is_workday`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

FILING_WORKING_DAYS = 20
EVALUATION_MONTHS = 36

GOVERNMENT_KINDS = frozenset({"county", "town", "department"})

# 令第2号 Art. 35: mines, metal smelting, construction, hazardous goods (chemicals and gas),
# fireworks — mapped onto the platform's sector codes (工贸 holds metal smelting).
EVALUATION_SECTORS = frozenset(
    {"non_coal_mine", "industry_trade", "construction", "hazardous_chemicals", "gas", "fireworks"}
)
# Medium or larger units: 300 employees or more.
EVALUATION_EMPLOYEES = 300

# 708号令 Art. 8: hazardous goods, mines, metal smelting, construction, and hotels, malls,
# entertainment venues (人员密集场所: `fire`) and scenic spots (`tourism`) drill every 6 months.
HIGH_RISK_SECTORS = frozenset(
    {
        "hazardous_chemicals",
        "gas",
        "fireworks",
        "non_coal_mine",
        "industry_trade",
        "construction",
        "fire",
        "tourism",
    }
)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it has no such day (31 Aug + 6
    months = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_working_days(day: dt.date, count: int, *, is_workday: Callable[[dt.date], bool]) -> dt.date:
    """The `count`-th working day after `day` (the day itself does not count)."""
    current = day
    while count > 0:
        current += dt.timedelta(days=1)
        if is_workday(current):
            count -= 1
    return current


def filing_deadline(published_on: dt.date, *, is_workday: Callable[[dt.date], bool]) -> dt.date:
    """令第2号 Art. 26: a plan is filed within 20 working days of its publication."""
    return add_working_days(published_on, FILING_WORKING_DAYS, is_workday=is_workday)


def filing_late(
    *,
    published_on: dt.date,
    filed_on: dt.date | None,
    today: dt.date,
    is_workday: Callable[[dt.date], bool],
) -> bool:
    """Filed after the 20th working day after publication; not filed and that day has passed."""
    deadline = filing_deadline(published_on, is_workday=is_workday)
    return (filed_on or today) > deadline


def evaluation_applies(*, unit_kind: str, sector: str | None, employees: int | None) -> bool:
    """令第2号 Art. 35: who must evaluate its plan every three years (governments too)."""
    if unit_kind in GOVERNMENT_KINDS:
        return True
    return sector in EVALUATION_SECTORS or (employees or 0) >= EVALUATION_EMPLOYEES


def next_evaluation_due(
    *,
    unit_kind: str,
    sector: str | None,
    employees: int | None,
    published_on: dt.date,
    evaluated_on: dt.date | None,
) -> dt.date | None:
    """Three years after the last evaluation (or the publication); None where no rule applies."""
    if not evaluation_applies(unit_kind=unit_kind, sector=sector, employees=employees):
        return None
    return add_months(evaluated_on or published_on, EVALUATION_MONTHS)


def drill_interval_months(*, unit_kind: str, kind: str, sector: str | None) -> int:
    """How often a plan is drilled: governments every 24 months (708 Art. 8); high-risk units
    every 6 (708 Art. 8); otherwise 综合/专项 every 12 and 现场处置方案 every 6 (令第2号 Art. 33)."""
    if unit_kind in GOVERNMENT_KINDS:
        return 24
    if sector in HIGH_RISK_SECTORS or kind == "onsite":
        return 6
    return 12


def next_drill_due(
    *,
    unit_kind: str,
    kind: str,
    sector: str | None,
    published_on: dt.date,
    last_drill_on: dt.date | None,
) -> dt.date:
    """The interval after the last drill, or after publication while none was held."""
    months = drill_interval_months(unit_kind=unit_kind, kind=kind, sector=sector)
    return add_months(last_drill_on or published_on, months)


def overdue(*, today: dt.date, drill_due: dt.date, evaluation_due: dt.date | None) -> bool:
    """A drill or an evaluation is past its day."""
    return drill_due < today or (evaluation_due is not None and evaluation_due < today)


def base_cutoff(today: dt.date, months: int) -> dt.date:
    """The earliest base date whose due date (`base + months`) is not before `today`: a plan is
    overdue exactly when its base date lies before this day (lets the database filter)."""
    day = add_months(today, -months) - dt.timedelta(days=4)
    while add_months(day, months) < today:
        day += dt.timedelta(days=1)
    return day
