"""Writes to duty records. Web, API, demo and sweep all come through here.

A unit files only its own records (a town officer its town's, a department officer its
department's); the county admin files for any unit; the leader writes only duty spot-checks.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.core import audit
from anjian.core.permissions import check_permission
from anjian.core.updates import model_update
from anjian.duty.models import (
    DutyCheck,
    DutyHandover,
    DutyRoster,
    DutyShift,
    InformationReport,
)
from anjian.duty.policies import may_file_for

MAX_ROSTER_DAYS = 62
MAX_SHIFTS = 500
SHIFT_FIELDS = ("starts_at", "ends_at", "leader", "staff", "phone")


def _check_unit(actor, unit: Unit) -> None:
    check_permission(actor, "officer")
    if not may_file_for(actor, unit):
        raise PermissionDenied(_("A unit files only its own duty records."))


def _validate_roster(
    starts_at: dt.datetime | None, ends_at: dt.datetime | None, shifts: list[dict[str, Any]]
) -> None:
    """Shifts lie inside the roster and each ends after it starts (Chinese messages)."""
    errors: dict[str, list[str]] = {}
    if not starts_at:
        errors["starts_at"] = [_("Enter when the roster starts.")]
    if not ends_at:
        errors["ends_at"] = [_("Enter when the roster ends.")]
    if starts_at and ends_at:
        if ends_at <= starts_at:
            errors["ends_at"] = [_("The roster must end after it starts.")]
        elif ends_at - starts_at > dt.timedelta(days=MAX_ROSTER_DAYS):
            errors["ends_at"] = [
                _("A roster covers at most %(days)s days.") % {"days": MAX_ROSTER_DAYS}
            ]
    problems = []
    if len(shifts) > MAX_SHIFTS:
        problems.append(_("A roster has at most %(n)s shifts.") % {"n": MAX_SHIFTS})
    for number, shift in enumerate(shifts, start=1):
        a, b = shift.get("starts_at"), shift.get("ends_at")
        if not a or not b:
            problems.append(_("Shift %(n)s: enter its start and end.") % {"n": number})
            continue
        if b <= a:
            problems.append(_("Shift %(n)s: it must end after it starts.") % {"n": number})
        elif starts_at and ends_at and ends_at > starts_at and (a < starts_at or b > ends_at):
            problems.append(
                _("Shift %(n)s: it must lie within the roster's period.") % {"n": number}
            )
        if not (shift.get("staff") or "").strip():
            problems.append(_("Shift %(n)s: name the staff on duty.") % {"n": number})
    if problems:
        errors["shifts"] = problems
    if errors:
        raise ValidationError(errors)


def _shift_rows(shifts: Iterable) -> list[str]:
    """Shifts as audit text: one line each."""
    rows = []
    for s in shifts:
        get = s.get if isinstance(s, dict) else lambda k, s=s: getattr(s, k)
        rows.append(
            f"{audit._plain(get('starts_at'))}–{audit._plain(get('ends_at'))} "
            f"{get('leader') or '-'}/{get('staff')}/{get('phone') or '-'}"
        )
    return rows


def _save_shifts(roster: DutyRoster, shifts: list[dict[str, Any]]) -> None:
    objs = [
        DutyShift(
            roster=roster,
            **{k: (s.get(k) or "") if k in ("leader", "phone") else s.get(k) for k in SHIFT_FIELDS},
        )
        for s in shifts
    ]
    for obj in objs:
        obj.staff = obj.staff.strip()
        obj.leader = obj.leader.strip()
        obj.full_clean(exclude=["roster"])
    DutyShift.objects.bulk_create(objs)


@transaction.atomic
def roster_create(
    *,
    actor,
    unit: Unit,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    shifts: list[dict[str, Any]],
    via: str = "web",
) -> DutyRoster:
    """File a unit's duty roster with its shifts (all or nothing)."""
    _check_unit(actor, unit)
    _validate_roster(starts_at, ends_at, shifts)
    roster = DutyRoster(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=actor if getattr(actor, "pk", None) else None,
        **unit.fields(),
    )
    roster.full_clean()
    roster.save()
    _save_shifts(roster, shifts)
    changes = {k: [None, v] for k, v in audit.snapshot(roster).items() if v not in (None, "")}
    changes["shifts"] = [None, _shift_rows(shifts)]
    audit.record(actor=actor, action="dutyroster.create", instance=roster, changes=changes, via=via)
    return roster


