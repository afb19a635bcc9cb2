"""Responsibility fixtures: accidents and hazards in town A and town B, through the services."""

import datetime as dt

import pytest

from anjian.accidents import services as accident_services
from anjian.core import clock
from anjian.core.actors import SYSTEM


@pytest.fixture
def make_accident(town_a, sectors):
    def _make(*, town=None, sector="road_traffic", enterprise=None, **extra):
        occurred_at = clock.now() - dt.timedelta(days=3)
        return accident_services.accident_report(
            actor=SYSTEM,
            data={
                "title": extra.pop("title", "测试事故"),
                "occurred_at": occurred_at,
                "reported_at": occurred_at + dt.timedelta(minutes=20),
                "town": town or town_a,
                "sector": sectors[sector],
                "accident_type": "02",
                "enterprise": enterprise,
                **extra,
            },
        )

    return _make


@pytest.fixture
def accident_a(make_accident, enterprise_a_road):
    """A road accident at a unit in town A (the traffic department's sector)."""
    return make_accident(enterprise=enterprise_a_road)


@pytest.fixture
def accident_b(make_accident, town_b):
    """An industry accident in town B: outside town A's and the traffic department's scope."""
    return make_accident(town=town_b, sector="industry_trade", title="乙镇事故")
