"""Reads of the major hazard source register, always through the caller's jurisdiction."""

import datetime as dt

from django.db.models import Q, QuerySet

from anjian.core import clock
from anjian.core.scoping import get_in_scope, scope_queryset
from anjian.registry.hazard_sources import data as table
from anjian.registry.hazard_sources import rules
from anjian.registry.hazard_sources.models import MajorHazardSource

LEVELS = ("1", "2", "3", "4")


def hazard_source_list(
    *,
    actor,
    level: str = "",
    town: str = "",
    sector: str = "",
    enterprise: int | None = None,
    major: bool | None = None,
) -> QuerySet:
    """The sources the actor may see; the register page and the API filter with these names."""
    qs = scope_queryset(MajorHazardSource.objects.all(), actor)
    if level in LEVELS:
        qs = qs.filter(level=int(level))
    if town:
        qs = qs.filter(enterprise__town__code=town)
    if sector:
        qs = qs.filter(enterprise__sector__code=sector)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if major is True:
        qs = qs.filter(level__isnull=False)
    elif major is False:
        qs = qs.filter(level__isnull=True)
    return qs.select_related("enterprise__town", "enterprise__sector")


def hazard_source_get_for(*, actor, pk) -> MajorHazardSource:
    return get_in_scope(
        MajorHazardSource.objects.select_related("enterprise__town", "enterprise__sector"),
        actor,
        pk=pk,
    )


def major_sources(*, actor, town: str = "", sector: str = "") -> QuerySet:
    """The sources that are major (S ≥ 1), highest grade first: the watch-list and the map."""
    return hazard_source_list(actor=actor, town=town, sector=sector, major=True).order_by(
        "level", "-r", "pk"
    )


def hazard_sources_review_due(*, on: dt.date | None = None) -> list[MajorHazardSource]:
    """Every source whose 3-yearly review is due on or before `on` (the sweep; no scope)."""
    today = on or clock.today()
    candidates = MajorHazardSource.objects.filter(
        Q(filed_on__isnull=False) | Q(reviewed_on__isnull=False)
    ).select_related("enterprise")
    return [s for s in candidates if s.review_due and s.review_due <= today]


def computation(source: MajorHazardSource) -> list[dict]:
    """Each substance's line of the computation, with where its Q and β come from ("how")."""
    rows = []
    for line in source.lines():
        ref = table.lookup(line.name)
        from_table = ref is not None and float(ref.critical_t) == line.critical_t
        rows.append(
            {
                "name": line.name,
                "q": line.quantity_t,
                "Q": line.critical_t,
                "beta": line.beta,
                "ratio": round(line.ratio, 4),
                "weighted": round(line.beta * line.ratio, 4),
                "source": ref.table if from_table else "",
                "verified": ref.verified if from_table else True,
            }
        )
    return rows


def alpha_of(source: MajorHazardSource) -> float:
    return rules.alpha(source.people_within_500m)
