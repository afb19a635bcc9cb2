"""Reads of tailings ponds and their monitoring, always through the caller's jurisdiction."""

import datetime as dt

from django.db.models import (
    Case,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.http import Http404

from anjian.core import clock
from anjian.core.rules import rule_value
from anjian.core.scoping import get_in_scope, scope_queryset

from . import rules
from .models import (
    Blasting,
    FloodCheck,
    MinedOutArea,
    MinePlan,
    MonitoringPoint,
    PondReading,
    Quarry,
    SafetyDegree,
    TailingsPond,
    Treatment,
)


def pond_list(
    *,
    actor,
    town: str = "",
    enterprise: int | None = None,
    overhead: bool | None = None,
    safety_degree: str = "",
    pond_class: int | None = None,
    q: str = "",
) -> QuerySet:
    qs = scope_queryset(
        TailingsPond.objects.select_related("enterprise__town", "enterprise__sector"), actor
    )
    if town:
        qs = qs.filter(enterprise__town__code=town)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if overhead is not None:
        qs = qs.filter(overhead=overhead)
    if safety_degree in SafetyDegree.values:
        qs = qs.filter(safety_degree=safety_degree)
    if pond_class:
        qs = qs.filter(pond_class=pond_class)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs


def pond_alarms(pond_ids) -> dict[int, str | None]:
    """The current alarm of each pond (the §12 aggregation of `pond_status`) for many ponds in
    one query: each point's latest alarm through the (point, at) index, aggregated here."""
    counts = rule_value("mines.alarm_aggregation")
    latest = PondReading.objects.filter(point=OuterRef("pk")).order_by("-at")
    by_pond: dict[int, dict[str, list]] = {pk: {} for pk in pond_ids}
    rows = (
        MonitoringPoint.objects.filter(pond_id__in=pond_ids)
        .annotate(alarm=Subquery(latest.values("alarm")[:1]))
        .values_list("pond_id", "item", "alarm")
    )
    for pond_id, item, alarm in rows:
        by_pond.setdefault(pond_id, {}).setdefault(item, []).append(alarm)
    return {
        pond_id: rules.pond_alarm(
            [rules.item_alarm(levels, counts) for levels in items.values()], counts
        )
        for pond_id, items in by_pond.items()
    }


def pond_list_with_alarm(*, actor, alarm: str = "", **filters) -> QuerySet:
    """`pond_list`, narrowed to the ponds whose current alarm is `alarm` ("none": no alarm).
    The pages' filter; a county holds tens of ponds, so every pond in scope is judged."""
    qs = pond_list(actor=actor, **filters)
    if alarm not in (*rules.LEVELS, "none"):
        return qs
    levels = pond_alarms(list(qs.values_list("pk", flat=True)))
    wanted = None if alarm == "none" else alarm
    return qs.filter(pk__in=[pk for pk, level in levels.items() if level == wanted])


def pond_class_steps(pond: TailingsPond) -> dict:
    """How the pond's class was computed (§12): the class by V and by H on the bands in force,
    their combination, and the raise after 论证."""
    bands = rule_value("mines.pond_class_bands")
    by_v = rules.class_by_capacity(float(pond.total_capacity), bands)
    by_h = rules.class_by_height(float(pond.dam_height), bands)
    return {
        "by_v": by_v,
        "by_h": by_h,
        "combined": rules.combine(by_v, by_h),
        "raised": pond.class_raised,
        "bands": bands,
    }


def pond_get_for(*, actor, pk) -> TailingsPond:
    return get_in_scope(
        TailingsPond.objects.select_related("enterprise__town", "enterprise__sector", "hazard"),
        actor,
        pk=pk,
    )


def point_list(*, actor, pond: int | None = None) -> QuerySet:
    ponds = scope_queryset(TailingsPond.objects.all(), actor).values("pk")
    qs = MonitoringPoint.objects.filter(pond__in=ponds).select_related("pond__enterprise")
    if pond:
        qs = qs.filter(pond_id=pond)
    return qs


def point_get_for(*, actor, pk) -> MonitoringPoint:
    try:
        return point_list(actor=actor).get(pk=pk)
    except (MonitoringPoint.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def reading_list(
    *,
    actor,
    pond: int | None = None,
    point: int | None = None,
    item: str = "",
    alarm: str = "",
    after: dt.datetime | None = None,
    before: dt.datetime | None = None,
) -> QuerySet:
    ponds = scope_queryset(TailingsPond.objects.all(), actor).values("pk")
    qs = PondReading.objects.filter(pond__in=ponds).select_related("point")
    if pond:
        qs = qs.filter(pond_id=pond)
    if point:
        qs = qs.filter(point_id=point)
    if item:
        qs = qs.filter(item=item)
    if alarm in rules.LEVELS:
        qs = qs.filter(alarm=alarm)
    if after:
        qs = qs.filter(at__gte=after)
    if before:
        qs = qs.filter(at__lt=before)
    return qs.order_by("-at", "-id")


def reading_get_for(*, actor, pk) -> PondReading:
    try:
        return reading_list(actor=actor).get(pk=pk)
    except (PondReading.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def latest_points(pond_id: int) -> list[dict]:
    """Each point of the pond with its latest reading (one backward probe of the (point, at)
    index per point): `[{"point", "code", "item", "value", "at", "alarm"}]`."""
    latest = PondReading.objects.filter(point=OuterRef("pk")).order_by("-at")
    return list(
        MonitoringPoint.objects.filter(pond_id=pond_id)
        .annotate(
            value=Subquery(latest.values("value")[:1]),
            at=Subquery(latest.values("at")[:1]),
            alarm=Subquery(latest.values("alarm")[:1]),
        )
        .values("pk", "code", "item", "value", "at", "alarm")
        .order_by("item", "code")
    )


def pond_status(pond: TailingsPond) -> dict:
    """The pond's current alarm from each point's latest reading (§12 aggregation):
    `{"alarm", "items": {item: level}, "points": [...]}`."""
    counts = rule_value("mines.alarm_aggregation")
    points = latest_points(pond.pk)
    by_item: dict[str, list] = {}
    for row in points:
        by_item.setdefault(row["item"], []).append(row["alarm"])
    items = {item: rules.item_alarm(levels, counts) for item, levels in by_item.items()}
    return {
        "alarm": rules.pond_alarm(items.values(), counts),
        "items": items,
        "points": [
            {
                "point": row["pk"],
                "code": row["code"],
                "item": row["item"],
                "value": row["value"],
                "at": row["at"],
                "alarm": row["alarm"],
            }
            for row in points
        ],
    }


def pond_chart(pond: TailingsPond, *, item: str, days: int = 365) -> list[dict]:
    """A chart of one item over `days` up to now: per point and day the lowest and highest
    value and the worst alarm, aggregated in the database on the (pond, item, at) index."""
    end = clock.now()
    start = end - dt.timedelta(days=days)
    rows = (
        PondReading.objects.filter(pond_id=pond.pk, item=item, at__gte=start, at__lt=end)
        .annotate(day=TruncDate("at"))
        .values("point_id", "day")
        .annotate(low=Min("value"), high=Max("value"), worst=Max(ALARM_RANK))
        .order_by("point_id", "day")
    )
    return [
        {
            "point": row["point_id"],
            "day": row["day"],
            "low": row["low"],
            "high": row["high"],
            "alarm": rules.level_of(row["worst"] or 0),
        }
        for row in rows
    ]


ALARM_RANK = Case(
    *[When(alarm=level, then=Value(rank)) for level, rank in rules.RANK.items() if level],
    default=Value(0),
    output_field=IntegerField(),
)


# Flood-season checks -------------------------------------------------------------------------


def flood_check_list(*, actor, pond: int | None = None, year: int | None = None) -> QuerySet:
    qs = scope_queryset(
        FloodCheck.objects.select_related("pond__enterprise__town", "hazard"), actor
    )
    if pond:
        qs = qs.filter(pond_id=pond)
    if year:
        qs = qs.filter(year=year)
    return qs


def flood_check_get_for(*, actor, pk) -> FloodCheck:
    return get_in_scope(
        FloodCheck.objects.select_related("pond__enterprise__town", "hazard"), actor, pk=pk
    )


def flood_status(pond: TailingsPond, today: dt.date | None = None) -> dict:
    """The pond's 汛前检查 of this year: `{"year", "start", "check", "missing", "open_items"}`;
    `missing` is true from the season's start while no routing is recorded (§12)."""
    today = today or clock.today()
    start = rules.flood_season_start(today.year, rule_value("mines.flood_season", on=today))
    check = (
        FloodCheck.objects.filter(pond_id=pond.pk, year=today.year).select_related("hazard").first()
    )
    return {
        "year": today.year,
        "start": start,
        "check": check,
        "missing": rules.flood_routing_missing(
            today=today, start=start, routed_on=check.routed_on if check else None
        ),
        "open_items": rules.flood_check_open_items(check.checklist if check else {}),
    }


# Mined-out areas -----------------------------------------------------------------------------


def void_list(
    *, actor, town: str = "", enterprise: int | None = None, treatment: str = "", q: str = ""
) -> QuerySet:
    qs = scope_queryset(MinedOutArea.objects.select_related("enterprise__town", "hazard"), actor)
    if town:
        qs = qs.filter(enterprise__town__code=town)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if treatment in Treatment.values:
        qs = qs.filter(treatment=treatment)
    if q:
        qs = qs.filter(Q(location__icontains=q) | Q(enterprise__name__icontains=q))
    return qs


def void_get_for(*, actor, pk) -> MinedOutArea:
    return get_in_scope(
        MinedOutArea.objects.select_related("enterprise__town", "hazard"), actor, pk=pk
    )


# Small quarries ------------------------------------------------------------------------------


def quarry_list(
    *,
    actor,
    town: str = "",
    enterprise: int | None = None,
    blasting: str = "",
    expired: bool | None = None,
    q: str = "",
) -> QuerySet:
    qs = scope_queryset(Quarry.objects.select_related("enterprise__town", "hazard"), actor)
    if town:
        qs = qs.filter(enterprise__town__code=town)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if blasting in Blasting.values:
        qs = qs.filter(blasting=blasting)
    if expired is not None:
        today = clock.today()
        qs = qs.filter(expires_on__lt=today) if expired else qs.filter(expires_on__gte=today)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(enterprise__name__icontains=q))
    return qs


def quarry_get_for(*, actor, pk) -> Quarry:
    return get_in_scope(Quarry.objects.select_related("enterprise__town", "hazard"), actor, pk=pk)


# 一矿一策 ------------------------------------------------------------------------------------


def plan_list(
    *,
    actor,
    town: str = "",
    enterprise: int | None = None,
    overdue: bool | None = None,
    q: str = "",
) -> QuerySet:
    qs = scope_queryset(MinePlan.objects.select_related("enterprise__town"), actor)
    if town:
        qs = qs.filter(enterprise__town__code=town)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if overdue is not None:
        today = clock.today()
        qs = qs.filter(review_on__lt=today) if overdue else qs.filter(review_on__gte=today)
    if q:
        qs = qs.filter(Q(enterprise__name__icontains=q) | Q(risks__icontains=q))
    return qs


def plan_get_for(*, actor, pk) -> MinePlan:
    return get_in_scope(MinePlan.objects.select_related("enterprise__town"), actor, pk=pk)
