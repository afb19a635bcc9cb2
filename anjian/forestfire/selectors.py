"""Reads of the forest-fire register, always through the caller's unit (core.scoping).

A watch area's `patrols_required` for a day comes from `rules.patrols_required` with the day's
fire-danger level of its town and the work calendar's holiday; `patrols_done` counts the
patrols logged that day; the difference is its `gap` (§11, like an uncovered duty roster).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from anjian.core import clock
from anjian.core.rules import rule_value
from anjian.core.scoping import scope_queryset
from anjian.duty.calendar import UnsupportedYear, year_calendar

from . import rules
from .models import FieldFirePermit, FireDanger, ForestFire, Patrol, PermitStatus, WatchArea


def _get(qs: QuerySet, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def day_window(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_default_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return start, start + dt.timedelta(days=1)


def holiday_on(day: dt.date) -> str | None:
    """The work calendar's holiday (statutory or local) covering `day`, by name."""
    try:
        holidays = year_calendar(day.year, full=False).holidays
    except UnsupportedYear:
        return None
    for holiday in holidays:
        if holiday.start <= day <= holiday.end:
            return holiday.name
    return None


# --- fires --------------------------------------------------------------------------------


def fire_list(*, actor, town: str = "", year: int | None = None) -> QuerySet:
    qs = scope_queryset(ForestFire.objects.select_related("town"), actor)
    if town:
        qs = qs.filter(town__code=town)
    if year:
        qs = qs.filter(started_at__year=year)
    return qs.order_by("-started_at", "-id")


def fire_get_for(*, actor, pk) -> ForestFire:
    return _get(fire_list(actor=actor), pk)


# --- fire danger --------------------------------------------------------------------------


def danger_list(*, actor, town: str = "", date: dt.date | None = None) -> QuerySet:
    """Fire-danger levels are county-wide public information: every role reads every town."""
    qs = FireDanger.objects.select_related("town")
    if town:
        qs = qs.filter(town__code=town)
    if date:
        qs = qs.filter(date=date)
    return qs.order_by("-date", "town__ordering", "town_id")


def levels_on(day: dt.date) -> dict[int, int]:
    """{town id: level} for a day (one query)."""
    return dict(FireDanger.objects.filter(date=day).values_list("town_id", "level"))


def fire_ban_towns(day: dt.date | None = None) -> list:
    """The towns under a 禁火 (level 5) today."""
    day = day or clock.today()
    return [
        d.town
        for d in FireDanger.objects.filter(date=day, level__gte=5).select_related("town")
        if rules.fire_ban(d.level)
    ]


# --- field-fire approvals --------------------------------------------------------------------


def permit_status(permit: FieldFirePermit, *, levels: dict[int, int], day: dt.date) -> str:
    """The status shown: an approval is void on a day its town's level reaches the void level."""
    if permit.status == PermitStatus.APPROVED and rules.permit_void(
        level=levels.get(permit.town_id),
        void_at_level=rule_value("forestfire.permit_void_level", day),
    ):
        return PermitStatus.VOID
    return permit.status


def permit_list(*, actor, town: str = "", status: str = "") -> QuerySet:
    qs = scope_queryset(FieldFirePermit.objects.select_related("town"), actor)
    if town:
        qs = qs.filter(town__code=town)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-starts_at", "-id")


def permit_get_for(*, actor, pk) -> FieldFirePermit:
    return _get(permit_list(actor=actor), pk)


# --- watch areas and patrols ----------------------------------------------------------------


def area_list(
    *,
    actor,
    town: str = "",
    open: bool | None = None,
    gap: bool | None = None,
    day: dt.date | None = None,
):
    """Watch areas with the day's (today's) `patrols_done` (annotated) and `level` of their
    town; call `with_requirements` on the rows for `patrols_required` and `gap`."""
    today = day or clock.today()
    start, end = day_window(today)
    qs = scope_queryset(WatchArea.objects.select_related("town", "source_fire"), actor).annotate(
        patrols_done=Count("patrols", filter=Q(patrols__at__gte=start, patrols__at__lt=end)),
        level=Subquery(
            FireDanger.objects.filter(town=OuterRef("town"), date=today).values("level")[:1],
            output_field=IntegerField(),
        ),
    )
    if town:
        qs = qs.filter(town__code=town)
    if open is True:
        qs = qs.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=today))
    elif open is False:
        qs = qs.filter(closed_on__lte=today)
    qs = qs.order_by("town__ordering", "name", "id")
    if gap is not None:
        rows = with_requirements(list(qs), today)
        ids = [a.pk for a in rows if (a.gap > 0) == gap]
        qs = qs.filter(pk__in=ids)
    return qs


def with_requirements(areas: list[WatchArea], day: dt.date | None = None) -> list[WatchArea]:
    """Set `patrols_required` and `gap` on annotated areas for `day` (today): one holiday
    lookup and one rule read for the whole list."""
    day = day or clock.today()
    rule = rule_value("forestfire.patrols", day)
    holiday = holiday_on(day)
    for area in areas:
        area.patrols_required = rules.patrols_required(
            level=getattr(area, "level", None),
            holiday=holiday,
            rule=rule,
            in_season=area.open_on(day),
        )
        area.gap = max(0, area.patrols_required - area.patrols_done)
    return areas


def area_get_for(*, actor, pk) -> WatchArea:
    area = _get(area_list(actor=actor), pk)
    return with_requirements([area])[0]


def area_days(area: WatchArea, *, first: dt.date, last: dt.date) -> list[dict]:
    """Day by day from `first` to `last`: required, done and gap (the area page's table)."""
    start, _ = day_window(first)
    _, end = day_window(last)
    done: dict[dt.date, int] = {}
    for at in area.patrols.filter(at__gte=start, at__lt=end).values_list("at", flat=True):
        local = timezone.localdate(at)
        done[local] = done.get(local, 0) + 1
    levels = dict(
        FireDanger.objects.filter(town=area.town_id, date__gte=first, date__lte=last).values_list(
            "date", "level"
        )
    )
    days = []
    day = first
    while day <= last:
        holiday = holiday_on(day)
        required = rules.patrols_required(
            level=levels.get(day),
            holiday=holiday,
            rule=rule_value("forestfire.patrols", day),
            in_season=area.open_on(day),
        )
        count = done.get(day, 0)
        days.append(
            {"date": day, "required": required, "done": count, "gap": max(0, required - count),
             "level": levels.get(day), "holiday": holiday}
        )  # fmt: skip
        day += dt.timedelta(days=1)
    return days


def patrol_list(*, actor, area: int | None = None, date: dt.date | None = None) -> QuerySet:
    qs = scope_queryset(Patrol.objects.select_related("area", "area__town"), actor)
    if area:
        qs = qs.filter(area_id=area)
    if date:
        start, end = day_window(date)
        qs = qs.filter(at__gte=start, at__lt=end)
    return qs.order_by("-at", "-id")


def patrol_get_for(*, actor, pk) -> Patrol:
    return _get(patrol_list(actor=actor), pk)
