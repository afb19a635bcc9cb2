"""Reads of inspectors, trainings and inductions, always through the caller's unit
(core.scoping), with the yearly figures computed in the database."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit, UnitKind
from anjian.core import clock
from anjian.core.rules import rule_value
from anjian.core.scoping import scope_queryset
from anjian.inspections.models import Inspection, InspectionKind
from anjian.registry.models import Enterprise, EnterpriseStatus
from anjian.workforce import rules
from anjian.workforce.models import Induction, Inspector, Training, TrainingKind, year_bounds

TARGET_KEY = "workforce.inspector_training_hours"
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=8, decimal_places=1))
# How the inspection form's free-text "inspectors" separates names: 、，, ; and spaces.
SEPARATORS = re.compile(r"[、，,；;\s　]+")
# Up to this many inspectors, the year's inspections are narrowed in the database to those
# recorded by their accounts or mentioning their names; beyond it (exports), read once.
NARROW_UP_TO = 50


def inspector_list(
    *,
    actor,
    department: str = "",
    certificate: str = "",
    active: bool | None = None,
    q: str = "",
    year: int | None = None,
) -> QuerySet:
    """The inspectors the actor may see (a town or department its own, the county and the
    leader all). `with_figures(rows)` adds `training_hours` and `inspections` of `year` (this
    year by default) to the rows shown: a page, never the whole register.

    `department`: the unit's code (a department, a town, or `county`); `certificate`:
    `expired`, `expiring` (within 60 days), `valid` or `none`."""
    qs = scope_queryset(Inspector.objects.select_related("town", "department", "user"), actor)
    if department:
        qs = qs.filter(_unit_q(department))
    if certificate:
        qs = qs.filter(_certificate_q(certificate, clock.today()))
    if active is not None:
        qs = qs.filter(active=active)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(certificate_number__icontains=q))
    qs = qs.annotate(figures_year=Value(year or clock.today().year, output_field=IntegerField()))
    return qs.order_by("name", "id")


def names_in(text: str) -> set[str]:
    """The names an inspection's free-text `inspectors` lists."""
    return {name for name in SEPARATORS.split(text or "") if name}


def with_figures(rows, year: int | None = None) -> list[Inspector]:
    """Set `training_hours` and `inspections` of the year on each inspector (a page of the list,
    one inspector, or an export), in two queries whatever their number.

    Training hours are summed in the database. Inspections of the year (government ones) count
    when recorded by the inspector's linked account or when their free-text inspectors name the
    inspector exactly (李娜 is not 李娜娜): the database narrows the rows, the names are matched
    here."""
    rows = list(rows)
    if not rows:
        return rows
    year = year or getattr(rows[0], "figures_year", None) or clock.today().year
    start, end = year_bounds(year)
    ids = [r.pk for r in rows]
    hours = dict(
        Training.inspectors.through.objects.filter(
            inspector_id__in=ids, training__held_on__gte=start, training__held_on__lte=end
        )
        .values("inspector_id")
        .annotate(total=Sum("training__hours"))
        .values_list("inspector_id", "total")
    )
    inspections = Inspection.objects.filter(
        kind=InspectionKind.INSPECTION, inspected_on__gte=start, inspected_on__lte=end
    )
    name_of_user = {r.user_id: r.name for r in rows if r.user_id}
    users = set(name_of_user)
    if len(rows) <= NARROW_UP_TO:
        narrow = Q(created_by_id__in=users)
        for name in {r.name for r in rows}:
            narrow |= Q(inspectors__contains=name)
        inspections = inspections.filter(narrow)
    by_user: dict[int, int] = {}
    by_name: dict[str, int] = {}
    wanted = {r.name for r in rows}
    for recorded_by, text in inspections.order_by().values_list("created_by_id", "inspectors"):
        named = names_in(text) & wanted
        for name in named:
            by_name[name] = by_name.get(name, 0) + 1
        if recorded_by in users:
            by_user[recorded_by] = by_user.get(recorded_by, 0) + 1
            # Recorded by the account and naming the inspector: one inspection, not two.
            if name_of_user[recorded_by] in named:
                by_name[name_of_user[recorded_by]] -= 1
    for r in rows:
        r.training_hours = hours.get(r.pk) or Decimal(0)
        r.inspections = by_name.get(r.name, 0) + by_user.get(r.user_id, 0)
    return rows


