"""Reads of the registry, always through the caller's jurisdiction."""

import datetime as dt

from django.db.models import QuerySet

from anjian.core import clock
from anjian.core.scoping import get_in_scope, scope_queryset
from anjian.registry.models import Enterprise, Licence

LICENCE_STATES = ("expired", "30", "60", "90")


def enterprise_list(*, actor, town: str = "", sector: str = "", status: str = "",
                    department: str = "", licence_state: str = "", credit_code: str = "",
                    q: str = "") -> QuerySet:
    """The enterprises the actor may see, filtered (town/sector/department by code).

    The list page and the API both read here, with the same filter names.
    """
    qs = scope_queryset(Enterprise.objects.all(), actor)
    if credit_code:
        qs = qs.filter(credit_code=credit_code.strip().upper())
    if town:
        qs = qs.filter(town__code=town)
    if sector:
        qs = qs.filter(sector__code=sector)
    if department:
        qs = qs.filter(department__code=department)
    if status:
        qs = qs.filter(status=status)
    if licence_state in LICENCE_STATES:
        qs = qs.filter(pk__in=licence_list(actor=actor, state=licence_state).values("enterprise_id"))
    if q:
        qs = qs.search(q)
    return qs.select_related("town", "sector", "department")


def enterprise_get_for(*, actor, pk) -> Enterprise:
    return get_in_scope(Enterprise.objects.select_related("town", "sector", "department"), actor,
                        pk=pk)


def licence_list(*, actor, state: str = "", enterprise_id: int | None = None,
                 enterprise: int | None = None, town: str = "", sector: str = "", kind: str = "",
                 expired: bool | None = None, on: dt.date | None = None) -> QuerySet:
    """Licences in scope; state is "expired" or a number of days ("30", "60", "90").

    The licence page and the API both read here, with the same filter names.
    """
    today = on or clock.today()
    qs = scope_queryset(Licence.objects.all(), actor)
    enterprise_id = enterprise_id or enterprise
    if enterprise_id:
        qs = qs.filter(enterprise_id=enterprise_id)
    if town:
        qs = qs.filter(enterprise__town__code=town)
    if sector:
        qs = qs.filter(enterprise__sector__code=sector)
    if kind:
        qs = qs.filter(kind=kind)
    if expired is True:
        qs = qs.expired(on=today)
    elif expired is False:
        qs = qs.filter(expires_on__gte=today)
    if state == "expired":
        qs = qs.expired(on=today)
    elif state in LICENCE_STATES:
        qs = qs.expiring_within(int(state), on=today)
    return qs.select_related("enterprise")


def licence_get_for(*, actor, pk) -> Licence:
    return get_in_scope(Licence.objects.select_related("enterprise"), actor, pk=pk)
