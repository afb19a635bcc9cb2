"""Campaign progress per town and per department, aggregated in the database.

Four grouped queries whatever the size of the campaign: targets (and how many were inspected or
self-inspected) by town and by department, and the hazards found in the campaign's inspections
(major, closed, overdue) by town and by department. Everything is narrowed to the caller's
jurisdiction, so a town sees its part, a department its sectors.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from anjian.core.scoping import scope_queryset
from anjian.hazards.models import HazardGrade, HazardStatus
from anjian.inspections.models import Campaign, InspectionKind, InspectionResult
from anjian.inspections.selectors import campaign_targets, inspected_enterprise_ids


@dataclass
class ProgressRow:
    code: str
    name: str
    targets: int = 0
    inspected: int = 0
    self_checked: int = 0
    hazards: int = 0
    major: int = 0
    closed: int = 0
    overdue: int = 0

    @property
    def pending(self) -> int:
        return self.targets - self.inspected

    @property
    def rate(self) -> float | None:
        """Share of targets inspected, in per cent (one decimal); None without targets."""
        return round(100 * self.inspected / self.targets, 1) if self.targets else None

    @property
    def not_started(self) -> bool:
        """Has targets and not one of them inspected yet: the unit has not reported."""
        return self.targets > 0 and self.inspected == 0


@dataclass
class CampaignProgress:
    campaign: Campaign
    on: dt.date
    by_town: list[ProgressRow] = field(default_factory=list)
    by_department: list[ProgressRow] = field(default_factory=list)
    total: ProgressRow = field(default_factory=lambda: ProgressRow("total", ""))

    @property
    def towns_not_started(self) -> list[ProgressRow]:
        return [r for r in self.by_town if r.not_started]

    @property
    def departments_not_started(self) -> list[ProgressRow]:
        return [r for r in self.by_department if r.not_started]


def _rows(*, actor, campaign: Campaign, unit: str, on: dt.date) -> list[ProgressRow]:
    """`unit` is "town" or "department": the enterprise's town or competent department."""
    key = f"enterprise__{unit}"
    inspected = inspected_enterprise_ids(campaign)
    self_checked = inspected_enterprise_ids(campaign, kind=InspectionKind.SELF_CHECK)
    targets = (
        campaign_targets(actor=actor, campaign=campaign)
        .values(f"{key}_id", f"{key}__code", f"{key}__name")
        .annotate(
            targets=Count("pk"),
            inspected=Count("pk", filter=Q(enterprise_id__in=inspected)),
            self_checked=Count("pk", filter=Q(enterprise_id__in=self_checked)),
        )
        .order_by(f"{key}__ordering", f"{key}__code")
    )
    open_ = ~Q(hazard__status=HazardStatus.CLOSED)
    hazards = (
        scope_queryset(
            InspectionResult.objects.filter(inspection__campaign=campaign, hazard__isnull=False),
            actor,
        )
        .values(f"inspection__{key}_id")
        .annotate(
            hazards=Count("pk"),
            major=Count("pk", filter=Q(hazard__grade=HazardGrade.MAJOR)),
            closed=Count("pk", filter=Q(hazard__status=HazardStatus.CLOSED)),
            overdue=Count("pk", filter=open_ & Q(hazard__deadline__lt=on)),
        )
        .order_by()
    )
    found = {h[f"inspection__{key}_id"]: h for h in hazards}
    rows = []
    for t in targets:
        h = found.pop(t[f"{key}_id"], {})
        rows.append(
            ProgressRow(
                code=t[f"{key}__code"],
                name=t[f"{key}__name"],
                targets=t["targets"],
                inspected=t["inspected"],
                self_checked=t["self_checked"],
                hazards=h.get("hazards", 0),
                major=h.get("major", 0),
                closed=h.get("closed", 0),
                overdue=h.get("overdue", 0),
            )
        )
    return rows


def campaign_progress(*, actor, campaign: Campaign, on: dt.date | None = None) -> CampaignProgress:
    """The progress table of a campaign in the actor's jurisdiction (four queries)."""
    today = on or timezone.localdate()
    progress = CampaignProgress(campaign=campaign, on=today)
    progress.by_town = _rows(actor=actor, campaign=campaign, unit="town", on=today)
    progress.by_department = _rows(actor=actor, campaign=campaign, unit="department", on=today)
    total = progress.total
    for row in progress.by_town:
        for name in (
            "targets",
            "inspected",
            "self_checked",
            "hazards",
            "major",
            "closed",
            "overdue",
        ):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return progress
