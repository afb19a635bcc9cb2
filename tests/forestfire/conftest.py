import datetime as dt

import pytest
from django.utils import timezone

from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.forestfire import services


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_default_timezone())


@pytest.fixture
def fire_a(town_a):
    """Last autumn's fire on a hill in town A (541: before 2026)."""
    day = dt.date(2024, 11, 20)
    return services.fire_create(
        actor=SYSTEM,
        data={
            "town": town_a,
            "place": "青山岭",
            "lng": "108.310000",
            "lat": "22.820000",
            "started_at": at(day, 13),
            "discovered_at": at(day, 14),
            "reported_at": at(day, 14),
            "damaged_area_ha": "0.5",
            "burned_area_ha": "0.8",
            "cause": "祭祀用火",
        },
    )


@pytest.fixture
def area_a(town_a, fire_a):
    """The watch area opened on the fire's place, open today."""
    return services.area_create(
        actor=SYSTEM,
        data={
            "town": town_a,
            "name": "青山岭重点监测区",
            "lng": "108.310000",
            "lat": "22.820000",
            "leader": "李镇长",
            "rangers": ["黄护林", "韦护林"],
            "opened_on": clock.today() - dt.timedelta(days=30),
        },
    )


@pytest.fixture(autouse=True)
def _towns(town_a, town_b):
    """Both towns exist in every test (bodies name them by code)."""