@transaction.atomic
def roster_update(
    *,
    actor,
    roster: DutyRoster,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    shifts: list[dict[str, Any]],
    via: str = "web",
) -> DutyRoster:
    """Change a roster's title and period and replace its shifts. The unit stays the same."""
    locked = (
        DutyRoster.objects.select_for_update(of=("self",))
        .select_related("town", "department")
        .get(pk=roster.pk)
    )
    _check_unit(actor, Unit.of_record(locked))
    _validate_roster(starts_at, ends_at, shifts)
    before = audit.snapshot(locked)
    before_shifts = _shift_rows(locked.shifts.all())
    locked.title, locked.starts_at, locked.ends_at = title, starts_at, ends_at
    locked.full_clean()
    locked.save()
    locked.shifts.all().delete()
    _save_shifts(locked, shifts)
    changes = audit.diff(before, audit.snapshot(locked))
    changes.pop("updated_at", None)
    after_shifts = _shift_rows(shifts)
    if after_shifts != before_shifts:
        changes["shifts"] = [before_shifts, after_shifts]
    if changes:
        audit.record(
            actor=actor, action="dutyroster.update", instance=locked, changes=changes, via=via
        )
    return locked


@transaction.atomic
def roster_delete(*, actor, roster: DutyRoster, via: str = "web") -> None:
    _check_unit(actor, Unit.of_record(roster))
    audit.record_delete(actor=actor, instance=roster, via=via)
    roster.delete()


HANDOVER_FIELDS = ("handed_over_at", "from_person", "to_person", "open_matters")
REPORT_FIELDS = (
    "event",
    "received_at",
    "reported_at",
    "reported_to",
    "kind",
    "grade_relevant",
    "note",
)
CHECK_FIELDS = ("checked_at", "answered", "on_duty", "findings")


def _pick(data: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in names}


@transaction.atomic
def handover_create(*, actor, unit: Unit, data: dict[str, Any], via: str = "web") -> DutyHandover:
    """Record a duty handover (交接班) of the actor's unit."""
    _check_unit(actor, unit)
    handover = DutyHandover(
        created_by=actor if getattr(actor, "pk", None) else None,
        **unit.fields(),
        **_pick(data, HANDOVER_FIELDS),
    )
    handover.full_clean()
    handover.save()
    audit.record_create(actor=actor, instance=handover, via=via)
    return handover


@transaction.atomic
def report_create(
    *, actor, unit: Unit, data: dict[str, Any], via: str = "web"
) -> InformationReport:
    """Record information received at the duty desk and (when done) its upward report."""
    _check_unit(actor, unit)
    report = InformationReport(
        created_by=actor if getattr(actor, "pk", None) else None,
        **unit.fields(),
        **_pick(data, REPORT_FIELDS),
    )
    _validate_report(report)
    report.save()
    audit.record_create(actor=actor, instance=report, via=via)
    return report


@transaction.atomic
def report_update(
    *, actor, report: InformationReport, data: dict[str, Any], via: str = "web"
) -> InformationReport:
    """Complete or correct a report (typically: when and to whom it was reported upward)."""
    locked = (
        InformationReport.objects.select_for_update(of=("self",))
        .select_related("town", "department")
        .get(pk=report.pk)
    )
    _check_unit(actor, Unit.of_record(locked))
    return model_update(
        actor=actor,
        instance=locked,
        data=data,
        fields=REPORT_FIELDS,
        via=via,
        before_clean=_check_report_times,
    )[0]


def _check_report_times(report: InformationReport) -> None:
    if report.reported_at and report.received_at and report.reported_at < report.received_at:
        raise ValidationError({"reported_at": _("It cannot be reported before it was received.")})


def _validate_report(report: InformationReport) -> None:
    _check_report_times(report)
    report.full_clean()


@transaction.atomic
def check_create(*, actor, unit: Unit, data: dict[str, Any], via: str = "web") -> DutyCheck:
    """Record a duty spot-check (值班督查) by the supervision office or the county admin."""
    check_permission(actor, "leader")
    check = DutyCheck(
        checked_by=actor if getattr(actor, "pk", None) else None,
        **unit.fields(),
        **_pick(data, CHECK_FIELDS),
    )
    check.full_clean()
    check.save()
    audit.record_create(actor=actor, instance=check, via=via)
    return check


@transaction.atomic
def calendar_item_save(*, actor, instance, data: dict[str, Any], via: str = "web"):
    """Create or change a calendar setting (festival, season, period work, declared holiday,
    declared working day, reporting deadline): county admin only."""
    check_permission(actor, "county_admin")
    model = type(instance)
    if instance.pk is not None:
        locked = model.objects.select_for_update(of=("self",)).get(pk=instance.pk)
        return model_update(actor=actor, instance=locked, data=data, fields=data, via=via)[0]
    for key, value in data.items():
        setattr(instance, key, value)
    instance.full_clean()
    instance.save()
    audit.record_create(actor=actor, instance=instance, via=via)
    return instance


@transaction.atomic
def calendar_item_delete(*, actor, instance, via: str = "web") -> None:
    check_permission(actor, "county_admin")
    audit.record_delete(actor=actor, instance=instance, via=via)
    instance.delete()
