"""`anjian sweep`, mines step: from the county's flood-season start (rule `mines.flood_season`,
default 04-01), a pond without a 汛前调洪演算 for the year becomes a hazard, once per pond and year
(domain-rules §12)."""

import datetime as dt

from django.utils import timezone

from anjian.core.rules import rule_value

from . import rules, services
from .models import FloodCheck, TailingsPond


def run(*, now: dt.datetime) -> dict[str, int]:
    today = timezone.localdate(now)
    start = rules.flood_season_start(today.year, rule_value("mines.flood_season", on=today))
    if not rules.flood_routing_missing(today=today, start=start, routed_on=None):
        return {"flood_routing_hazards": 0}
    # Ponds whose year is settled: the routing is recorded, or its hazard was raised already.
    settled = (
        FloodCheck.objects.filter(year=today.year)
        .exclude(routed_on__isnull=True, hazard__isnull=True)
        .values("pond_id")
    )
    raised = 0
    for pond in TailingsPond.objects.exclude(pk__in=settled).select_related("enterprise"):
        if services.flood_check_raise_hazard(pond=pond, year=today.year) is not None:
            raised += 1
    return {"flood_routing_hazards": raised}
