"""The watch-list's pond entries (contract `watch-list/`, reasons `overhead_pond` and
`dangerous_pond`), listed in `anjian.hooks.WATCH_LIST_SOURCES`.

Each entry: {"enterprise" (the Enterprise), "reason", "since", "last_inspection", "inspection_due", "overdue"}.
The county inspects every head-top pond and every 危/险/病 pond at least every
`mines.pond_inspection_days["normal"]` days, and every `["flood_season"]` days in the flood
season (`mines.flood_season`), both versioned defaults (domain-rules §12)."""

import datetime as dt

from django.db.models import Max, Q
from django.utils import timezone

from anjian.core import clock
from anjian.core.rules import rule_value
from anjian.inspections.models import Inspection, InspectionKind

from .models import SafetyDegree
from .selectors import pond_list

WATCHED_DEGREES = (SafetyDegree.DANGEROUS, SafetyDegree.RISKY)


def in_flood_season(day: dt.date) -> bool:
    season = rule_value("mines.flood_season", on=day)
    start = dt.date.fromisoformat(f"{day.year}-{season['start']}")
    end = dt.date.fromisoformat(f"{day.year}-{season['end']}")
    return start <= day <= end if start <= end else (day >= start or day <= end)


def inspection_interval(day: dt.date) -> int:
    days = rule_value("mines.pond_inspection_days", on=day)
    return days["flood_season"] if in_flood_season(day) else days["normal"]


def watch_entries(*, actor, today: dt.date | None = None) -> list[dict]:
    """The units the county watches for their ponds, one entry per unit and reason (a unit with
    two head-top ponds is listed once, since the earlier one), in the actor's scope."""
    today = today or clock.today()
    interval = inspection_interval(today)
    ponds = list(
        pond_list(actor=actor)
        .filter(Q(overhead=True) | Q(safety_degree__in=WATCHED_DEGREES))
        .order_by("enterprise_id", "pk")
    )
    last = dict(
        Inspection.objects.filter(
            enterprise_id__in={p.enterprise_id for p in ponds}, kind=InspectionKind.INSPECTION
        )
        .values("enterprise_id")
        .annotate(last=Max("inspected_on"))
        .values_list("enterprise_id", "last")
    )
    entries: dict[tuple[int, str], dict] = {}
    for pond in ponds:
        reasons = []
        if pond.overhead:
            reasons.append(("overhead_pond", timezone.localdate(pond.created_at)))
        if pond.safety_degree in WATCHED_DEGREES:
            reasons.append(
                ("dangerous_pond", pond.assessed_on or timezone.localdate(pond.created_at))
            )
        last_inspection = last.get(pond.enterprise_id)
        due = (last_inspection + dt.timedelta(days=interval)) if last_inspection else today
        for reason, since in reasons:
            key = (pond.enterprise_id, reason)
            if key in entries:
                entries[key]["since"] = min(entries[key]["since"], since)
                continue
            entries[key] = {
                "enterprise": pond.enterprise,
                "reason": reason,
                "since": since,
                "last_inspection": last_inspection,
                "inspection_due": due,
                "overdue": last_inspection is None or due < today,
            }
    return list(entries.values())
