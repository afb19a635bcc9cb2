"""Reads of duty records. Rosters and the duty log are unit records (`UnitRecord`), scoped by
`core.scoping` like everything else: the county admin and the leader see every unit's; a town
officer its town's; a department officer its department's; an enterprise user none
(enterprises keep no duty rosters here)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from anjian.accounts.units import Unit, UnitKind
from anjian.core import clock
from anjian.core.rules import rule_resolver, rule_value
from anjian.core.scoping import scope_queryset
from anjian.duty import gaps as gap_rules
from anjian.duty.calendar import Holiday
from anjian.duty.models import (
    DutyCheck,
    DutyHandover,
    DutyRoster,
    DutyShift,
    InformationReport,
    ReportDeadline,
)


def _get(queryset: QuerySet, actor, pk):
    try:
        return scope_queryset(queryset, actor).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def _by_unit_code(queryset: QuerySet, unit: str) -> QuerySet:
    if not unit:
        return queryset
    if unit == "county":
        return queryset.filter(unit_kind=UnitKind.COUNTY)
    return queryset.filter(Q(town__code=unit) | Q(department__code=unit))


def roster_list(
    *, actor, unit: str = "", town: str = "", department: str = "", on: dt.date | None = None
) -> QuerySet:
    """The rosters the actor may see, newest first, shifts prefetched (for the gaps)."""
    qs = scope_queryset(DutyRoster.objects.all(), actor)
    qs = _by_unit_code(qs, unit)
    if town:
        qs = qs.filter(town__code=town)
    if department:
        qs = qs.filter(department__code=department)
    if on:
        tz = timezone.get_default_timezone()
        start = dt.datetime.combine(on, dt.time.min, tzinfo=tz)
        qs = qs.overlapping(start, start + dt.timedelta(days=1))
    return qs.select_related("town", "department").prefetch_related(
        Prefetch("shifts", queryset=DutyShift.objects.order_by("starts_at", "id"))
    )


def roster_get_for(*, actor, pk) -> DutyRoster:
    return _get(roster_list(actor=actor), actor, pk)


def roster_gaps(roster: DutyRoster) -> list[gap_rules.Segment]:
    """The roster's gaps (uses the prefetched shifts when there are any)."""
    return gap_rules.gaps(roster.starts_at, roster.ends_at, list(roster.shifts.all()))


@dataclass
class Filing:
    unit: Unit
    rosters: list[DutyRoster] = field(default_factory=list)
    uncovered: list[tuple[dt.datetime, dt.datetime]] = field(default_factory=list)
    gap_count: int = 0

    @property
    def state(self) -> str:
        """filed (the holiday is wholly within the unit's rosters), partial, or missing."""
        if not self.rosters:
            return "missing"
        return "partial" if self.uncovered else "filed"


def filing_overview(*, holiday: Holiday) -> list[Filing]:
    """Every unit (county, towns, departments) and whether its rosters cover the holiday.

    Four queries whatever the county's size: towns, departments, rosters, shifts.
    """
    start, end = holiday.window()
    rows = {u.key: Filing(unit=u) for u in Unit.all()}
    rosters = (
        DutyRoster.objects.overlapping(start, end)
        .select_related("town", "department")
        .prefetch_related("shifts")
        .order_by("starts_at")
    )
    for roster in rosters:
        # The overview covers the installation: every county-level roster is the county's row.
        key = "county" if roster.unit_kind == UnitKind.COUNTY else Unit.of_record(roster).key
        row = rows.get(key)
        if row is not None:
            row.rosters.append(roster)
    for row in rows.values():
        row.uncovered = gap_rules.uncovered(
            start, end, [(r.starts_at, r.ends_at) for r in row.rosters]
        )
        row.gap_count = sum(len(roster_gaps(r)) for r in row.rosters)
    return list(rows.values())


def handover_list(*, actor, unit: str = "") -> QuerySet:
    qs = _by_unit_code(scope_queryset(DutyHandover.objects.all(), actor), unit)
    return qs.select_related("town", "department")


def handover_get_for(*, actor, pk) -> DutyHandover:
    return _get(handover_list(actor=actor), actor, pk)


def report_deadlines(on: dt.date | None = None) -> list[ReportDeadline]:
    """The reporting deadlines in force on `on` (rule `duty.report_deadlines`)."""
    return ReportDeadline.from_rule(rule_value("duty.report_deadlines", on=on))


class _DeadlinesByDay(dict):
    """The deadlines in force on each day an event was received (one query for all days)."""

    def __init__(self):
        super().__init__()
        self.resolve = rule_resolver("duty.report_deadlines")

    def __missing__(self, day: dt.date) -> list[ReportDeadline]:
        self[day] = ReportDeadline.from_rule(self.resolve(day))
        return self[day]


def report_list(
    *, actor, unit: str = "", late: bool | None = None, now: dt.datetime | None = None
) -> list[InformationReport]:
    """Information reports in scope, each with `deadline_at` and `late` set (one extra query).

    `late` is computed from the county's deadlines; filtering on it happens here.
    """
    now = now or clock.now()
    by_day = _DeadlinesByDay()
    qs = _by_unit_code(scope_queryset(InformationReport.objects.all(), actor), unit)
    result = []
    for report in qs.select_related("town", "department"):
        rules = by_day[timezone.localdate(report.received_at)]
        report.deadline_at = report.deadline(rules)
        report.late = report.is_late(rules, now=now)
        if late is None or report.late == late:
            result.append(report)
    return result


def report_get_for(*, actor, pk) -> InformationReport:
    report = _get(InformationReport.objects.select_related("town", "department"), actor, pk)
    rules = report_deadlines(timezone.localdate(report.received_at))
    report.deadline_at = report.deadline(rules)
    report.late = report.is_late(rules, now=clock.now())
    return report


def check_list(*, actor, unit: str = "") -> QuerySet:
    qs = _by_unit_code(scope_queryset(DutyCheck.objects.all(), actor), unit)
    return qs.select_related("town", "department", "checked_by")


@dataclass(frozen=True)
class CheckSummary:
    unit_kind: str
    unit_name: str
    unit_code: str
    checks: int
    unanswered: int


def check_monthly_summary(*, actor, year: int, month: int) -> list[CheckSummary]:
    """Spot-checks per unit in one month (Asia/Shanghai): how many, how many unanswered."""
    tz = timezone.get_default_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    rows = (
        scope_queryset(DutyCheck.objects.all(), actor)
        .filter(checked_at__gte=start, checked_at__lt=end)
        .values("unit_kind", "town__name", "town__code", "department__name", "department__code")
        .annotate(checks=Count("id"), unanswered=Count("id", filter=Q(answered=False)))
        .order_by("unit_kind", "town__code", "department__code")
    )
    county = Unit.county()
    result = []
    for r in rows:
        name = r["town__name"] or r["department__name"] or county.name
        code = r["town__code"] or r["department__code"] or county.code
        result.append(
            CheckSummary(
                unit_kind=r["unit_kind"],
                unit_name=name,
                unit_code=code,
                checks=r["checks"],
                unanswered=r["unanswered"],
            )
        )
    return result
