"""Forest-fire rules as pure functions (domain-rules §11).

Grading follows the regulation in force on the day the fire started: 《森林草原防灭火条例》
(国务院令第822号) Art. 45 from 2026-01-01, 《森林防火条例》(国务院令第541号) Art. 40 before.
The patrol and fire-danger thresholds are UNVERIFIED defaults stored as versioned rules
(`core.rules`, keys `forestfire.*`) that the county admin can change.
"""

import datetime as dt
from decimal import Decimal

REGULATION_822_FROM = dt.date(2026, 1, 1)

GRADES = ("general", "large", "major", "extraordinary")  # lowest first

# Casualty bands, the same under 541 and 822: (grade, deaths from, serious injuries from).
_CASUALTIES = (
    ("extraordinary", 30, 100),
    ("major", 10, 50),
    ("large", 3, 10),
    ("general", 1, 1),
)
# Damaged-forest area bands in hectares: (grade, from). 822 Art. 45 and 541 Art. 40.
_AREA_822 = (
    ("extraordinary", Decimal("1000")),
    ("major", Decimal("100")),
    ("large", Decimal("10")),
    ("general", Decimal("0.067")),
)
_AREA_541 = (
    ("extraordinary", Decimal("1000")),
    ("major", Decimal("100")),
    ("large", Decimal("1")),
)


def regulation_for(started_on: dt.date) -> str:
    """ "822" for fires that started on or after 2026-01-01 (822 in force), "541" before."""
    return "822" if started_on >= REGULATION_822_FROM else "541"


def _higher(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if GRADES.index(a) >= GRADES.index(b) else b


def fire_grade(
    *, damaged_area_ha, deaths: int, serious_injuries: int, started_on: dt.date
) -> tuple[str | None, str]:
    """(grade, regulation) of a forest fire: the highest grade any criterion reaches ("或者").

    822 Art. 45: 一般 0.067 ≤ A < 10 ha or 1–2 deaths or 1–9 serious injuries; 较大 10 ≤ A < 100,
    3–9 deaths, 10–49 serious; 重大 100 ≤ A < 1000, 10–29, 50–99; 特别重大 A ≥ 1000, ≥ 30, ≥ 100.
    Below every band the grade is None: a 火情 record. A is the 受害森林面积, not the burned area.
    541 Art. 40 (fires before 2026-01-01): 一般 A < 1 ha or 其他林地起火 (every fire is graded);
    较大 1 ≤ A < 100; the higher bands and the casualty bands as in 822.
    """
    rule = regulation_for(started_on)
    area = Decimal(str(damaged_area_ha or 0))
    grade = None
    for name, least in _AREA_822 if rule == "822" else _AREA_541:
        if area >= least:
            grade = name
            break
    if rule == "541" and grade is None:
        grade = "general"
    for name, least_deaths, least_serious in _CASUALTIES:
        if (deaths or 0) >= least_deaths or (serious_injuries or 0) >= least_serious:
            grade = _higher(grade, name)
            break
    return grade, rule


def patrols_required(
    *, level: int | None, holiday: str | None, rule: dict, in_season: bool = True
) -> int:
    """Patrols a watch area needs on a day (§11 "Watch areas", UNVERIFIED defaults in `rule`):
    `base` a day in the 防火期, `raised` on the listed holidays (清明, 三月三, 春节, 五一) and at a
    fire-danger level of `raise_at_level` or above. Outside the 防火期 none are required."""
    if not in_season:
        return 0
    raised = (level is not None and level >= rule["raise_at_level"]) or (
        holiday is not None and any(name in holiday for name in rule["holidays"])
    )
    return rule["raised"] if raised else rule["base"]


def permit_void(*, level: int | None, void_at_level: int) -> bool:
    """A field-fire approval is void on a day its town's fire-danger level reaches
    `void_at_level` (§11 "Approval record", default 4)."""
    return level is not None and level >= void_at_level


def danger_notice(level: int, *, notice_at_level: int) -> bool:
    """Whether a daily level sends a notice to be confirmed (签收) (§11 "Fire danger", default 4)."""
    return level >= notice_at_level


def fire_ban(level: int | None) -> bool:
    """Level 5 (极高, red flag): 严禁一切林内用火 — the site shows a 禁火 banner."""
    return level is not None and level >= 5
