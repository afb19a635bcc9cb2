"""The watch list (contract `watch-list/`): units that need unannounced checks, each from a
source listed in `anjian.hooks.WATCH_LIST_SOURCES`.

A source is `entries(*, actor, today) -> [{"enterprise", "reason", "since", "last_inspection",
"inspection_due"}]` (enterprise: the Enterprise row, within the actor's scope); `watch_list`
adds `overdue` and orders the rows. Fireworks gives `licence_expired` and `converted_follow_up`.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from anjian.core import clock
from anjian.core.hooks import resolve
from anjian.core.rules import rule_value
from anjian.core.scoping import scope_queryset
from anjian.inspections.models import Inspection
from anjian.registry.models import Enterprise, EnterpriseStatus

from . import rules
from .models import Conversion


def last_inspections(enterprise_ids) -> dict[int, dt.date]:
    """{enterprise id: date of its latest inspection} in one query."""
    return dict(
        Inspection.objects.filter(enterprise_id__in=list(enterprise_ids))
        .values("enterprise_id")
        .annotate(last=Max("inspected_on"))
        .values_list("enterprise_id", "last")
    )


def licence_expired(*, actor, today: dt.date) -> list[dict]:
    """Fireworks units still operating or suspended whose licences have all expired (§13):
    an unannounced check monthly, weekly from 腊月 to 正月十五."""
    plants = list(
        scope_queryset(Enterprise.objects.select_related("town"), actor)
        .filter(
            sector__code="fireworks",
            status__in=[EnterpriseStatus.OPERATING, EnterpriseStatus.SUSPENDED],
        )
        .annotate(latest=Max("licences__expires_on"))
        .filter(latest__lt=today)
    )
    last = last_inspections(p.pk for p in plants)
    rule = rule_value("fireworks.inspection_interval", today)
    rows = []
    for plant in plants:
        since = plant.latest + dt.timedelta(days=1)
        seen = last.get(plant.pk)
        rows.append(
            {
                "enterprise": plant,
                "reason": "licence_expired",
                "since": since,
                "last_inspection": seen,
                "inspection_due": rules.inspection_due(last=seen, since=since, rule=rule),
            }
        )
    return rows


def converted_follow_up(*, actor, today: dt.date) -> list[dict]:
    """Plants that converted or exited within the follow-up period: a check every quarter for a
    year (§13 "Follow-up"), against 复产."""
    rule = rule_value("fireworks.follow_up", today)
    exits = list(
        scope_queryset(Conversion.objects.select_related("enterprise__town"), actor)
        .filter(on__gte=today - dt.timedelta(days=31 * rule["months"]))
        .order_by("enterprise_id", "-on")
    )
    latest: dict[int, Conversion] = {}
    for record in exits:
        latest.setdefault(record.enterprise_id, record)
    last = last_inspections(latest)
    rows = []
    for record in latest.values():
        seen = last.get(record.enterprise_id)
        due = rules.follow_up_due(exited_on=record.on, last=seen, rule=rule)
        if due is None:
            continue
        rows.append(
            {
                "enterprise": record.enterprise,
                "reason": "converted_follow_up",
                "since": record.on,
                "last_inspection": seen if seen and seen >= record.on else None,
                "inspection_due": due,
            }
        )
    return rows


def watch_list(*, actor, reason: str = "", overdue: bool | None = None) -> list[dict]:
    """Every source's rows with `overdue` (the check is past due), most overdue first."""
    today = clock.today()
    rows = []
    for source in resolve("WATCH_LIST_SOURCES"):
        for row in source(actor=actor, today=today):
            row["overdue"] = row["inspection_due"] < today
            rows.append(row)
    if reason:
        rows = [r for r in rows if r["reason"] == reason]
    if overdue is not None:
        rows = [r for r in rows if r["overdue"] is overdue]
    return sorted(rows, key=lambda r: (r["inspection_due"], r["enterprise"].name, r["reason"]))
