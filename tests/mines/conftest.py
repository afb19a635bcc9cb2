import datetime as dt

import pytest

from anjian.core import clock
from anjian.mines import services


@pytest.fixture
def make_pond(county_admin, enterprise_a):
    def _make(**extra):
        data = {
            "name": "甲镇尾矿库",
            "total_capacity": 500,
            "dam_height": 65,
            "construction": "upstream",
            "downstream_within_1km": 0,
            **extra,
        }
        return services.pond_create(
            actor=county_admin, enterprise=extra.pop("enterprise", enterprise_a), data=data
        )

    return _make


@pytest.fixture
def make_point(county_admin):
    def _make(pond, code="JR1", item="phreatic_depth", **thresholds):
        thresholds = thresholds or {"blue": 8, "yellow": 6, "orange": 5.5, "red": 5}
        return services.point_create(
            actor=county_admin, pond=pond, data={"code": code, "item": item, **thresholds}
        )

    return _make


def earlier(minutes: int) -> dt.datetime:
    return clock.now() - dt.timedelta(minutes=minutes)
