"""Reads of fireworks records through the caller's unit (core.scoping), and the workbench's
tasks (`todo_tasks`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from anjian.core import clock
from anjian.core.permissions import has_permission
from anjian.core.rules import rule_value
from anjian.core.scoping import scope_queryset
from anjian.registry.models import Licence

from . import rules, watch
from .models import Conversion, FireworksCase, FiringRule


def _get(qs: QuerySet, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def case_list(*, actor, status: str = "", town: str = "", kind: str = "") -> QuerySet:
    qs = scope_queryset(FireworksCase.objects.select_related("town"), actor)
    if status:
        qs = qs.filter(status=status)
    if town:
        qs = qs.filter(town__code=town)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-received_at", "-id")


def case_get_for(*, actor, pk) -> FireworksCase:
    return _get(case_list(actor=actor), pk)


def verify_due(case: FireworksCase) -> dt.datetime:
    """When the clue must be verified: 3 days, 24 h from 腊月二十三 to 正月十五 (§13)."""
    return case.received_at + dt.timedelta(hours=rules.verify_hours(case.received_at))


def conversion_list(*, actor) -> QuerySet:
    return scope_queryset(
        Conversion.objects.select_related("enterprise", "enterprise__town"), actor
    ).order_by("-on", "-id")


def firing_rules(*, first: dt.date | None = None, last: dt.date | None = None) -> QuerySet:
    """The county's firing rules (public to every role) touching [first, last]."""
    qs = FiringRule.objects.all()
    if first:
        qs = qs.filter(ends_on__gte=first)
    if last:
        qs = qs.filter(starts_on__lte=last)
    return qs.order_by("starts_on", "id")


def licence_list(*, actor, expiring: bool | None = None) -> QuerySet:
    """Licences of fireworks units (the registry's rows), soonest expiry first."""
    qs = scope_queryset(
        Licence.objects.select_related("enterprise", "enterprise__town"), actor
    ).filter(enterprise__sector__code="fireworks")
    if expiring:
        today = clock.today()
        days = max(rule_value("fireworks.licence_alert_days", today))
        qs = qs.filter(expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=days))
    return qs.order_by("expires_on", "id")


def todo_tasks(user) -> list[dict]:
    """The workbench's fireworks tasks for `user`: licences expiring within the alert window
    (`licence_expiring`), watch-list checks due within a week or overdue (`watch_inspection`)
    and 打非 clues waiting for verification (`case_verify`). Each row:
    {"kind", "title", "url", "due" (date), "overdue" (bool)}."""
    if not has_permission(user, "government"):
        return []  # an enterprise renews its own licences through registry.todo
    today = clock.today()
    tasks = []
    for licence in licence_list(actor=user, expiring=True)[:50]:
        tasks.append(
            {
                "kind": "licence_expiring",
                "title": _("%(unit)s: %(kind)s expires")
                % {
                    "unit": licence.enterprise.name,
                    "kind": licence.kind,
                },
                "url": licence.enterprise.get_absolute_url(),
                "due": licence.expires_on,
                "overdue": False,
            }
        )
    for row in watch.watch_list(actor=user):
        if row["inspection_due"] > today + dt.timedelta(days=7):
            continue
        tasks.append(
            {
                "kind": "watch_inspection",
                "title": _("Unannounced check: %(unit)s") % {"unit": row["enterprise"].name},
                "url": reverse("fireworks:watch_list"),
                "due": row["inspection_due"],
                "overdue": row["overdue"],
            }
        )
    now = clock.now()
    for case in case_list(actor=user).filter(status__in=["registered", "transferred"])[:50]:
        due = verify_due(case)
        tasks.append(
            {
                "kind": "case_verify",
                "title": _("Verify the 打非 clue: %(place)s") % {"place": case.place},
                "url": case.get_absolute_url(),
                "due": due.date(),
                "overdue": due < now,
            }
        )
    return sorted(tasks, key=lambda t: (not t["overdue"], t["due"]))
