"""Reads of the crowded-places register, through the caller's jurisdiction."""

from django.db.models import QuerySet
from django.http import Http404

from anjian.core.scoping import get_in_scope, scope_queryset

from .models import CrowdedPlace, FireJudgement


def place_list(
    *,
    actor,
    town: str = "",
    place_type: str = "",
    crowded: bool | None = None,
    key_unit: bool | None = None,
    q: str = "",
) -> QuerySet:
    qs = scope_queryset(CrowdedPlace.objects.select_related("town"), actor)
    if town:
        qs = qs.filter(town__code=town)
    if place_type:
        qs = qs.filter(place_type=place_type)
    if crowded is not None:
        qs = qs.filter(crowded=crowded)
    if key_unit is not None:
        qs = qs.filter(key_unit=key_unit)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs


def place_get_for(*, actor, pk) -> CrowdedPlace:
    return get_in_scope(CrowdedPlace.objects.select_related("town"), actor, pk=pk)


def judgement_list(*, actor, place: int | None = None) -> QuerySet:
    places = scope_queryset(CrowdedPlace.objects.all(), actor).values("pk")
    qs = FireJudgement.objects.filter(place__in=places).select_related("place", "criterion")
    if place:
        qs = qs.filter(place_id=place)
    return qs


def judgement_get_for(*, actor, pk) -> FireJudgement:
    try:
        return judgement_list(actor=actor).get(pk=pk)
    except (FireJudgement.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
