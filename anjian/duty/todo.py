"""A holiday coming up that the user's unit has not covered with duty rosters, for the workbench
(`reports.todo`, kind `roster_file`). The same window as the sweep's reminders: from
`duty.holiday_reminder_days` before the holiday until it begins."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.core import clock
from anjian.core.rules import rule_value
from anjian.duty import calendar
from anjian.duty import gaps as gap_rules
from anjian.duty.models import DutyRoster


def todo_tasks(user) -> list[dict]:
    """One task per coming holiday the unit's rosters do not wholly cover (one query each)."""
    unit = Unit.member_of(user)
    if unit is None or unit.kind not in DutyRoster.UNIT_KINDS:
        return []
    today = clock.today()
    horizon = today + dt.timedelta(days=rule_value("duty.holiday_reminder_days", on=today))
    tasks = []
    for holiday in calendar.holidays_from(today):
        if holiday.start > horizon:
            break
        if holiday.start < today:
            continue
        start, end = holiday.window()
        periods = list(
            DutyRoster.objects.overlapping(start, end)
            .filter(unit.own_q())
            .values_list("starts_at", "ends_at")
        )
        if not gap_rules.uncovered(start, end, periods):
            continue
        tasks.append(
            {
                "kind": "roster_file",
                "title": _("File the duty roster for %(name)s") % {"name": holiday.name},
                "url": f"{reverse('duty:roster_create')}?holiday={holiday.start.isoformat()}",
                "due": holiday.start,
                "overdue": False,
            }
        )
    return tasks