def _unit_q(code: str) -> Q:
    if code == "county":
        return Q(unit_kind=UnitKind.COUNTY)
    return Q(unit_kind=UnitKind.TOWN, town__code=code) | Q(
        unit_kind=UnitKind.DEPARTMENT, department__code=code
    )


def _certificate_q(state: str, today: dt.date) -> Q:
    soon = today + dt.timedelta(days=rules.CERTIFICATE_LEAD_DAYS)
    return {
        "expired": Q(certificate_expires_on__lt=today),
        "expiring": Q(certificate_expires_on__gte=today, certificate_expires_on__lte=soon),
        "valid": Q(certificate_expires_on__gt=soon),
        "none": Q(certificate_expires_on__isnull=True),
    }.get(state, Q())


def inspector_get_for(*, actor, pk) -> Inspector:
    """One inspector in the actor's scope with this year's figures, or 404."""
    try:
        inspector = inspector_list(actor=actor).get(pk=pk)
    except (Inspector.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
    return with_figures([inspector])[0]


def inspector_hours(*, actor, year: int, department: str = "") -> dict:
    """Each inspector's training hours in `year` against the county's target for that year
    (the rule version in force on 31 December, or today for the current year)."""
    today = clock.today()
    end = year_bounds(year)[1]
    target = Decimal(rule_value(TARGET_KEY, on=min(end, today) if year <= today.year else end))
    rows = inspector_list(actor=actor, department=department, year=year, active=True)
    return {"year": year, "target": target, "rows": rows}  # with_figures on the page shown


def training_list(
    *,
    actor,
    kind: str = "",
    enterprise: int | None = None,
    inspector: int | None = None,
    year: int | None = None,
    q: str = "",
) -> QuerySet:
    """The trainings the actor may see: those its unit keeps, those of the enterprises in its
    jurisdiction (an enterprise user: its own only), and those its inspectors attended."""
    base = Training.objects.select_related("enterprise", "town", "department")
    qs = scope_queryset(base, actor)
    unit = Unit.of(actor)
    if unit is not None and not unit.is_county_wide and unit.kind != UnitKind.ENTERPRISE:
        mine = scope_queryset(Inspector.objects.all(), actor).values("pk")
        attended = Training.objects.filter(inspectors__in=mine).values("pk")
        qs = base.filter(Q(pk__in=qs.values("pk")) | Q(pk__in=attended))
    if kind:
        qs = qs.filter(kind=kind)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if inspector:
        qs = qs.filter(pk__in=Training.objects.filter(inspectors=inspector).values("pk"))
    if year:
        start, end = year_bounds(year)
        qs = qs.filter(held_on__gte=start, held_on__lte=end)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(enterprise__name__icontains=q))
    return qs.order_by("-held_on", "-id")


def training_get_for(*, actor, pk) -> Training:
    try:
        return training_list(actor=actor).get(pk=pk)
    except (Training.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def induction_list(*, actor, enterprise: int | None = None, year: int | None = None) -> QuerySet:
    qs = scope_queryset(Induction.objects.select_related("enterprise__sector"), actor)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if year:
        start, end = year_bounds(year)
        qs = qs.filter(starts_on__gte=start, starts_on__lte=end)
    return qs.order_by("-starts_on", "-id")


def _kind_hours(kind: str, *, start=None, end=None, initial: bool | None = None):
    rows = (
        Training.objects.filter(enterprise=OuterRef("pk"), kind=kind)
        .filter(**({"held_on__gte": start, "held_on__lte": end} if start else {}))
        .filter(**({"initial": initial} if initial is not None else {}))
        .order_by()
        .values("enterprise")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=DecimalField(max_digits=8, decimal_places=1)), ZERO)


