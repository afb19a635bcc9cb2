"""GB 18218-2018 §4.2–4.3: identification (S) and grading (R) of a major hazard source.

Pure functions over plain numbers; the register stores what they return (domain-rules §4).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

# Re-assessment of a major hazard source every 3 years (原安监总局令第40号, the 3-yearly
# 安全评估; issue 12). The article number was not checked against the text.
REVIEW_YEARS = 3


@dataclass(frozen=True)
class Line:
    """One substance of a unit: actual quantity q, critical quantity Q, correction β."""

    name: str
    quantity_t: float
    critical_t: float
    beta: float

    @property
    def ratio(self) -> float:
        return self.quantity_t / self.critical_t


def s_index(lines: Iterable[Line]) -> float:
    """S = Σ qᵢ/Qᵢ (GB 18218-2018 §4.2.2, formula (1))."""
    return sum(line.ratio for line in lines)


def is_major(s: float) -> bool:
    """A unit is a major hazard source when S ≥ 1 (GB 18218-2018 §4.2.2)."""
    return s >= 1


def alpha(people_within_500m: int) -> float:
    """α, the correction for people exposed within 500 m (GB 18218-2018 表5):
    ≥100 → 2.0; 50–99 → 1.5; 30–49 → 1.2; 1–29 → 1.0; 0 → 0.5."""
    if people_within_500m >= 100:
        return 2.0
    if people_within_500m >= 50:
        return 1.5
    if people_within_500m >= 30:
        return 1.2
    if people_within_500m >= 1:
        return 1.0
    return 0.5


def r_index(lines: Iterable[Line], *, people_within_500m: int) -> float:
    """R = α · Σ βᵢ qᵢ/Qᵢ (GB 18218-2018 §4.3.2, formula (2))."""
    return alpha(people_within_500m) * sum(line.beta * line.ratio for line in lines)


def level(r: float, *, major: bool) -> int | None:
    """The grade (GB 18218-2018 表6): 一级 R ≥ 100; 二级 50 ≤ R < 100; 三级 10 ≤ R < 50;
    四级 R < 10. None when the unit is not a major hazard source."""
    if not major:
        return None
    if r >= 100:
        return 1
    if r >= 50:
        return 2
    if r >= 10:
        return 3
    return 4


@dataclass(frozen=True)
class Assessment:
    s: float
    r: float
    alpha: float
    is_major: bool
    level: int | None


def assess(lines: list[Line], *, people_within_500m: int) -> Assessment:
    """S, R, α, whether it is major and its grade, for one production or storage unit."""
    # Rounded so that a sum of tenths that is 1 on paper is 1 here (0.7 + 0.3 in floats).
    s = round(s_index(lines), 6)
    r = round(r_index(lines, people_within_500m=people_within_500m), 6)
    major = is_major(s)
    return Assessment(
        s=s, r=r, alpha=alpha(people_within_500m), is_major=major, level=level(r, major=major)
    )


def review_due(*, filed_on: dt.date | None, reviewed_on: dt.date | None) -> dt.date | None:
    """The next re-assessment: 3 years after the last review, or after filing (备案)."""
    start = reviewed_on or filed_on
    if start is None:
        return None
    try:
        return start.replace(year=start.year + REVIEW_YEARS)
    except ValueError:  # 29 February
        return start.replace(year=start.year + REVIEW_YEARS, day=28)
