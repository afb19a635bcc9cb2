"""`anjian sweep`, forest-fire step: when a 森林防火期 (a season of the work calendar whose name
holds 防火) is under way, the fires of the preceding 12 months become watch areas opened on its
first day (§11 "Watch areas"; idempotent: one area per fire and season). And, like a duty gap,
a watch area that ended a day with fewer patrols than required is reported to its town's
officers the next time the sweep runs (once per area and day)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.core.actors import SYSTEM
from anjian.duty.calendar import season_ranges
from anjian.notifications.services import notify

from . import selectors, services


def fire_seasons_on(day: dt.date) -> list[dt.date]:
    """First days of the fire-prevention seasons under way on `day`."""
    return sorted(
        {
            r.start
            for r in season_ranges(day.year)
            if "防火" in r.season.name and r.start <= day <= r.end
        }
    )


def run(*, now: dt.datetime) -> dict[str, int]:
    today = timezone.localdate(now)
    opened = 0
    for start in fire_seasons_on(today):
        opened += len(services.open_watch_areas(season_start=start))
    return {"watch_areas_opened": opened, "patrol_gaps": _patrol_gaps(today - dt.timedelta(days=1))}


def _patrol_gaps(day: dt.date) -> int:
    """Notify the town of each area that was open on `day` and patrolled less than required."""
    areas = selectors.with_requirements(
        list(selectors.area_list(actor=SYSTEM, day=day).filter(opened_on__lte=day)), day
    )
    created = 0
    with translation.override(settings.LANGUAGE_CODE):
        for area in areas:
            if area.gap <= 0:
                continue
            created += len(
                notify(
                    recipients=Unit.of_town(area.town).users(),
                    kind="forestfire.patrol_gap",
                    title=_("Patrol gap at %(area)s on %(day)s: %(done)s of %(required)s")
                    % {
                        "area": area.name,
                        "day": day.isoformat(),
                        "done": area.patrols_done,
                        "required": area.patrols_required,
                    },
                    body=_(
                        "The watch area was patrolled fewer times than required. Step up the "
                        "patrols and log each one with its route."
                    ),
                    key=f"forestfire.gap:{area.pk}:{day.isoformat()}",
                    url=area.get_absolute_url(),
                )
            )
    return created
