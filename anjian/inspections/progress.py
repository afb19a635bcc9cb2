"""Campaign progress per town and per department, aggregated in the database.

Two grouped queries whatever the size of the campaign: the targets (and how many were inspected
or self-inspected) and the hazards found in the campaign's inspections (major, closed, overdue),
both by the target enterprise's town and competent department. Everything is narrowed to the caller's
jurisdiction, so a town sees its part, a department its sectors.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from anjian.core import clock
from anjian.core.scoping import scope_queryset
from anjian.hazards.models import Hazard, HazardGrade, HazardStatus
from anjian.inspections.models import Campaign, InspectionKind
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


def _grouped(*, actor, campaign: Campaign, on: dt.date) -> tuple[list[dict], dict]:
    """Two grouped queries by (town, department) of the target enterprise: the targets, and the
    hazards found in the campaign's inspections. Rows are folded per town and per department in
    Python (at most towns × departments rows)."""
    keys = ("enterprise__town_id", "enterprise__department_id")
    inspected = inspected_enterprise_ids(campaign)
    self_checked = inspected_enterprise_ids(campaign, kind=InspectionKind.SELF_CHECK)
    targets = list(
        campaign_targets(actor=actor, campaign=campaign)
        .values(
            *keys,
            "enterprise__town__code",
            "enterprise__town__name",
            "enterprise__town__ordering",
            "enterprise__department__code",
            "enterprise__department__name",
            "enterprise__department__ordering",
        )
        .annotate(
            targets=Count("pk"),
            inspected=Count("pk", filter=Q(enterprise_id__in=inspected)),
            self_checked=Count("pk", filter=Q(enterprise_id__in=self_checked)),
        )
        .order_by()
    )
    # From the hazards side: few rows, joined to their result through its unique index.
    hazards = (
        scope_queryset(
            Hazard.objects.filter(inspection_result__inspection__campaign=campaign), actor
        )
        .values(*keys)
        .annotate(
            hazards=Count("pk"),
            major=Count("pk", filter=Q(grade=HazardGrade.MAJOR)),
            closed=Count("pk", filter=Q(status=HazardStatus.CLOSED)),
            overdue=Count("pk", filter=~Q(status=HazardStatus.CLOSED) & Q(deadline__lt=on)),
        )
        .order_by()
    )
    return targets, {(h[keys[0]], h[keys[1]]): h for h in hazards}


COUNTS = ("targets", "inspected", "self_checked")
HAZARD_COUNTS = ("hazards", "major", "closed", "overdue")


def _fold(targets: list[dict], hazards: dict, unit: str) -> list[ProgressRow]:
    """Sum the (town, department) groups per `unit` ("town" or "department")."""
    rows: dict[int, ProgressRow] = {}
    order: dict[int, tuple] = {}
    for t in targets:
        pk = t[f"enterprise__{unit}_id"]
        row = rows.get(pk)
        if row is None:
            row = rows[pk] = ProgressRow(
                code=t[f"enterprise__{unit}__code"], name=t[f"enterprise__{unit}__name"]
            )
            order[pk] = (t[f"enterprise__{unit}__ordering"], row.code)
        found = hazards.get((t["enterprise__town_id"], t["enterprise__department_id"]), {})
        for name in COUNTS:
            setattr(row, name, getattr(row, name) + t[name])
        for name in HAZARD_COUNTS:
            setattr(row, name, getattr(row, name) + found.get(name, 0))
    return [rows[pk] for pk in sorted(rows, key=order.__getitem__)]


def campaign_progress(*, actor, campaign: Campaign, on: dt.date | None = None) -> CampaignProgress:
    """The progress table of a campaign in the actor's jurisdiction (two queries)."""
    today = on or clock.today()
    progress = CampaignProgress(campaign=campaign, on=today)
    targets, hazards = _grouped(actor=actor, campaign=campaign, on=today)
    progress.by_town = _fold(targets, hazards, "town")
    progress.by_department = _fold(targets, hazards, "department")
    total = progress.total
    for row in progress.by_town:
        for name in (*COUNTS, *HAZARD_COUNTS):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return progress
