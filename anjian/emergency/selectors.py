"""Reads of plans and drills, always through the caller's unit (core.scoping)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from anjian.core import clock
from anjian.core.scoping import scope_queryset
from anjian.emergency.models import Drill, EmergencyPlan


def plan_list(
    *,
    actor,
    kind: str = "",
    unit: str = "",
    enterprise: int | None = None,
    town: str = "",
    overdue: bool | None = None,
    q: str = "",
) -> QuerySet:
    """The plans the actor may see, with the last drill annotated (constant queries per page).

    `unit`: a town/department code or `county` (that unit's own plans); `town`: plans of the
    town and of its enterprises; `overdue`: a drill or an evaluation past its day."""
    qs = scope_queryset(
        EmergencyPlan.objects.select_related("enterprise__sector", "town", "department"), actor
    ).with_dates()
    if kind:
        qs = qs.filter(kind=kind)
    if unit:
        qs = qs.filter(_unit_q(unit))
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if town:
        qs = qs.filter(Q(town__code=town) | Q(enterprise__town__code=town))
    if overdue is not None:
        qs = qs.overdue_or_not(on=clock.today(), overdue=overdue)
    if q:
        qs = qs.filter(
            Q(title__icontains=q) | Q(enterprise__name__icontains=q) | Q(filing_number__icontains=q)
        )
    return qs.order_by("-published_on", "-id")


def _unit_q(code: str) -> Q:
    if code == "county":
        return Q(unit_kind="county")
    return Q(unit_kind="town", town__code=code) | Q(unit_kind="department", department__code=code)


def plan_get_for(*, actor, pk) -> EmergencyPlan:
    try:
        return plan_list(actor=actor).get(pk=pk)
    except (EmergencyPlan.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def drill_list(*, actor, plan: int | None = None) -> QuerySet:
    """The drills of the plans the actor may see."""
    plans = scope_queryset(EmergencyPlan.objects.all(), actor).values("pk")
    qs = Drill.objects.select_related("plan", "hazard").filter(plan__in=plans)
    if plan:
        qs = qs.filter(plan_id=plan)
    return qs.order_by("-held_on", "-id")


def drill_get_for(*, actor, pk) -> Drill:
    try:
        return drill_list(actor=actor).select_related("plan__enterprise").get(pk=pk)
    except (Drill.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def attachment_get_for(*, actor, pk):
    """An attachment of a plan the actor may see, or 404."""
    from anjian.emergency.models import PlanAttachment

    plans = scope_queryset(EmergencyPlan.objects.all(), actor).values("pk")
    try:
        return PlanAttachment.objects.filter(plan__in=plans).get(pk=pk)
    except (PlanAttachment.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


TODO_LEAD_DAYS = 30


def todo_list(*, actor) -> list[dict]:
    """The actor's open tasks for the contract's `todo/` (kinds `drill_due` and
    `plan_evaluation`): the plans its own unit keeps whose drill or evaluation falls due within
    30 days or is overdue. A task leaves the list once the drill or evaluation is recorded."""
    from anjian.accounts.units import Unit

    unit = Unit.member_of(actor)
    if unit is None:
        return []
    today = clock.today()
    horizon = today + dt.timedelta(days=TODO_LEAD_DAYS)
    plans = (
        EmergencyPlan.objects.filter(unit.own_q())
        .due_by(on=horizon)
        .select_related("enterprise__sector")
        .order_by("pk")
    )
    tasks = []
    for plan in plans:
        for kind, due in (
            ("drill_due", plan.next_drill_due),
            ("plan_evaluation", plan.next_evaluation_due),
        ):
            if due is not None and due <= horizon:
                title = (
                    _("Hold a drill: %(plan)s")
                    if kind == "drill_due"
                    else _("Evaluate the plan: %(plan)s")
                ) % {"plan": plan.title}
                tasks.append(
                    {
                        "kind": kind,
                        "title": title,
                        "url": plan.get_absolute_url(),
                        "due": due,
                        "overdue": due < today,
                    }
                )
    return sorted(tasks, key=lambda t: t["due"])
