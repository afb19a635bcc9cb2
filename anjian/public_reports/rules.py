"""The 12350 rules (domain rules §15) as pure functions: rewards and time limits.

Rewards: 《安全生产领域举报奖励办法》(安监总财〔2018〕19号). Time limits: the 2012 办法
(Art. 10(3), 11(5)–(6)), kept by the county as a versioned default (rule
`public_reports.time_limits`, UNVERIFIED for the 2018 text); days counted as 民法典 Art. 201
and 203 count periods.
"""

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

# 2018 办法: 15 % of the fine for major hazards and illegal production, at least 3,000 and at
# most 300,000 yuan; per concealed death by the final accident grade, capped at 300,000.
FINE_SHARE = Decimal("0.15")
REWARD_MINIMUM = Decimal("3000")
REWARD_CAP = Decimal("300000")
PER_CONCEALED_DEATH = {
    "general": Decimal("30000"),
    "large": Decimal("40000"),
    "major": Decimal("50000"),
    "extraordinary": Decimal("60000"),
}

DEFAULT_TIME_LIMITS = {"verify_days": 60, "extension_days": 30, "feedback_days": 10}


def reward_for_fine(fine: Decimal | int) -> Decimal:
    """The reward for a verified report of a major hazard or illegal production, operation or
    construction (安监总财〔2018〕19号): 15 % of the administrative fine, at least 3,000 and at
    most 300,000 yuan. A fine of 50,000 gives 7,500; 10,000 gives 3,000; 2,500,000 gives 300,000."""
    fine = Decimal(fine)
    if fine < 0:
        raise ValueError("a fine is not negative")
    amount = (fine * FINE_SHARE).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return min(max(amount, REWARD_MINIMUM), REWARD_CAP)


def reward_for_concealed_deaths(deaths: int, grade: str) -> Decimal:
    """The reward for a verified report of a concealed or falsified accident (瞒报/谎报,
    安监总财〔2018〕19号): per concealed death, by the accident's final grade — 一般 30,000,
    较大 40,000, 重大 50,000, 特别重大 60,000 yuan — capped at 300,000. A 较大 accident with
    2 concealed deaths gives 80,000."""
    if deaths < 1:
        raise ValueError("at least one concealed death")
    return min(PER_CONCEALED_DEATH[grade] * deaths, REWARD_CAP)


def roll_past_days_off(day: dt.date, day_off: Callable[[dt.date], bool]) -> dt.date:
    """民法典 Art. 203: a period whose last day is a day off (法定休假日: a holiday or a rest
    day not made a working day) ends on the first working day after it."""
    while day_off(day):
        day += dt.timedelta(days=1)
    return day


def period_end(start: dt.date, days: int, day_off: Callable[[dt.date], bool]) -> dt.date:
    """The last day of a period of `days` calendar days from `start` (民法典 Art. 201: the day
    of the event does not count; the period ends at 24:00 of the day returned, Asia/Shanghai),
    moved past days off (Art. 203)."""
    return roll_past_days_off(start + dt.timedelta(days=days), day_off)


def verify_due(
    accepted_on: dt.date, *, extended: bool, limits: dict, day_off: Callable[[dt.date], bool]
) -> dt.date:
    """Verification ends within 60 days of acceptance, one extension of at most 30 more
    (2012 办法 Art. 10(3); domain rules §15)."""
    days = limits["verify_days"] + (limits["extension_days"] if extended else 0)
    return period_end(accepted_on, days, day_off)


def feedback_due(
    verified_on: dt.date, *, limits: dict, day_off: Callable[[dt.date], bool]
) -> dt.date:
    """The reporter is told the result within 10 days after verification (2012 办法
    Art. 11(5)–(6); domain rules §15)."""
    return period_end(verified_on, limits["feedback_days"], day_off)


def is_overdue(due: dt.date | None, today: dt.date) -> bool:
    """Open and the deadline passed: a period ending on `due` runs until 24:00 that day."""
    return due is not None and today > due
