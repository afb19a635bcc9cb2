"""`anjian sweep`, forest-fire step: when a 森林防火期 (a season of the work calendar whose name
holds 防火) is under way, the fires of the preceding 12 months become watch areas opened on its
first day (§11 "Watch areas"; idempotent: one area per fire and season)."""

import datetime as dt

from django.utils import timezone

from anjian.duty.calendar import season_ranges

from . import services


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
    return {"watch_areas_opened": opened}
