"""Reads of 12350 reports: the handling unit's list, one report, tracking, statistics."""

from dataclasses import dataclass

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.http import Http404

from anjian.core import clock

from . import policy
from .models import Finding, PublicReport, ReportStatus


def public_report_list(
    *, actor, status: str = "", town: str = "", sector: str = "", overdue: bool | None = None
) -> QuerySet:
    """The reports `actor` handles (the county admin: all), newest first."""
    qs = PublicReport.objects.select_related("town", "sector", "handler_town", "handler_department")
    q = policy.handler_q(actor)
    if q is not None:
        qs = qs.filter(q)
    if status:
        qs = qs.filter(status=status)
    if town:
        qs = qs.filter(town__code=town)
    if sector:
        qs = qs.filter(sector__code=sector)
    if overdue is not None:
        late = PublicReport.objects.overdue(on=clock.today()).values("pk")
        qs = qs.filter(pk__in=late) if overdue else qs.exclude(pk__in=late)
    return qs


def public_report_get_for(*, actor, pk) -> PublicReport:
    try:
        return public_report_list(actor=actor).get(pk=pk)
    except (PublicReport.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def public_report_track(*, code: str) -> PublicReport:
    """The report with this tracking code, or 404 (codes are case-insensitive to type)."""
    code = (code or "").strip().upper()
    report = (
        PublicReport.objects.filter(tracking_code=code)
        .only("status", "received_at", "result")
        .first()
        if len(code) <= 32
        else None
    )
    if report is None:
        raise Http404
    return report


@dataclass
class ReportStats:
    key: str
    name: str
    received: int
    accepted: int
    verified_true: int
    overdue: int
    rewards: object
    verify_days: float | None  # average days from acceptance to verification


def public_report_stats(*, actor, by: str) -> list[ReportStats]:
    """Counts by `town` or `sector` (§15: received, accepted, verified true, average days to
    verify, overdue, rewards),
    aggregated in the database over the reports `actor` handles."""
    key = {"town": "town", "sector": "sector"}[by]
    late = PublicReport.objects.overdue(on=clock.today()).values("pk")
    rows = (
        public_report_list(actor=actor)
        .order_by()
        .values(f"{key}__code", f"{key}__name")
        .annotate(
            received=Count("pk"),
            accepted=Count("pk", filter=Q(accepted_at__isnull=False)),
            verified_true=Count("pk", filter=Q(finding__in=(Finding.TRUE, Finding.PARTLY))),
            overdue=Count("pk", filter=Q(pk__in=late)),
            rewards=Sum("reward_amount"),
            verify_time=Avg(
                ExpressionWrapper(F("verified_at") - F("accepted_at"), output_field=DurationField())
            ),
        )
        .order_by(f"{key}__code")
    )
    return [
        ReportStats(
            key=r[f"{key}__code"] or "",
            name=r[f"{key}__name"] or "",
            received=r["received"],
            accepted=r["accepted"],
            verified_true=r["verified_true"],
            overdue=r["overdue"],
            rewards=r["rewards"] or 0,
            verify_days=_days(r["verify_time"]),
        )
        for r in rows
    ]


def _days(duration) -> float | None:
    if duration is None:
        return None
    return round(duration.total_seconds() / 86400, 1)


OPEN_STATES = (
    ReportStatus.RECEIVED,
    ReportStatus.ACCEPTED,
    ReportStatus.VERIFIED,
    ReportStatus.REWARDED,
)
