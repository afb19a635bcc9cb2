"""Accident statistics (事故统计), computed in the database.

`accident_stats` returns the contract's statistics object for one period, the same period a year
earlier and the change; `monthly_trend` the counts per month of a year and the year before.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _

from anjian.accidents.models import Accident, Grade
from anjian.accounts.divisions import scope_division
from anjian.accounts.models import Sector, Town
from anjian.core.periods import Period, PeriodError, local_zone, parse_period
from anjian.core.scoping import scope_queryset

TOTALS = ("count", "deaths", "missing", "serious_injuries", "minor_injuries", "direct_loss")
CENT = Decimal("0.01")


def period_error(value: str) -> str:
    return _(
        "Unknown period “%(value)s”: use 2024-03 (a month), 2024-Q1 (a quarter) or 2024 (a year)."
    ) % {"value": value}


def period_param(value: str | None) -> Period:
    """A `period` query or command-line value, or a field error in Chinese."""
    try:
        return parse_period(value or "")
    except PeriodError as exc:
        raise ValidationError({"period": [period_error(value or "")]}) from exc


def _code_filter(model, code: str, field: str) -> int | None:
    if not code:
        return None
    found = model.objects.filter(code=code).values_list("pk", flat=True).first()
    if found is None:
        raise ValidationError({field: [_("Unknown code “%(code)s”.") % {"code": code}]})
    return found


def stats_queryset(*, actor, town: str = "", sector: str = "") -> QuerySet:
    """Accidents proper in the actor's scope, with the optional town and sector filters."""
    qs = scope_queryset(Accident.objects.accidents(), actor)
    town_id = _code_filter(Town, town, "town")
    sector_id = _code_filter(Sector, sector, "sector")
    if town_id:
        qs = qs.filter(town_id=town_id)
    if sector_id:
        qs = qs.filter(sector_id=sector_id)
    return qs


def _sums(prefix: str, condition: Q) -> dict:
    return {
        f"{prefix}count": Count("id", filter=condition),
        # No Coalesce: an empty sum is None and becomes 0 below (cheaper to compile).
        **{
            f"{prefix}{name}": Sum(name, filter=condition)
            for name in ("deaths", "missing", "serious_injuries", "minor_injuries")
        },
        f"{prefix}direct_loss": Sum("direct_loss", filter=condition),
    }


def _money(value) -> str:
    return str(Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP))


def pct(now: int, before: int) -> float | None:
    """Change in percent, one decimal; None where last year's figure is 0."""
    if not before:
        return None
    value = (Decimal(now - before) * 100 / Decimal(before)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return float(value)


def accident_stats(*, actor, period: Period, town: str = "", sector: str = "") -> dict:
    """The contract's statistics object (four queries, whatever the number of accidents)."""
    qs = stats_queryset(actor=actor, town=town, sector=sector)
    previous = period.previous_year()
    (start, end), (p_start, p_end) = period.bounds(), previous.bounds()
    current = Q(occurred_at__gte=start, occurred_at__lt=end)
    earlier = Q(occurred_at__gte=p_start, occurred_at__lt=p_end)
    row = qs.filter(current | earlier).aggregate(**_sums("c_", current), **_sums("p_", earlier))
    this_year = qs.between(start, end)
    by_sector = (
        this_year.order_by()
        .values("sector__code", "sector__name", "sector__ordering")
        .annotate(n=Count("id"), d=Sum("deaths"))
    )
    by_town = (
        this_year.order_by()
        .values(
            "town__code",
            "town__name",
            "town__ordering",
            "town__county__code",
            "town__county__name",
            "town__county__path",
        )
        .annotate(n=Count("id"), d=Sum("deaths"))
    )
    grades = dict(this_year.order_by().values_list("grade").annotate(n=Count("id")))

    def totals(prefix: str, p: Period) -> dict:
        data = {"period": str(p), "start": p.start.isoformat(), "end": p.end.isoformat()}
        for name in TOTALS:
            data[name] = row[f"{prefix}{name}"] or 0
        data["direct_loss"] = _money(row[f"{prefix}direct_loss"])
        return data

    result = totals("c_", period)
    result["previous"] = totals("p_", previous)
    prev = result["previous"]
    result["change"] = {
        "count": result["count"] - prev["count"],
        "count_pct": pct(result["count"], prev["count"]),
        "deaths": result["deaths"] - prev["deaths"],
        "deaths_pct": pct(result["deaths"], prev["deaths"]),
    }
    result["by_sector"] = [
        {
            "sector": r["sector__code"],
            "name": r["sector__name"],
            "count": r["n"],
            "deaths": r["d"] or 0,
        }
        for r in sorted(
            by_sector,
            key=lambda r: (-r["n"], -(r["d"] or 0), r["sector__ordering"], r["sector__code"]),
        )
    ]
    result["by_town"] = [
        {"town": r["town__code"], "name": r["town__name"], "count": r["n"], "deaths": r["d"] or 0}
        for r in sorted(
            by_town, key=lambda r: (-r["n"], -(r["d"] or 0), r["town__ordering"], r["town__code"])
        )
    ]
    result["by_grade"] = {grade: grades.get(grade, 0) for grade in Grade.values}
    counties = by_county(by_town)
    if len(counties) > 1 or (counties and _above_county(actor)):
        result["by_county"] = counties
    return result


def _above_county(actor) -> bool:
    """Whether the caller reads a city or a province (its own, or one `?division=` names)."""
    division = scope_division(actor)
    return division is not None and division.level in ("city", "province")


def by_county(by_town) -> list[dict]:
    """`[{"county", "name", "count", "deaths"}]` from the per-town rows (no query of its own),
    the most accidents first; towns without a county are left out."""
    totals: dict[str, dict] = {}
    for r in by_town:
        code = r["town__county__code"]
        if code is None:
            continue
        row = totals.setdefault(
            code,
            {
                "county": code,
                "name": r["town__county__name"],
                "count": 0,
                "deaths": 0,
                "_p": r["town__county__path"],
            },
        )
        row["count"] += r["n"]
        row["deaths"] += r["d"] or 0
    rows = sorted(totals.values(), key=lambda r: (-r["count"], -r["deaths"], r["_p"]))
    return [{k: v for k, v in r.items() if k != "_p"} for r in rows]


def monthly_trend(
    *, actor, year: int, town: str = "", sector: str = "", through_month: int = 12
) -> dict:
    """Accidents and deaths per month of `year` and of the year before (one query)."""
    qs = stats_queryset(actor=actor, town=town, sector=sector)
    start = Period(year - 1, "year").bounds()[0]
    end = Period(year, "year").bounds()[1]
    rows = (
        qs.between(start, end)
        .annotate(month=TruncMonth("occurred_at", tzinfo=local_zone()))
        .order_by()
        .values("month")
        .annotate(n=Count("id"), d=Coalesce(Sum("deaths"), 0))
    )
    data = {year - 1: ([0] * 12, [0] * 12), year: ([0] * 12, [0] * 12)}
    for r in rows:
        month = r["month"]
        if isinstance(month, dt.datetime):
            month = month.astimezone(local_zone()) if month.tzinfo else month
        counts, deaths = data[month.year]
        counts[month.month - 1] = r["n"]
        deaths[month.month - 1] = r["d"]
    months = list(range(1, 13))
    return {
        "year": year,
        "months": months,
        "count": data[year][0][:through_month],
        "deaths": data[year][1][:through_month],
        "previous_count": data[year - 1][0],
        "previous_deaths": data[year - 1][1],
    }
