"""The accident rules of 《生产安全事故报告和调查处理条例》(国务院令第493号) as data.

Thresholds, deadlines and windows live here; the functions below are pure. The 补报 windows
are a stored, versioned rule (`accidents.supplementary_days`, read through
`anjian.core.rules.rule_value` at the accident's date) and are passed in.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone


class Grade:
    GENERAL = "general"
    LARGE = "large"
    MAJOR = "major"
    EXTRAORDINARY = "extraordinary"


# Highest first. Each row: grade, deaths (incl. missing) ≥, serious injuries ≥, loss (元) ≥.
# 493号令 Art. 3: "以上" includes the number, "以下" excludes it.
GRADE_THRESHOLDS: list[tuple[str, int, int, Decimal]] = [
    (Grade.EXTRAORDINARY, 30, 100, Decimal("100000000")),
    (Grade.MAJOR, 10, 50, Decimal("50000000")),
    (Grade.LARGE, 3, 10, Decimal("10000000")),
]
GRADE_ORDER = [Grade.GENERAL, Grade.LARGE, Grade.MAJOR, Grade.EXTRAORDINARY]


def accident_grade(*, deaths: int, serious_injuries: int, direct_loss: Decimal | int) -> str:
    """The grade of an accident (493号令 Art. 3): the highest reached by any of the criteria.

    `deaths` counts the dead and the missing (死亡（含失踪）); `serious_injuries` includes acute
    industrial poisoning; `direct_loss` is in 元.
    """
    loss = Decimal(direct_loss or 0)
    for grade, min_deaths, min_injuries, min_loss in GRADE_THRESHOLDS:
        if deaths >= min_deaths or serious_injuries >= min_injuries or loss >= min_loss:
            return grade
    return Grade.GENERAL


# Forwarding upward (493号令 Art. 10): the county passes an accident on within 2 h per level;
# 一般 goes up to the city, 较大 to the province, 重大/特别重大 to the State Council.
LEVELS = ["city", "province", "state"]
FORWARD_TO = {
    Grade.GENERAL: ["city"],
    Grade.LARGE: ["city", "province"],
    Grade.MAJOR: ["city", "province", "state"],
    Grade.EXTRAORDINARY: ["city", "province", "state"],
}


@dataclass(frozen=True)
class AccidentRules:
    """The fixed accident rules of 493号令 (the 1 h / 2 h rules always apply, domain rules §6)."""

    version: str = "493-2007"
    effective: dt.date = dt.date(2007, 6, 1)
    # Art. 9: the unit reports to the county within 1 hour; later is 迟报.
    report_within: dt.timedelta = dt.timedelta(hours=1)
    # Art. 10: 2 hours per level when the county forwards upward.
    forward_per_level: dt.timedelta = dt.timedelta(hours=2)


RULES = AccidentRules()
SUPPLEMENTARY_RULE = "accidents.supplementary_days"


def report_late(
    *, occurred_at: dt.datetime, reported_at: dt.datetime, rules: AccidentRules = RULES
) -> bool:
    """迟报 (493号令 Art. 9): more than 1 hour (exactly 60 min is on time)."""
    return reported_at - occurred_at > rules.report_within


def forwarding_deadlines(
    *, grade: str, reported_at: dt.datetime, rules: AccidentRules = RULES
) -> list[tuple[str, dt.datetime]]:
    """(level, due) for every level the county must forward the accident to (Art. 10)."""
    return [
        (level, reported_at + rules.forward_per_level * (i + 1))
        for i, level in enumerate(FORWARD_TO[grade])
    ]


def revision_window_days(sector_code: str, days_by_sector: dict) -> int:
    """The 补报 window for a sector: `days_by_sector` is the stored rule value
    (`{"default": 30, "road_traffic": 7, "fire": 7}` by default, 493号令 Art. 13)."""
    return int(days_by_sector.get(sector_code, days_by_sector["default"]))


def revision_window_end(*, occurred_at: dt.datetime, days: int) -> dt.datetime:
    """The end of the 补报 window, counted as 民法典 Art. 201 and 203 count periods: the day
    of the accident is not counted, and the period ends at 24:00 of its last day (Asia/Shanghai).

    Art. 203's extension past a statutory holiday is not applied: the window bounds when a
    casualty change happens, not a filing act (domain rules §1 names only the 24:00 rule).
    """
    last_day = timezone.localdate(occurred_at) + dt.timedelta(days=days)
    return dt.datetime.combine(
        last_day + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_default_timezone()
    )


def revision_in_window(
    *, occurred_at: dt.datetime, at: dt.datetime, sector_code: str, days_by_sector: dict
) -> bool:
    """Whether a casualty change at `at` is a timely 补报 (Art. 13: within 30 days, 7 for
    road traffic and fire, in calendar days)."""
    days = revision_window_days(sector_code, days_by_sector)
    return at < revision_window_end(occurred_at=occurred_at, days=days)


# 较大涉险事故 (原安监总局令第21号 Art. 26): no or few casualties but ≥ 10 people endangered,
# ≥ 3 trapped or missing, ≥ 500 evacuated, or a threat to key facilities.
DANGEROUS_OCCURRENCE = {"endangered": 10, "trapped": 3, "evacuated": 500}


def is_large_dangerous_occurrence(
    *, endangered: int, trapped: int, evacuated: int, key_facilities_threatened: bool
) -> bool:
    return (
        endangered >= DANGEROUS_OCCURRENCE["endangered"]
        or trapped >= DANGEROUS_OCCURRENCE["trapped"]
        or evacuated >= DANGEROUS_OCCURRENCE["evacuated"]
        or key_facilities_threatened
    )
