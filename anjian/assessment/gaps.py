"""监管盲区: the gaps in supervision that the data shows, computed in a fixed number of queries.

Kinds (contract v2, "Responsibility and assessment"):
- `sector_without_department`: no department supervises the sector (管行业必须管安全);
- `enterprise_without_department`: an operating unit whose competent department does not
  supervise its sector, so no department officer sees it;
- `sector_without_leader` / `town_without_leader`: no leader's assignment of the year names it
  (党政同责、一岗双责);
- `enterprise_not_inspected`: an operating unit with no government inspection in the last
  12 months;
- `enterprise_sector_uncovered`: an operating unit in a sector that no running campaign and no
  active sector checklist covers.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from anjian.accounts.models import Department, Sector, Town
from anjian.accounts.units import Unit
from anjian.assessment.models import ResponsibilitySector, ResponsibilityTown
from anjian.inspections.models import Campaign, Checklist, Inspection, InspectionKind
from anjian.registry.models import Enterprise, EnterpriseStatus

KINDS = (
    "sector_without_department",
    "enterprise_without_department",
    "sector_without_leader",
    "town_without_leader",
    "enterprise_not_inspected",
    "enterprise_sector_uncovered",
)


@dataclass(frozen=True)
class Gap:
    kind: str
    subject: str
    detail: str
    url: str  # where the gap is fixed
    key: str  # stable identity (the sweep notifies once per key)
    town_id: int | None = None
    sector_id: int | None = None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "subject": self.subject, "detail": self.detail, "url": self.url}


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _sectors(*, today: dt.date):
    """One query: every sector with whether a department, a leader and a campaign or checklist
    covers it."""
    supervised = Department.sectors.through.objects.filter(sector_id=OuterRef("pk"))
    led = ResponsibilitySector.objects.filter(
        sector_id=OuterRef("pk"), responsibility__year=today.year
    )
    campaign = Campaign.objects.filter(
        sectors=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today
    )
    checklist = Checklist.objects.filter(
        Q(superseded_on__isnull=True) | Q(superseded_on__gt=today),
        sector_id=OuterRef("pk"),
        active=True,
    )
    return list(
        Sector.objects.annotate(
            supervised=Exists(supervised),
            led=Exists(led),
            covered=Exists(campaign) | Exists(checklist),
        )
    )


def _towns(*, today: dt.date):
    led = ResponsibilityTown.objects.filter(town_id=OuterRef("pk"), responsibility__year=today.year)
    return list(Town.objects.annotate(led=Exists(led)).filter(led=False))


def _enterprises(*, unit: Unit, today: dt.date, uncovered_sector_ids: set[int]):
    """One query: the operating units in the unit's jurisdiction with at least one gap."""
    supervised = Department.sectors.through.objects.filter(
        department_id=OuterRef("department_id"), sector_id=OuterRef("sector_id")
    )
    inspected = Inspection.objects.filter(
        enterprise_id=OuterRef("pk"),
        kind=InspectionKind.INSPECTION,
        inspected_on__gte=year_before(today),
    )
    return (
        Enterprise.objects.filter(unit.scope_q(Enterprise.SCOPE), status=EnterpriseStatus.OPERATING)
        .annotate(supervised=Exists(supervised), inspected=Exists(inspected))
        .filter(Q(supervised=False) | Q(inspected=False) | Q(sector_id__in=uncovered_sector_ids))
        .select_related("sector", "department", "town")
        .order_by("town__ordering", "name")
    )


def _place_gaps(*, sectors, towns, year: int) -> list[Gap]:
    gaps = []
    new_responsibility = reverse("assessment:responsibility_create")
    matrix = reverse("assessment:sector_duty_list")
    for sector in sectors:
        if not sector.supervised:
            gaps.append(
                Gap(
                    "sector_without_department",
                    sector.name,
                    _("No department supervises this sector."),
                    matrix,
                    f"sector_without_department:{sector.code}",
                    sector_id=sector.pk,
                )
            )
        if not sector.led:
            gaps.append(
                Gap(
                    "sector_without_leader",
                    sector.name,
                    _("No leader is in charge of this sector in %(year)s.") % {"year": year},
                    new_responsibility,
                    f"sector_without_leader:{year}:{sector.code}",
                    sector_id=sector.pk,
                )
            )
    for town in towns:
        gaps.append(
            Gap(
                "town_without_leader",
                town.name,
                _("No leader is linked to this town in %(year)s.") % {"year": year},
                new_responsibility,
                f"town_without_leader:{year}:{town.code}",
                town_id=town.pk,
            )
        )
    return gaps


def _enterprise_gaps(enterprises, *, uncovered: set[int], since: dt.date) -> list[Gap]:
    gaps = []
    new_inspection = reverse("inspections:inspection_create")
    new_campaign = reverse("inspections:campaign_create")
    for e in enterprises:
        where = {"town_id": e.town_id, "sector_id": e.sector_id}
        if not e.supervised:
            gaps.append(
                Gap(
                    "enterprise_without_department",
                    e.name,
                    _(
                        "Its competent department %(department)s does not supervise its sector "
                        "%(sector)s."
                    )
                    % {"department": e.department.name, "sector": e.sector.name},
                    reverse("registry:enterprise_edit", args=[e.pk]),
                    f"enterprise_without_department:{e.pk}:{e.department_id}:{e.sector_id}",
                    **where,
                )
            )
        if not e.inspected:
            gaps.append(
                Gap(
                    "enterprise_not_inspected",
                    e.name,
                    _("No government inspection since %(day)s.") % {"day": since.isoformat()},
                    f"{new_inspection}?enterprise={e.pk}",
                    f"enterprise_not_inspected:{e.pk}:{since.year}",
                    **where,
                )
            )
        if e.sector_id in uncovered:
            gaps.append(
                Gap(
                    "enterprise_sector_uncovered",
                    e.name,
                    _("No running campaign and no active checklist covers its sector %(sector)s.")
                    % {"sector": e.sector.name},
                    new_campaign,
                    f"enterprise_sector_uncovered:{e.pk}:{e.sector_id}",
                    **where,
                )
            )
    return gaps


def supervision_gaps(*, unit: Unit, today: dt.date) -> list[Gap]:
    """The gaps in `unit`'s jurisdiction on `today` (county: all), sector and town gaps first.

    Five queries whatever the number of units (two more for a town or a department)."""
    sectors = _sectors(today=today)
    uncovered = {s.pk for s in sectors if not s.covered}
    gaps = _place_gaps(sectors=sectors, towns=_towns(today=today), year=today.year)
    if not unit.is_county_wide:
        town_ids = set(unit.towns().values_list("pk", flat=True))
        sector_ids = set(unit.sectors().values_list("pk", flat=True))
        gaps = [
            g
            for g in gaps
            if (g.town_id is None or g.town_id in town_ids)
            and (g.sector_id is None or g.sector_id in sector_ids)
        ]
    enterprises = _enterprises(unit=unit, today=today, uncovered_sector_ids=uncovered)
    return gaps + _enterprise_gaps(enterprises, uncovered=uncovered, since=year_before(today))
