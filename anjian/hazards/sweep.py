"""Hazard escalation for `anjian sweep` (令第16号; the county's defaults, domain rules §2):

- a reminder before the deadline (rule `hazards.reminder_days`, 3 days by default), to the
  responsible enterprise's users;
- overdue: a notice to the responsible unit and its supervisors (the town officers and the
  officers of the departments of its sector);
- an overdue major hazard: to the county admins as well (it counts as an accident in the
  assessment, 视同发生事故).

Idempotent: each notification has a key naming the hazard and the deadline it is about, so a
second run creates nothing, and an approved extension (a new deadline) warns again.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.models import Department
from anjian.accounts.units import Unit, UnitKind
from anjian.core.dates import cn_date
from anjian.core.rules import rule_value
from anjian.notifications.services import notify

from .models import Hazard


class _Users:
    """Active users by unit, fetched once per sweep (no query per hazard)."""

    def __init__(self):
        users = get_user_model().objects.filter(is_active=True)
        by_kind: dict[str, dict] = {kind: {} for kind in UnitKind.values}
        for user in users:
            unit = Unit.member_of(user)
            if unit is not None:
                by_kind[unit.kind].setdefault(unit.pk, []).append(user)
        self.by_enterprise = by_kind[UnitKind.ENTERPRISE]
        self.by_town = by_kind[UnitKind.TOWN]
        self.by_department = by_kind[UnitKind.DEPARTMENT]
        self.county = by_kind[UnitKind.COUNTY].get(None, [])
        self.departments_of_sector: dict[int, list[int]] = {}
        for dept_id, sector_id in Department.sectors.through.objects.values_list(
                "department_id", "sector_id"):
            self.departments_of_sector.setdefault(sector_id, []).append(dept_id)

    def responsible(self, hazard: Hazard) -> list:
        """The unit that rectifies: the enterprise, or the town for a public place."""
        if hazard.enterprise_id:
            return self.by_enterprise.get(hazard.enterprise_id, [])
        return self.by_town.get(hazard.town_id, [])

    def supervisors(self, hazard: Hazard) -> list:
        found = list(self.by_town.get(hazard.town_id, []))
        for dept_id in self.departments_of_sector.get(hazard.sector_id, []):
            found.extend(self.by_department.get(dept_id, []))
        return found


def _unique(users) -> list:
    seen, result = set(), []
    for user in users:
        if user.pk not in seen:
            seen.add(user.pk)
            result.append(user)
    return result


def run(*, now: dt.datetime) -> dict[str, int]:
    today = timezone.localtime(now).date()
    users = _Users()
    counts = {"hazard_due": 0, "hazard_overdue": 0, "major_hazard_overdue": 0}
    open_hazards = Hazard.objects.open().select_related("enterprise")

    remind_days = rule_value("hazards.reminder_days", on=today)
    for hazard in open_hazards.due_within(remind_days, on=today).iterator(chunk_size=500):
        counts["hazard_due"] += len(notify(
            recipients=users.responsible(hazard), kind="hazard.due",
            title=(_("Hazard due on %(day)s: %(hazard)s")
                   % {"day": cn_date(hazard.deadline), "hazard": hazard})[:200],
            key=f"hazard.due:{hazard.pk}:{hazard.deadline.isoformat()}",
            url=hazard.get_absolute_url()))

    for hazard in open_hazards.overdue(on=today).iterator(chunk_size=500):
        key = f"hazard.overdue:{hazard.pk}:{hazard.deadline.isoformat()}"
        title = (_("Hazard overdue since %(day)s: %(hazard)s")
                 % {"day": cn_date(hazard.deadline), "hazard": hazard})[:200]
        counts["hazard_overdue"] += len(notify(
            recipients=_unique(users.responsible(hazard) + users.supervisors(hazard)),
            kind="hazard.overdue", title=title, key=key, url=hazard.get_absolute_url()))
        if hazard.is_major:
            counts["major_hazard_overdue"] += len(notify(
                recipients=users.county, kind="hazard.major_overdue",
                title=(_("Major hazard overdue (counts as an accident): %(hazard)s")
                       % {"hazard": hazard})[:200],
                key=f"hazard.major_overdue:{hazard.pk}:{hazard.deadline.isoformat()}",
                url=hazard.get_absolute_url()))
    return counts

