"""Jurisdiction: the one mechanism that scopes every read by the caller's unit.

A town officer sees its town (属地管理), a department officer its sectors county-wide (管行业必须管
安全), an enterprise user its own enterprise, the county admin and the leader everything.
Every scoped model names the lookups that lead to its town, sector and enterprise in a class
attribute `SCOPE`; records without an enterprise (public places) are invisible to enterprise users.
Records that units keep (`UnitRecord`: duty, warning recipients, publicity, channels) are seen by
the unit that keeps them (and, per model, by the units below it or in whose jurisdiction they
lie). What each unit sees is the unit's business: `anjian.accounts.units`. A request with
`?division=CODE` narrows every read further to that division (`core.divisions`).
"""

from django.db import models
from django.http import Http404

from anjian.accounts.units import Scope, Unit, UnitRecord, department_sector_ids
from anjian.core.divisions import area

__all__ = ["Scope", "department_sector_ids", "get_in_scope", "in_scope", "scope_queryset"]


def scope_queryset(queryset: models.QuerySet, user) -> models.QuerySet:
    """Narrow `queryset` to what `user` may see (empty for anyone without a unit)."""
    unit = Unit.of(user)
    if unit is None:
        return queryset.none()
    narrowed = area(user)
    if narrowed is not None:
        queryset = _narrow(queryset, narrowed)
    if unit.is_county_wide:
        return queryset
    return _narrow(queryset, unit)


def _narrow(queryset: models.QuerySet, unit: Unit) -> models.QuerySet:
    if issubclass(queryset.model, UnitRecord):
        return queryset.filter(unit.records_q(queryset.model))
    return queryset.filter(unit.scope_q(queryset.model.SCOPE))


def get_in_scope(queryset: models.QuerySet, user, **lookup) -> models.Model:
    """One record in the caller's scope, or 404 (never a hint that it exists elsewhere)."""
    try:
        return scope_queryset(queryset, user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def in_scope(
    user, *, town_id: int | None, sector_id: int | None, enterprise_id: int | None = None
) -> bool:
    """Whether a record with these keys lies in the caller's scope (checks on writes)."""
    unit = Unit.of(user)
    return unit is not None and unit.covers(
        town_id=town_id, sector_id=sector_id, enterprise_id=enterprise_id
    )
