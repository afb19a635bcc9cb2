"""The leader's cockpit (领导驾驶舱, ux.md §4): every figure read through the areas' selectors,
scoped to the user, so the accident figures are exactly those of the `stats/accidents/` API."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import Http404

from anjian.accidents.stats import accident_stats, monthly_trend, pct
from anjian.accounts.models import County
from anjian.alerts import selectors as alerts
from anjian.assessment import results as assessment_results
from anjian.core import clock
from anjian.core.periods import Period, period_of
from anjian.duty import calendar
from anjian.duty import selectors as duty
from anjian.duty.models import DutyShift
from anjian.hazards import selectors as hazards
from anjian.hazards.models import HazardGrade, HazardStatus
from anjian.registry.hazard_sources.selectors import major_sources
from anjian.risks import maps, rules
from anjian.risks import selectors as risks

COMING = 3  # holidays and seasons shown ahead


@dataclass
class Season:
    name: str
    start: dt.date
    end: dt.date
    work: list
    holiday: bool


@dataclass
class Cockpit:
    today: dt.date
    month: Period
    year: Period
    month_stats: dict
    year_to_date: dict
    trend: dict
    year_stats: dict
    major_hazards: list
    map: dict
    map_counts: dict
    warnings: list
    on_duty: list
    coming: list[Season]
    # (period code, month number, accidents) for each month so far: links under the trend.
    months: list = field(default_factory=list)
    # The assessment standings (issue 11): the lead wires `assessment` results in here.
    assessment_ranking: list | None = field(default=None)


def year_to_date(trend: dict) -> dict:
    """This year's months so far against the same months of last year (from `monthly_trend`)."""
    n = len(trend["count"])
    count, deaths = sum(trend["count"]), sum(trend["deaths"])
    p_count, p_deaths = sum(trend["previous_count"][:n]), sum(trend["previous_deaths"][:n])
    return {
        "months": n,
        "count": count,
        "deaths": deaths,
        "previous": {"count": p_count, "deaths": p_deaths},
        "change": {
            "count": count - p_count,
            "count_pct": pct(count, p_count),
            "deaths": deaths - p_deaths,
            "deaths_pct": pct(deaths, p_deaths),
        },
    }


def _map(actor) -> tuple[dict, dict]:
    """Red (major) risks and major hazard sources on the four-colour map's drawing."""
    data = risks.map_data(actor=actor)
    major = rules.LEVEL_RANK[rules.MAJOR]
    red = dataclasses.replace(
        data,
        enterprises=[e for e in data.enterprises if e["top"] == major],
        public_points=[p for p in data.public_points if p["level"] == rules.MAJOR],
    )
    sources = list(
        major_sources(actor=actor)
        .filter(enterprise__lng__isnull=False, enterprise__lat__isnull=False)
        .values("pk", "name", "level", "enterprise__name", "enterprise__lng", "enterprise__lat")
    )
    county = County.objects.first()
    centre = (float(county.lng), float(county.lat)) if county and county.lng else None
    counts = {
        "enterprises": data.enterprise_counts.major,
        "public": data.public_counts.major,
        "sources": len(sources),
    }
    return maps.build_map(red, centre=centre, hazard_sources=sources), counts


def _coming(today: dt.date) -> list[Season]:
    """The next holidays and the seasons under way or next, each with the county's work."""
    rows = [
        Season(h.name, h.start, h.end, calendar.work_for(h.name, holiday=True), True)
        for h in calendar.holidays_from(today)[:COMING]
    ]
    ranges = calendar.season_ranges(today.year) + calendar.season_ranges(today.year + 1)
    seasons = sorted((r for r in ranges if r.end >= today), key=lambda r: r.start)[:COMING]
    rows += [
        Season(
            r.season.name, r.start, r.end, calendar.work_for(r.season.name, holiday=False), False
        )
        for r in seasons
    ]
    return sorted(rows, key=lambda s: s.start)


def cockpit_for(*, actor) -> Cockpit:
    today, now = clock.today(), clock.now()
    month = period_of(today)
    year = Period(today.year, "year")
    trend = monthly_trend(actor=actor, year=today.year, through_month=today.month)
    major = (
        hazards.hazard_list(actor=actor, grade=HazardGrade.MAJOR)
        .exclude(status=HazardStatus.CLOSED)
        .order_by("deadline", "pk")
    )
    major_hazards = [
        {
            "hazard": h,
            "days": (h.deadline - today).days,
            "late": (today - h.deadline).days,
            "overdue": h.deadline < today,
        }
        for h in major
    ]
    in_force = alerts.alert_list(actor=actor).filter(valid_from__lte=now, valid_to__gt=now)
    shifts = (
        DutyShift.objects.filter(
            roster__in=duty.roster_list(actor=actor).values("pk"),
            starts_at__lte=now,
            ends_at__gt=now,
        )
        .select_related("roster__town", "roster__department")
        .order_by("roster__unit_kind", "roster__town__ordering", "roster__department__code")
    )
    drawing, counts = _map(actor)
    return Cockpit(
        today=today,
        month=month,
        year=year,
        month_stats=accident_stats(actor=actor, period=month),
        year_to_date=year_to_date(trend),
        trend=trend,
        year_stats=accident_stats(actor=actor, period=year),
        major_hazards=major_hazards,
        map=drawing,
        map_counts=counts,
        warnings=list(in_force),
        on_duty=list(shifts),
        coming=_coming(today),
        months=[(f"{today.year}-{m:02d}", m, n) for m, n in enumerate(trend["count"], start=1)],
        assessment_ranking=_ranking(actor, today.year),
    )


def _ranking(actor, year: int) -> list[dict]:
    """The year's assessment ranking (live until published), best first."""
    try:
        rows, _published = assessment_results.results_for(actor=actor, year=year)
    except (PermissionDenied, Http404):
        return []
    return sorted(rows, key=lambda r: r["rank"])
