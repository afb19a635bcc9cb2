"""The pre-holiday fire-safety check of crowded places (`anjian sweep`, SWEEP_STEPS): from
`duty.holiday_reminder_days` before each holiday of the work calendar, every town with crowded
places, and the departments of the fire sector, get one task per holiday. Idempotent by key."""

import datetime as dt

from django.conf import settings
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anjian.accounts.models import Town
from anjian.accounts.units import Unit
from anjian.core.rules import rule_value
from anjian.duty import calendar
from anjian.notifications.services import notify

from . import rules
from .models import CrowdedPlace


def run(*, now: dt.datetime) -> dict[str, int]:
    today = timezone.localdate(now) if isinstance(now, dt.datetime) else now
    holiday = calendar.next_holiday(today)
    if holiday is None or not rules.holiday_sweep_due(
        today, holiday.start, rule_value("duty.holiday_reminder_days", on=today)
    ):
        return {"crowded_holiday_check": 0}
    counts = dict(
        CrowdedPlace.objects.filter(crowded=True)
        .values("town_id")
        .annotate(n=Count("pk"))
        .values_list("town_id", "n")
    )
    if not counts:
        return {"crowded_holiday_check": 0}
    created = 0
    fire = CrowdedPlace.objects.filter(crowded=True).values_list("sector_id", flat=True).first()
    with translation.override(settings.LANGUAGE_CODE):
        for town in Town.objects.filter(pk__in=counts):
            units = [Unit.of_town(town)] + [
                u for u in Unit.covering(town_id=town.pk, sector_id=fire) if u.kind == "department"
            ]
            created += len(
                notify(
                    recipients=Unit.users_of(units),
                    kind="crowded.holiday_check",
                    title=_(
                        "Fire-safety check of %(n)s crowded places in %(town)s before %(holiday)s"
                    )
                    % {"n": counts[town.pk], "town": town.name, "holiday": holiday.name},
                    body=_(
                        "Check exits, fire alarm and extinguishing systems, and the daily fire "
                        "patrol records of the key units before the holiday."
                    ),
                    key=f"crowded.holiday:{holiday.start}:{town.pk}",
                )
            )
    return {"crowded_holiday_check": created}
