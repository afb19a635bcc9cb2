"""Reporting periods: calendar months, quarters and years in Asia/Shanghai (domain rules §8).

A period is written `2024-03` (month), `2024-Q1` (quarter) or `2024` (year), as the contract's
`--period P` and `?period=P` take it. Bounds are half-open: `[start, end)` as aware datetimes.
"""

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass

from django.conf import settings

from anjian.core import clock
from anjian.core.validators import EARLIEST_DATE

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|[Qq](?P<quarter>[1-4])))?$")
QUARTER_WORDS = {1: "一", 2: "二", 3: "三", 4: "四"}


def local_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True, order=True)
class Period:
    """One calendar month, quarter or year (`kind` is "month", "quarter" or "year")."""

    year: int
    kind: str
    number: int = 0  # the month (1–12) or the quarter (1–4); 0 for a year

    # --- bounds -----------------------------------------------------------------------------
    @property
    def first_month(self) -> int:
        return {"month": self.number, "quarter": 3 * self.number - 2}.get(self.kind, 1)

    @property
    def months(self) -> int:
        return {"month": 1, "quarter": 3, "year": 12}[self.kind]

    @property
    def last_month(self) -> int:
        return self.first_month + self.months - 1

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive), as the statistics object shows it."""
        return self.end_exclusive - dt.timedelta(days=1)

    @property
    def end_exclusive(self) -> dt.date:
        if self.last_month == 12:
            return dt.date(self.year + 1, 1, 1)
        return dt.date(self.year, self.last_month + 1, 1)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Aware UTC datetimes `[start, end)` of the period's local calendar days."""
        zone = local_zone()
        start = dt.datetime.combine(self.start, dt.time(), tzinfo=zone)
        end = dt.datetime.combine(self.end_exclusive, dt.time(), tzinfo=zone)
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end_exclusive

    # --- neighbours ---------------------------------------------------------------------------
    def previous_year(self) -> "Period":
        """The same period one year earlier (同比)."""
        return Period(self.year - 1, self.kind, self.number)

    def previous(self) -> "Period":
        """The period just before (环比)."""
        if self.kind == "year":
            return Period(self.year - 1, "year")
        limit = 12 if self.kind == "month" else 4
        if self.number == 1:
            return Period(self.year - 1, self.kind, limit)
        return Period(self.year, self.kind, self.number - 1)

    def month_periods(self) -> list["Period"]:
        return [Period(self.year, "month", m) for m in range(self.first_month, self.last_month + 1)]

    # --- names --------------------------------------------------------------------------------
    def __str__(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        return f"{self.year}"

    @property
    def label(self) -> str:
        """The Chinese name: 2024年3月, 2024年一季度, 2024年."""
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        if self.kind == "quarter":
            return f"{self.year}年{QUARTER_WORDS[self.number]}季度"
        return f"{self.year}年"


class PeriodError(ValueError):
    """Not a period; callers turn it into their own (translated) field error."""


def parse_period(value: str) -> Period:
    """`2024-03`, `2024-Q1` or `2024`; anything else raises PeriodError.

    The year lies between 1949 and next year (the plausibility rule of docs/security.md): a
    period of year 9999 has no end date Python can represent, and none holds data."""
    match = _PATTERN.match((value or "").strip())
    if match and EARLIEST_DATE.year <= int(match["year"]) <= clock.today().year + 1:
        year = int(match["year"])
        if match["month"]:
            month = int(match["month"])
            if 1 <= month <= 12:
                return Period(year, "month", month)
        elif match["quarter"]:
            return Period(year, "quarter", int(match["quarter"]))
        else:
            return Period(year, "year")
    raise PeriodError(f"unknown period {value!r}: use 2024-03, 2024-Q1 or 2024")


def period_of(day: dt.date, kind: str = "month") -> Period:
    """The month, quarter or year that contains `day`."""
    if kind == "month":
        return Period(day.year, "month", day.month)
    if kind == "quarter":
        return Period(day.year, "quarter", (day.month - 1) // 3 + 1)
    return Period(day.year, "year")
