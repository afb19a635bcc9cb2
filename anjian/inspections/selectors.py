"""Reads of checklists, inspections and campaigns, always through the caller's jurisdiction.

The checklist library is the same for everyone; inspections are scoped like any record; a
campaign is visible to a unit when some of its targets lie in the unit's jurisdiction, and the
unit sees only that part of it (progress: `progress.py`).
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from anjian.accounts.units import Unit
from anjian.core.scoping import get_in_scope, scope_queryset
from anjian.inspections.models import (
    Campaign,
    CampaignTarget,
    Checklist,
    ChecklistItem,
    Inspection,
    InspectionKind,
    InspectionResult,
)


def checklist_list(*, actor, active: bool | None = None, sector: str = "") -> QuerySet:
    """The checklist library (not scoped: every user may read it)."""
    qs = Checklist.objects.select_related("sector")
    if active is not None:
        qs = qs.filter(active=active)
    if sector:
        qs = qs.filter(sector__code=sector)
    return qs


def checklist_get(*, actor, pk) -> Checklist:
    return get_object_or_404(Checklist.objects.select_related("sector"), pk=pk)


def checklist_item_get(*, actor, pk) -> ChecklistItem:
    return get_object_or_404(ChecklistItem.objects.select_related("checklist"), pk=pk)


def checklists_for(*, enterprise) -> QuerySet:
    """Active checklists usable at an enterprise: its sector's first, then the general ones."""
    from django.db.models import Case, IntegerField, Q, Value, When

    return (
        Checklist.objects.filter(active=True)
        .filter(Q(sector=enterprise.sector_id) | Q(sector__isnull=True))
        .annotate(
            rank=Case(
                When(sector=enterprise.sector_id, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "code")
    )


def inspection_list(
    *,
    actor,
    town: str = "",
    sector: str = "",
    kind: str = "",
    campaign: int | None = None,
    enterprise: int | None = None,
    checklist: int | None = None,
    inspected_after: dt.date | None = None,
    inspected_before: dt.date | None = None,
    q: str = "",
) -> QuerySet:
    """The inspections the actor may see, newest first (town/sector by code).

    The list page and the API both read here, with the same filter names.
    """
    qs = scope_queryset(Inspection.objects.all(), actor)
    if checklist:
        qs = qs.filter(checklist_id=checklist)
    if inspected_after:
        qs = qs.filter(inspected_on__gte=inspected_after)
    if inspected_before:
        qs = qs.filter(inspected_on__lte=inspected_before)
    if town:
        qs = qs.filter(town__code=town)
    if sector:
        qs = qs.filter(sector__code=sector)
    if kind in InspectionKind.values:
        qs = qs.filter(kind=kind)
    if campaign:
        qs = qs.filter(campaign_id=campaign)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    return qs.search(q).select_related(
        "enterprise", "town", "sector", "checklist", "campaign", "unit_town", "unit_department"
    )


def inspection_get_for(*, actor, pk) -> Inspection:
    """One inspection with its results and their hazards, or 404 outside the actor's scope."""
    results = InspectionResult.objects.select_related("item", "hazard").order_by("item__number")
    qs = Inspection.objects.select_related(
        "enterprise",
        "town",
        "sector",
        "checklist",
        "campaign",
        "unit_town",
        "unit_department",
    ).prefetch_related(Prefetch("results", queryset=results))
    return get_in_scope(qs, actor, pk=pk)


def _visible_campaigns(actor) -> QuerySet:
    qs = Campaign.objects.all()
    unit = Unit.of(actor)
    if unit is not None and unit.is_county_wide:
        return qs
    targets = scope_queryset(CampaignTarget.objects.filter(campaign=OuterRef("pk")), actor)
    return qs.filter(Exists(targets))


def campaign_list(*, actor, kind: str = "") -> QuerySet:
    """The campaigns with some target in the actor's jurisdiction, newest first."""
    qs = _visible_campaigns(actor).select_related("checklist")
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def campaign_get_for(*, actor, pk) -> Campaign:
    """One campaign, or 404 when none of its targets lies in the actor's jurisdiction."""
    return get_object_or_404(_visible_campaigns(actor).select_related("checklist"), pk=pk)


def campaign_targets(*, actor, campaign: Campaign) -> QuerySet:
    """The campaign's targets in the actor's jurisdiction."""
    return scope_queryset(CampaignTarget.objects.filter(campaign=campaign), actor)


def inspected_enterprise_ids(campaign: Campaign, *, kind: str = InspectionKind.INSPECTION):
    """Subquery: the enterprises with an inspection of `kind` in the campaign."""
    return Inspection.objects.filter(campaign=campaign, kind=kind).values("enterprise_id")


def campaign_pending_targets(*, actor, campaign: Campaign) -> QuerySet:
    """The targets in the actor's jurisdiction not yet inspected by a government unit
    (what the county office chases by phone), by town and name."""
    return (
        campaign_targets(actor=actor, campaign=campaign)
        .exclude(enterprise_id__in=inspected_enterprise_ids(campaign))
        .select_related("enterprise__town", "enterprise__sector", "enterprise__department")
        .order_by("enterprise__town__ordering", "enterprise__town__code", "enterprise__name", "pk")
    )


def campaign_target_get_for(*, actor, pk) -> CampaignTarget:
    return get_in_scope(
        CampaignTarget.objects.select_related("enterprise", "campaign"), actor, pk=pk
    )
