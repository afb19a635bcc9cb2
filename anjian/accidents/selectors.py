"""Reads of accidents, always through the caller's jurisdiction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from anjian.accidents import rules, stats
from anjian.accidents.models import Accident, AccidentRevision
from anjian.accounts.units import Unit
from anjian.core import clock
from anjian.core.periods import Period, PeriodError, parse_period
from anjian.core.permissions import has_permission
from anjian.core.rules import rule_value
from anjian.core.scoping import get_in_scope, scope_queryset


def period_filter(value: str) -> Period:
    """A `period` filter value (2024-03, 2024-Q1, 2024), or a Chinese error for the field."""
    try:
        return parse_period(value)
    except PeriodError as exc:
        raise ValidationError(stats.period_error(value)) from exc


def accident_list(
    *,
    actor,
    town: str = "",
    sector: str = "",
    grade: str = "",
    kind: str = "",
    period: Period | None = None,
    late: bool | None = None,
    accident_type: str = "",
    enterprise: int | None = None,
    q: str = "",
    department: str = "",
) -> QuerySet:
    """The accidents the actor may see, newest first (town/sector by code).

    The ledger page and the API both read here, with the same filter names.
    """
    qs = scope_queryset(Accident.objects.all(), actor)
    if town:
        qs = qs.filter(town__code=town)
    if department:  # in the department's sectors
        qs = qs.filter(sector__departments__code=department)
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
    if accident_type:
        qs = qs.filter(accident_type=accident_type)
    if enterprise is not None:
        qs = qs.filter(enterprise_id=enterprise)
    if q:
        qs = qs.search(q)
    return qs.select_related("town", "sector", "enterprise")


def accident_get_for(*, actor, pk) -> Accident:
    return get_in_scope(
        Accident.objects.select_related("town", "sector", "enterprise"), actor, pk=pk
    )


def revision_list(*, actor, accident: Accident) -> QuerySet:
    """An accident's 补报 and 续报, oldest first (the accident is already in scope)."""
    return scope_queryset(AccidentRevision.objects.filter(accident=accident), actor)


def supplementary_last_day(*, accident: Accident) -> dt.date:
    """The last calendar day of the 补报 window (it closes at 24:00 that day, Asia/Shanghai),
    by the version of the rule in force on the accident's day."""
    windows = rule_value(rules.SUPPLEMENTARY_RULE, on=accident.occurred_at)
    days = rules.revision_window_days(accident.sector.code, windows)
    end = rules.revision_window_end(occurred_at=accident.occurred_at, days=days)
    return timezone.localdate(end) - dt.timedelta(days=1)


def forwarding_status(*, accident: Accident, now: dt.datetime | None = None) -> list[dict]:
    """The chain upward (493号令 Art. 10): per level its due time, when the county forwarded
    it, when (and by whom) the receiving division received it, and whether it is late."""
    now = now or clock.now()
    rows = []
    for forward in accident.forwards.all():
        done = forward.received_at or forward.forwarded_at
        rows.append(
            {
                "level": forward.level,
                "label": forward.get_level_display(),
                "due": forward.due,
                "forward": forward,
                "forwarded_at": forward.forwarded_at,
                "received_at": forward.received_at,
                "received_by": forward.received_by,
                "late": (done > forward.due) if done else now > forward.due,
                "open": forward.forwarded_at is None,
            }
        )
    return rows


def receivable(*, actor, accident: Accident):
    """The forwarding entry the actor's division still has to receive (None: none)."""
    unit = Unit.of(actor)
    if unit is None or not has_permission(actor, "county_admin"):
        return None
    return accident.forwards.filter(level=unit.kind, received_at__isnull=True).first()
