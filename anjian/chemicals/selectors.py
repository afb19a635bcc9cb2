"""Reads of chemical inventories, through the caller's jurisdiction."""

from django.db.models import QuerySet

from anjian.core.scoping import get_in_scope, scope_queryset

from . import rules
from .models import ChemicalStock


def stock_list(
    *, actor, enterprise: int | None = None, tag: str = "", town: str = "", q: str = ""
) -> QuerySet:
    qs = scope_queryset(ChemicalStock.objects.select_related("enterprise"), actor)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if tag in rules.TAGS:
        qs = qs.filter(tags__contains=tag) if _json_contains() else qs.filter(tags__icontains=tag)
    if town:
        qs = qs.filter(enterprise__town__code=town)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs


def _json_contains() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def stock_get_for(*, actor, pk) -> ChemicalStock:
    return get_in_scope(ChemicalStock.objects.select_related("enterprise"), actor, pk=pk)
