"""Accident factories: a fixed county, accidents written through the service."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from anjian.accidents import services
from anjian.accounts.models import County
from anjian.core.actors import SYSTEM


def at(*args) -> dt.datetime:
    """An aware Asia/Shanghai datetime: at(2024, 3, 5, 14, 30)."""
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def county(db):
    return County.objects.create(code="demo", name="示例县")


@pytest.fixture
def make_accident(town_a, sectors):
    """make_accident(occurred_at=..., sector="road_traffic", **fields) through the service."""

    def _make(
        *,
        occurred_at=None,
        delay_minutes=20,
        sector="road_traffic",
        town=None,
        actor=SYSTEM,
        **fields,
    ):
        occurred_at = occurred_at or at(2024, 3, 5, 14, 30)
        data = {
            "title": fields.pop("title", "测试事故"),
            "occurred_at": occurred_at,
            "reported_at": occurred_at + dt.timedelta(minutes=delay_minutes),
            "town": town or town_a,
            "sector": sectors[sector],
            "accident_type": "02",
            "direct_loss": Decimal(fields.pop("direct_loss", 0)),
            **fields,
        }
        return services.accident_report(actor=actor, data=data)

    return _make
