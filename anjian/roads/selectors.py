"""Reads of road sections and school bus routes, through the caller's jurisdiction."""

from django.db.models import QuerySet

from anjian.core.scoping import get_in_scope, scope_queryset
from anjian.hazards.models import HazardStatus

from . import rules
from .models import RoadSection, SchoolBusRoute


def section_list(
    *,
    actor,
    town: str = "",
    kind: str = "",
    owner: str = "",
    open: bool | None = None,
    status: str = "",
) -> QuerySet:
    qs = scope_queryset(
        RoadSection.objects.select_related("town", "owner", "police", "hazard"), actor
    )
    if town:
        qs = qs.filter(town__code=town)
    if kind:
        qs = qs.filter(kind=kind)
    if owner:
        qs = qs.filter(owner__code=owner)
    if open is True:
        qs = qs.exclude(hazard__status=HazardStatus.CLOSED)
    elif open is False:
        qs = qs.filter(hazard__status=HazardStatus.CLOSED)
    if status in HazardStatus.values:
        qs = qs.filter(hazard__status=status)
    return qs


def section_get_for(*, actor, pk) -> RoadSection:
    return get_in_scope(
        RoadSection.objects.select_related("town", "owner", "police", "hazard"), actor, pk=pk
    )


def route_list(*, actor, town: str = "") -> QuerySet:
    qs = scope_queryset(SchoolBusRoute.objects.select_related("town"), actor)
    if town:
        qs = qs.filter(town__code=town)
    return qs


def route_get_for(*, actor, pk) -> SchoolBusRoute:
    return get_in_scope(SchoolBusRoute.objects.select_related("town"), actor, pk=pk)


def open_sections_by_road(roads) -> dict[str, list]:
    """The open dangerous sections on these roads (county-wide: a route crosses town lines)."""
    found: dict[str, list] = {}
    for section in RoadSection.objects.filter(road__in=set(roads)).exclude(
        hazard__status=HazardStatus.CLOSED
    ):
        found.setdefault(section.road, []).append(section)
    return found


def crossings(route: SchoolBusRoute, sections: dict[str, list] | None = None) -> list[int]:
    """The ids of the open dangerous sections the route's segments cross."""
    if sections is None:
        sections = open_sections_by_road(s["road"] for s in route.segments)
    hits = []
    for segment in route.segments:
        for section in sections.get(segment["road"], ()):
            if rules.overlaps(
                segment["from_km"], segment["to_km"], float(section.from_km), float(section.to_km)
            ):
                hits.append(section.pk)
    return sorted(set(hits))
