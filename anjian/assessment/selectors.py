"""Reads of responsibility records, always through the caller's jurisdiction."""

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from anjian.accounts.models import Department, Sector
from anjian.accounts.units import Unit
from anjian.assessment import gaps
from anjian.assessment.models import (
    AccidentFinding,
    AccountabilityRecord,
    Responsibility,
    SectorDuty,
)
from anjian.core.scoping import get_in_scope, scope_queryset


def responsibility_list(*, actor, year: int | None = None, town: str = "", sector: str = "",
                        q: str = "") -> QuerySet:
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
    return (qs.distinct().select_related("user")
            .prefetch_related("sectors", "towns").order_by("-year", "id"))


def responsibility_get_for(*, actor, pk) -> Responsibility:
    return get_in_scope(Responsibility.objects.prefetch_related("sectors", "towns"), actor,
                        pk=pk)


def sector_matrix(*, actor) -> list[Sector]:
    """The department–sector matrix: every sector the actor covers, with `lead` (a department
    or None), `cooperating` (departments) and `departments` (v1: all that supervise it)."""
    unit = Unit.of(actor)
    duties = SectorDuty.objects.select_related("department")
    sectors = list(unit.sectors().prefetch_related(
        Prefetch("duties", queryset=duties, to_attr="duty_rows"),
        Prefetch("departments", queryset=Department.objects.all(), to_attr="department_rows")))
    for sector in sectors:
        sector.lead = next((d.department for d in sector.duty_rows if d.part == "lead"), None)
        sector.cooperating = [d.department for d in sector.duty_rows if d.part == "cooperate"]
    return sectors


def finding_list(*, actor, accident) -> QuerySet:
    """An accident's findings (the accident is already in scope)."""
    return scope_queryset(AccidentFinding.objects.filter(accident=accident), actor)


def accountability_list(*, actor, year: int | None = None, unit: str = "",
                        kind: str = "") -> QuerySet:
    """Accountability records the actor may see: those about its own unit and about the
    enterprises in its jurisdiction. `unit` is a town or department code or an enterprise id."""
    qs = AccountabilityRecord.objects.all()
    acting = Unit.of(actor)
    if acting is None:
        return qs.none()
    if not acting.is_county_wide:
        qs = qs.filter(acting.own_q() | acting.scope_q(AccountabilityRecord.ENTERPRISE_SCOPE))
    if year is not None:
        qs = qs.filter(date__year=year)
    if unit:
        qs = qs.filter(town__code=unit) | qs.filter(department__code=unit) | (
            qs.filter(enterprise_id=int(unit)) if unit.isdigit() else qs.none())
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("town", "department", "enterprise", "accident", "hazard")


def supervision_gap_list(*, actor, today: dt.date | None = None) -> list[gaps.Gap]:
    """The supervision gaps in the actor's jurisdiction (computed, never stored)."""
    unit = Unit.of(actor)
    if unit is None:
        return []
    return gaps.supervision_gaps(unit=unit, today=today or timezone.localdate())
