"""Jurisdiction: the one mechanism that scopes every read by the caller's unit.

A town officer sees its town (属地管理), a department officer its sectors county-wide (管行业必须管
安全), an enterprise user its own enterprise, the county admin and the leader everything.
Every scoped model names the lookups that lead to its town, sector and enterprise in a class
attribute `SCOPE`; records without an enterprise (public places) are invisible to enterprise users.
"""

from dataclasses import dataclass

from django.db import models
from django.http import Http404

from anjian.accounts.models import Department, Role


@dataclass(frozen=True)
class Scope:
    town: str = "town"
    sector: str = "sector"
    enterprise: str | None = "enterprise"


def department_sector_ids(department_id: int):
    """Subquery: the sectors a department supervises."""
    return Department.sectors.through.objects.filter(department_id=department_id).values(
        "sector_id"
    )


def scope_queryset(queryset: models.QuerySet, user) -> models.QuerySet:
    """Narrow `queryset` to what `user` may see (empty for anyone without a role)."""
    scope: Scope = queryset.model.SCOPE
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.is_superuser or user.role in (Role.COUNTY_ADMIN, Role.LEADER):
        return queryset
    if user.role == Role.TOWN_OFFICER:
        return queryset.filter(**{f"{scope.town}_id": user.town_id})
    if user.role == Role.DEPARTMENT_OFFICER:
        return queryset.filter(**{f"{scope.sector}_id__in": department_sector_ids(user.department_id)})
    if user.role == Role.ENTERPRISE_USER and scope.enterprise:
        lookup = "pk" if scope.enterprise == "pk" else f"{scope.enterprise}_id"
        return queryset.filter(**{lookup: user.enterprise_id})
    return queryset.none()


def get_in_scope(queryset: models.QuerySet, user, **lookup) -> models.Model:
    """One record in the caller's scope, or 404 (never a hint that it exists elsewhere)."""
    try:
        return scope_queryset(queryset, user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def in_scope(user, *, town_id: int | None, sector_id: int | None,
             enterprise_id: int | None = None) -> bool:
    """Whether a record with these keys lies in the caller's scope (checks on writes)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.role in (Role.COUNTY_ADMIN, Role.LEADER):
        return True
    if user.role == Role.TOWN_OFFICER:
        return town_id is not None and town_id == user.town_id
    if user.role == Role.DEPARTMENT_OFFICER:
        return sector_id is not None and department_sector_ids(user.department_id).filter(
            sector_id=sector_id
        ).exists()
    if user.role == Role.ENTERPRISE_USER:
        return enterprise_id is not None and enterprise_id == user.enterprise_id
    return False
