"""Reads of hazards, always through the caller's jurisdiction."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import clock
from anjian.core.periods import Period, PeriodError, parse_period
from anjian.core.scoping import get_in_scope, scope_queryset
from anjian.registry.models import Enterprise

from .models import Hazard, HazardGrade, HazardStatus, HazardTransition

LIST_RELATED = ("enterprise", "town", "sector", "criterion")


def hazard_list(
    *,
    actor,
    town: str = "",
    sector: str = "",
    status: str = "",
    grade: str = "",
    source: str = "",
    supervised: bool | None = None,
    overdue: bool | None = None,
    enterprise: int | None = None,
    q: str = "",
    on: dt.date | None = None,
    department: str = "",
    found: Period | None = None,
) -> QuerySet:
    """The hazards the actor may see, filtered (town and sector by code; `department`: in the
    department's sectors; `found`: found within the period)."""
    qs = scope_queryset(Hazard.objects.all(), actor)
    if town:
        qs = qs.filter(town__code=town)
    if sector:
        qs = qs.filter(sector__code=sector)
    if department:
        qs = qs.filter(sector__departments__code=department)
    if found is not None:
        qs = qs.filter(found_on__gte=found.start, found_on__lt=found.end_exclusive)
    if status:
        qs = qs.filter(status=status)
    if grade:
        qs = qs.filter(grade=grade)
    if source:
        qs = qs.filter(source=source)
    if supervised is not None:
        qs = qs.filter(supervised=supervised)
    if overdue is True:
        qs = qs.overdue(on=on)
    elif overdue is False:
        qs = qs.not_overdue(on=on)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if q:
        qs = qs.search(q)
    return qs.select_related(*LIST_RELATED)


def found_period(value: str) -> Period:
    """A `found` filter value (2024, 2024-Q1, 2024-03), or a Chinese error naming the field."""
    try:
        return parse_period(value)
    except PeriodError as exc:
        raise ValidationError(
            {
                "found": [
                    _(
                        "Unknown period “%(value)s”: use 2024-03 (a month), 2024-Q1 (a quarter) "
                        "or 2024 (a year)."
                    )
                    % {"value": value}
                ]
            }
        ) from exc


def hazard_get_for(*, actor, pk) -> Hazard:
    """One hazard in scope, or 404."""
    return get_in_scope(
        Hazard.objects.select_related(
            *LIST_RELATED, "criterion", "owner_town", "owner_department", "reported_by"
        ),
        actor,
        pk=pk,
    )


def hazard_history(*, hazard: Hazard) -> QuerySet:
    """The workflow steps of a hazard (already fetched in scope), oldest first, with evidence."""
    return (
        HazardTransition.objects.filter(hazard=hazard)
        .select_related("actor")
        .prefetch_related("evidence")
    )


def hazard_evidence_get_for(*, actor, pk):
    from .models import HazardEvidence

    item = HazardEvidence.objects.select_related("hazard").filter(pk=pk).first()
    if item is None:
        from django.http import Http404

        raise Http404
    hazard_get_for(actor=actor, pk=item.hazard_id)
    return item


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """`2024-Q1` → Quarter(2024, 1); raises ValueError on anything else."""
        year, _sep, number = text.strip().upper().partition("-Q")
        quarter = cls(int(year), int(number))
        if not 1 <= quarter.number <= 4:
            raise ValueError(text)
        return quarter

    @classmethod
    def current(cls, on: dt.date | None = None) -> "Quarter":
        today = on or clock.today()
        return cls(today.year, (today.month - 1) // 3 + 1)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def enterprise_quarter_stats(*, actor, quarter: Quarter) -> QuerySet:
    """Per enterprise in scope, for one quarter (aggregated in the database):
    `found` in the quarter; `rectified`: of those, closed by the quarter's end; `major`: found
    major ones; `overdue`: open at the quarter's end (or today, if earlier) past their deadline."""
    end = min(quarter.end, clock.today())
    after_end = _day_start(end + dt.timedelta(days=1))
    found = Q(hazards__found_on__gte=quarter.start, hazards__found_on__lte=quarter.end)
    closed_by_end = Q(hazards__closed_at__lt=after_end)
    return (
        scope_queryset(Enterprise.objects.all(), actor)
        .annotate(
            found=Count("hazards", filter=found),
            rectified=Count("hazards", filter=found & closed_by_end),
            major=Count("hazards", filter=found & Q(hazards__grade=HazardGrade.MAJOR)),
            overdue=Count(
                "hazards",
                filter=Q(hazards__found_on__lte=end)
                & Q(hazards__deadline__lt=end)
                & ~closed_by_end,
            ),
        )
        .filter(Q(found__gt=0) | Q(overdue__gt=0))
        .select_related("town", "sector")
        .order_by("town__ordering", "name", "id")
    )


def status_counts(*, actor) -> dict[str, int]:
    """Open hazards by state plus overdue and supervised counts, for the list page's header."""
    qs = scope_queryset(Hazard.objects.all(), actor)
    today = clock.today()
    return qs.aggregate(
        pending=Count("pk", filter=Q(status=HazardStatus.PENDING)),
        rectifying=Count("pk", filter=Q(status=HazardStatus.RECTIFYING)),
        awaiting=Count("pk", filter=Q(status=HazardStatus.AWAITING_ACCEPTANCE)),
        overdue=Count("pk", filter=~Q(status=HazardStatus.CLOSED) & Q(deadline__lt=today)),
        supervised=Count("pk", filter=Q(supervised=True) & ~Q(status=HazardStatus.CLOSED)),
    )
