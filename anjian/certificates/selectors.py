"""Reads of the certificate register, always through the caller's unit (core.scoping)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from anjian.certificates import rules
from anjian.certificates.models import Certificate, CertificateKind
from anjian.core import clock
from anjian.core.scoping import scope_queryset

STATES = ("valid", "expiring", "expired", "review_overdue", "invalid", "attention")


def _state_q(state: str, today: dt.date) -> Q:
    horizon = today + dt.timedelta(days=rules.EXPIRING_DAYS)
    return {
        "valid": Q(expires_on__gte=today) & (Q(review_on__isnull=True) | Q(review_on__gte=today)),
        "expiring": Q(expires_on__gte=today, expires_on__lte=horizon),
        "expired": Q(expires_on__lt=today),
        "review_overdue": Q(review_on__lt=today, expires_on__gte=today),
        "invalid": Q(expires_on__lt=today) | Q(review_on__lt=today),
        "attention": Q(expires_on__lte=horizon) | Q(review_on__lte=horizon),
    }[state]


def certificate_list(
    *,
    actor,
    kind: str = "",
    category: str = "",
    enterprise: int | None = None,
    town: str = "",
    state: str = "",
    expired: bool | None = None,
    expiring: bool | None = None,
    replaced: bool | None = False,
    q: str = "",
) -> QuerySet:
    """The certificates the actor may see (its unit's register, its jurisdiction's, or the
    county's), soonest expiry first. `state`: valid, expiring (within 60 days), expired,
    review_overdue, invalid (expired or review overdue), attention (any of these, or a review
    due within 60 days). Renewed certificates are left out unless `replaced` is None/True."""
    qs = scope_queryset(
        Certificate.objects.select_related("enterprise__town", "enterprise__sector"), actor
    )
    today = clock.today()
    if replaced is not None:
        qs = qs.filter(replaced_by__isnull=not replaced)
    if kind:
        qs = qs.filter(kind=kind)
    if category:
        qs = qs.filter(category=category)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if town:
        qs = qs.filter(enterprise__town__code=town)
    if state in STATES:
        qs = qs.filter(_state_q(state, today))
    if expired is not None:
        qs = (
            qs.filter(_state_q("expired", today))
            if expired
            else qs.exclude(_state_q("expired", today))
        )
    if expiring is not None:
        qs = (
            qs.filter(_state_q("expiring", today))
            if expiring
            else qs.exclude(_state_q("expiring", today))
        )
    if q:
        qs = qs.filter(
            Q(holder__icontains=q) | Q(number__icontains=q) | Q(enterprise__name__icontains=q)
        )
    return qs.order_by("expires_on", "id")


def certificate_get_for(*, actor, pk) -> Certificate:
    try:
        return certificate_list(actor=actor, replaced=None).get(pk=pk)
    except (Certificate.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def invalid_special_operations(*, actor, enterprise) -> list[Certificate]:
    """The unit's current special-operation certificates that are expired or overdue for
    review: the register's answer to the checklist item "special operation without a valid
    certificate" (one query)."""
    return list(
        certificate_list(
            actor=actor,
            enterprise=enterprise.pk,
            kind=CertificateKind.SPECIAL_OPERATION,
            state="invalid",
        )
    )


def todo_tasks(user) -> list[dict]:
    """The user's open certificate tasks for the `todo/` workbench (kind
    `certificate_expiring`): the current certificates of the user's own enterprise that expire
    or fall due for review within 60 days, or already have. One query; a task leaves the list
    once the certificate is renewed (a later one replaces it) or its review is recorded."""
    from anjian.accounts.units import Unit, UnitKind

    unit = Unit.member_of(user)
    if unit is None or unit.kind != UnitKind.ENTERPRISE:
        return []
    today = clock.today()
    rows = (
        Certificate.objects.current()
        .filter(enterprise_id=unit.pk)
        .filter(_state_q("attention", today))
        .order_by("expires_on", "id")
    )
    tasks = []
    for c in rows:
        if c.review_on is not None and c.expires_on > today + dt.timedelta(
            days=rules.EXPIRING_DAYS
        ):
            title = _("Have the certificate of %(holder)s reviewed (%(number)s)")
            due = c.review_on
        else:
            title = _("Renew the certificate of %(holder)s (%(number)s)")
            due = c.expires_on
        tasks.append(
            {
                "kind": "certificate_expiring",
                "title": title % {"holder": c.holder, "number": c.number},
                "url": c.get_absolute_url(),
                "due": due,
                "overdue": due < today,
            }
        )
    return sorted(tasks, key=lambda t: t["due"])
