"""Reads of special funds: county-wide records, read by the government roles."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from anjian.core.permissions import check_permission
from anjian.funds.models import Allocation, Fund, Spending

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2))


def allocations_with_spent(qs: QuerySet | None = None) -> QuerySet:
    """Allocations with `spent` (the sum of their spending) and `left`."""
    spent = (
        Spending.objects.filter(allocation=OuterRef("pk"))
        .order_by()
        .values("allocation")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    qs = Allocation.objects.all() if qs is None else qs
    return qs.annotate(
        spent=Coalesce(Subquery(spent), ZERO),
    ).annotate(left=F("amount") - F("spent"))


def fund_list(*, actor, year: int | None = None, q: str = "") -> QuerySet:
    """The funds with `allocated`, `spent` and `balance` (amount − spent) computed in the
    database, newest year first."""
    check_permission(actor, "government")
    allocated = (
        Allocation.objects.filter(fund=OuterRef("pk"))
        .order_by()
        .values("fund")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    spent = (
        Spending.objects.filter(allocation__fund=OuterRef("pk"))
        .order_by()
        .values("allocation__fund")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    qs = Fund.objects.annotate(
        allocated=Coalesce(Subquery(allocated), ZERO), spent=Coalesce(Subquery(spent), ZERO)
    ).annotate(balance=F("amount") - F("spent"), unallocated=F("amount") - F("allocated"))
    if year:
        qs = qs.filter(year=year)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.order_by("-year", "name", "id")


def fund_get_for(*, actor, pk) -> Fund:
    try:
        return fund_list(actor=actor).get(pk=pk)
    except (Fund.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def allocation_get_for(*, actor, fund: Fund, pk) -> Allocation:
    try:
        return allocations_with_spent(Allocation.objects.filter(fund=fund)).get(pk=pk)
    except (Allocation.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def spending_get_for(*, actor, pk) -> Spending:
    check_permission(actor, "government")
    try:
        return Spending.objects.select_related("allocation__fund").get(pk=pk)
    except (Spending.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
