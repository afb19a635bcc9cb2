"""Reads of responsibility records, always through the caller's jurisdiction."""

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet

from anjian.accounts.models import Department, Sector
from anjian.accounts.units import Unit
from anjian.assessment import gaps
from anjian.assessment.models import (
    AccidentFinding,
    AccountabilityRecord,
    FiveInPlace,
    FiveInPlaceEvidence,
    FiveItem,
    Responsibility,
    SafetyPosition,
    SectorDuty,
)
from anjian.core import clock
from anjian.core.scoping import get_in_scope, scope_queryset


def responsibility_list(
    *, actor, year: int | None = None, town: str = "", sector: str = "", q: str = ""
) -> QuerySet:
    """Leaders' assignments the actor may see (a town: those naming it; a department: those
    naming one of its sectors), newest year first; town/sector by code."""
    qs = scope_queryset(Responsibility.objects.all(), actor)
    if year is not None:
        qs = qs.filter(year=year)
    if town:
        qs = qs.filter(town_links__town__code=town)
    if sector:
        qs = qs.filter(sector_links__sector__code=sector)
    if q:
        qs = qs.filter(person__icontains=q)
    return (
        qs.distinct()
        .select_related("user")
        .prefetch_related("sectors", "towns")
        .order_by("-year", "id")
    )


def responsibility_get_for(*, actor, pk) -> Responsibility:
    return get_in_scope(Responsibility.objects.prefetch_related("sectors", "towns"), actor, pk=pk)


def sector_matrix(*, actor) -> list[Sector]:
    """The department–sector matrix: every sector the actor covers, with `lead` (a department
    or None), `cooperating` (departments) and `departments` (v1: all that supervise it)."""
    unit = Unit.of(actor)
    duties = SectorDuty.objects.select_related("department")
    sectors = list(
        unit.sectors().prefetch_related(
            Prefetch("duties", queryset=duties, to_attr="duty_rows"),
            Prefetch("departments", queryset=Department.objects.all(), to_attr="department_rows"),
        )
    )
    for sector in sectors:
        sector.lead = next((d.department for d in sector.duty_rows if d.part == "lead"), None)
        sector.cooperating = [d.department for d in sector.duty_rows if d.part == "cooperate"]
    return sectors


def finding_list(*, actor, accident) -> QuerySet:
    """An accident's findings (the accident is already in scope)."""
    return scope_queryset(AccidentFinding.objects.filter(accident=accident), actor)


def accountability_list(
    *, actor, year: int | None = None, unit: str = "", kind: str = ""
) -> QuerySet:
    """Accountability records the actor may see: those about its own unit and about the
    enterprises in its jurisdiction. `unit` is a town or department code or an enterprise id."""
    qs = AccountabilityRecord.objects.all()
    acting = Unit.of(actor)
    if acting is None:
        return qs.none()
    if not acting.is_county_wide:
        own = acting.own_q() if acting.kind in AccountabilityRecord.UNIT_KINDS else Q(pk__in=[])
        qs = qs.filter(own | acting.scope_q(AccountabilityRecord.ENTERPRISE_SCOPE))
    if year is not None:
        qs = qs.filter(date__year=year)
    if unit:
        qs = (
            qs.filter(town__code=unit)
            | qs.filter(department__code=unit)
            | (qs.filter(enterprise_id=int(unit)) if unit.isdigit() else qs.none())
        )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("town", "department", "enterprise", "accident", "hazard")


def supervision_gap_list(*, actor, today: dt.date | None = None) -> list[gaps.Gap]:
    """The supervision gaps in the actor's jurisdiction (computed, never stored)."""
    unit = Unit.of(actor)
    if unit is None:
        return []
    return gaps.supervision_gaps(unit=unit, today=today or clock.today())


# --- the enterprises' own lists ----------------------------------------------------------------


def safety_position_list(*, actor, enterprise: int | None = None) -> QuerySet:
    qs = scope_queryset(SafetyPosition.objects.all(), actor)
    if enterprise is not None:
        qs = qs.filter(enterprise_id=enterprise)
    return qs.select_related("enterprise")


def safety_position_get_for(*, actor, pk) -> SafetyPosition:
    return get_in_scope(SafetyPosition.objects.select_related("enterprise"), actor, pk=pk)


def five_in_place_list(*, actor, enterprise: int | None = None) -> QuerySet:
    qs = scope_queryset(FiveInPlace.objects.all(), actor)
    if enterprise is not None:
        qs = qs.filter(enterprise_id=enterprise)
    return qs.prefetch_related("evidence")


def five_in_place_checklist(*, actor, enterprise) -> list[FiveInPlace]:
    """The five items of an enterprise in scope, in order; an item never ticked is an unsaved
    row (not in place)."""
    rows = {r.item: r for r in five_in_place_list(actor=actor, enterprise=enterprise.pk)}
    return [
        rows.get(item) or FiveInPlace(enterprise=enterprise, item=item) for item in FiveItem.values
    ]


def five_evidence_get_for(*, actor, pk) -> FiveInPlaceEvidence:
    return get_in_scope(FiveInPlaceEvidence.objects.all(), actor, pk=pk)


def enterprise_list_overview(*, actor, q: str = "") -> QuerySet:
    """The units in scope with how many positions are signed and how many 五到位 items are in
    place (one query)."""
    from anjian.registry.models import Enterprise

    qs = scope_queryset(Enterprise.objects.all(), actor).search(q)
    return (
        qs.annotate(
            positions=Count("safety_positions", distinct=True),
            signed=Count(
                "safety_positions", filter=Q(safety_positions__signed=True), distinct=True
            ),
            in_place=Count("five_in_place", filter=Q(five_in_place__in_place=True), distinct=True),
        )
        .select_related("town", "sector")
        .order_by("town__ordering", "name")
    )