def enterprise_training_list(*, actor, year: int, q: str = "", town: str = "") -> QuerySet:
    """The operating units in the actor's scope with their principals' and safety managers'
    hours (initial trainings, ever; every training held in `year`, the initial one included) and their new staff's inductions in `year`."""
    start, end = year_bounds(year)
    qs = scope_queryset(
        Enterprise.objects.filter(status=EnterpriseStatus.OPERATING).select_related(
            "sector", "town"
        ),
        actor,
    )
    if q:
        qs = qs.filter(name__icontains=q)
    if town:
        qs = qs.filter(town__code=town)
    inductions = (
        Induction.objects.filter(
            enterprise=OuterRef("pk"), starts_on__gte=start, starts_on__lte=end
        )
        .order_by()
        .values("enterprise")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(
        principal_initial=_kind_hours(TrainingKind.PRINCIPAL, initial=True),
        principal_year=_kind_hours(TrainingKind.PRINCIPAL, start=start, end=end),
        manager_initial=_kind_hours(TrainingKind.SAFETY_MANAGER, initial=True),
        manager_year=_kind_hours(TrainingKind.SAFETY_MANAGER, start=start, end=end),
        inductions_year=Coalesce(Subquery(inductions, output_field=IntegerField()), 0),
    ).order_by("town__code", "name", "pk")


def enterprise_training_status(enterprise) -> dict:
    """The §9 verdict of one annotated row of `enterprise_training_list`."""
    sector = enterprise.sector.code
    initial, yearly = rules.manager_initial_hours(sector), rules.manager_yearly_hours(sector)
    rows = {}
    for role, first, year in (
        ("principal", enterprise.principal_initial, enterprise.principal_year),
        ("safety_manager", enterprise.manager_initial, enterprise.manager_year),
    ):
        rows[role] = {
            "initial": first,
            "initial_met": rules.hours_met(first, initial),
            "year": year,
            "year_met": rules.hours_met(year, yearly),
        }
    return {
        "required_initial": initial,
        "required_yearly": yearly,
        "required_induction": rules.induction_hours(sector),
        **rows,
    }


# --- the 双随机 draw (anjian.hooks DRAW_INSPECTORS / DRAWN_INSPECTORS) ------------------------


def draw_pool(*, actor, day: dt.date) -> tuple[list[int], dict[str, list[int]]]:
    """The inspectors a draw by `actor` may send (in its scope, in post, with an enforcement
    certificate valid on `day`), by id, and their conflict lists (inspector id → unit ids)."""
    qs = (
        scope_queryset(Inspector.objects.all(), actor)
        .filter(active=True, certificate_expires_on__gte=day)
        .exclude(certificate_number="")
    )
    ids = list(qs.order_by("pk").values_list("pk", flat=True))
    conflicts: dict[str, list[int]] = {}
    for inspector_id, enterprise_id in (
        Inspector.conflicts.through.objects.filter(inspector_id__in=ids)
        .order_by("inspector_id", "enterprise_id")
        .values_list("inspector_id", "enterprise_id")
    ):
        conflicts.setdefault(str(inspector_id), []).append(enterprise_id)
    return ids, conflicts


def drawn_inspectors(ids: list[int]) -> dict[int, Inspector]:
    """The inspectors of a kept draw by id (the published page names them)."""
    return Inspector.objects.in_bulk(ids)


# --- tasks for todo/ --------------------------------------------------------------------------


def todo_tasks(user) -> list[dict]:
    """The caller's open tasks for the `todo/` workbench, kind `certificate_expiring`: the
    enforcement certificates that expire within 60 days or have expired, of the inspectors its
    own unit keeps (the county admin: the county's own) and the caller's own certificate. One
    query. A task leaves the list once the certificate is renewed (a later expiry) or the
    inspector leaves post."""
    unit = Unit.member_of(user)
    mine = Q(user_id=user.pk) if getattr(user, "pk", None) else Q(pk__in=[])
    keeps = unit.own_q() if unit is not None and unit.kind != UnitKind.ENTERPRISE else Q(pk__in=[])
    today = clock.today()
    soon = today + dt.timedelta(days=rules.CERTIFICATE_LEAD_DAYS)
    rows = (
        Inspector.objects.filter(keeps | mine)
        .filter(active=True, certificate_expires_on__lte=soon)
        .order_by("certificate_expires_on", "pk")
    )
    return [
        {
            "kind": "certificate_expiring",
            "title": _("Renew the enforcement certificate of %(name)s") % {"name": row.name},
            "url": row.get_absolute_url(),
            "due": row.certificate_expires_on,
            "overdue": row.certificate_expires_on < today,
        }
        for row in rows
    ]
