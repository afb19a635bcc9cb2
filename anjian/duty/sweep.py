"""The duty sweep (`anjian sweep`): before each holiday, remind every unit whose rosters do not
cover it, and every unit whose covering roster has gaps; near the year end, remind the county
admin when next year's statutory holidays are still unknown. Idempotent by notification key."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.core.rules import rule_value
from anjian.duty import calendar, selectors
from anjian.notifications.services import notify

CALENDAR_LEAD_DAYS = 45  # how long before New Year next year's holidays must be known


def _dates(h: calendar.Holiday) -> dict:
    return {"name": h.name, "start": f"{h.start.month}月{h.start.day}日",
            "end": f"{h.end.month}月{h.end.day}日"}


def _holiday_reminders(holiday: calendar.Holiday) -> dict[str, int]:
    counts = {"roster_missing": 0, "roster_gaps": 0}
    create_url = f"{reverse('duty:roster_create')}?holiday={holiday.start.isoformat()}"
    for row in selectors.filing_overview(holiday=holiday):
        users = list(row.unit.users())
        if row.state != "filed":
            title = (_("No duty roster yet for %(name)s (%(start)s–%(end)s)")
                     if row.state == "missing" else
                     _("The duty roster does not cover all of %(name)s (%(start)s–%(end)s)"))
            counts["roster_missing"] += len(notify(
                recipients=users, kind="duty.roster_missing", title=title % _dates(holiday),
                key=f"duty.roster-missing:{holiday.start}:{row.unit.key}", url=create_url,
                body=_("File the unit's duty roster with a leader on duty and 24-hour staff.")))
        for roster in row.rosters:
            found = selectors.roster_gaps(roster)
            if not found:
                continue
            counts["roster_gaps"] += len(notify(
                recipients=users, kind="duty.roster_gaps",
                title=_("The duty roster for %(name)s has %(n)s gaps") % {
                    **_dates(holiday), "n": len(found)},
                key=f"duty.roster-gaps:{holiday.start}:{roster.pk}",
                url=reverse("duty:roster_detail", args=[roster.pk]),
                body=_("Some hours have no staff or no leader on duty.")))
    return counts


def _calendar_reminder(today: dt.date) -> int:
    year = today.year + 1
    if (today + dt.timedelta(days=CALENDAR_LEAD_DAYS)).year < year:
        return 0
    try:
        calendar.year_source(year)
    except calendar.UnsupportedYear:
        return len(notify(
            recipients=Unit.county().users(), kind="duty.calendar_missing",
            title=_("The statutory holidays of %(year)s are not in the calendar yet")
            % {"year": year},
            key=f"duty.calendar-missing:{year}", url=reverse("duty:calendar_settings"),
            body=_("Enter the State Council's holiday notice in the calendar settings, or "
                   "upgrade the chinesecalendar package.")))
    return 0


def run(*, now: dt.datetime, days: int | None = None) -> dict[str, int]:
    """Create the reminders due at `now`; returns how many notifications were created.

    Reminders start `days` before a holiday: the rule `duty.holiday_reminder_days` in force
    today unless given."""
    today = timezone.localdate(now)
    if days is None:
        days = rule_value("duty.holiday_reminder_days", on=today)
    counts = {"roster_missing": 0, "roster_gaps": 0, "calendar_missing": 0}
    with translation.override(settings.LANGUAGE_CODE):
        for holiday in calendar.holidays_from(today):
            if holiday.start > today + dt.timedelta(days=days):
                break
            if holiday.start < today:
                continue  # under way already: reminders were due before it began
            for key, value in _holiday_reminders(holiday).items():
                counts[key] += value
        counts["calendar_missing"] = _calendar_reminder(today)
    return counts
