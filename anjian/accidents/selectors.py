"""Reads of accidents, always through the caller's jurisdiction."""

import datetime as dt

from django.db.models import QuerySet

from anjian.accidents import rules
from anjian.accidents.models import Accident, AccidentRevision
from anjian.core import clock
from anjian.core.periods import Period
from anjian.core.scoping import get_in_scope, scope_queryset


def accident_list(*, actor, town: str = "", sector: str = "", grade: str = "", kind: str = "",
                  period: Period | None = None, late: bool | None = None,
                  q: str = "") -> QuerySet:
    """The accidents the actor may see, newest first (town/sector by code)."""
    qs = scope_queryset(Accident.objects.all(), actor)
    if town:
        qs = qs.filter(town__code=town)
    if sector:
        qs = qs.filter(sector__code=sector)
    if grade:
        qs = qs.filter(grade=grade)
    if kind:
        qs = qs.filter(kind=kind)
    if period is not None:
        qs = qs.between(*period.bounds())
    if late is not None:
        qs = qs.filter(report_late=late)
    if q:
        qs = qs.search(q)
    return qs.select_related("town", "sector", "enterprise")


def accident_get_for(*, actor, pk) -> Accident:
    return get_in_scope(Accident.objects.select_related("town", "sector", "enterprise"), actor,
                        pk=pk)


def revision_list(*, actor, accident: Accident) -> QuerySet:
    """An accident's 补报 and 续报, oldest first (the accident is already in scope)."""
    return scope_queryset(AccidentRevision.objects.filter(accident=accident), actor)


def forwarding_status(*, accident: Accident, now: dt.datetime | None = None) -> list[dict]:
    """Each level the county must forward to: due time, when done, and whether it was late."""
    now = now or clock.now()
    done = {f.level: f for f in accident.forwards.all()}
    rows = []
    for level, due in rules.forwarding_deadlines(grade=accident.grade,
                                                 reported_at=accident.reported_at):
        forward = done.get(level)
        at = forward.forwarded_at if forward else None
        rows.append({
            "level": level, "due": due, "forward": forward, "forwarded_at": at,
            "late": (at > due) if at else now > due, "open": forward is None,
        })
    return rows
