"""Hazard fixtures: a hazard found by each side, built through the real services."""

import datetime as dt

import pytest

from anjian.core import clock
from anjian.hazards.services import hazard_create


def hazard_data(**extra) -> dict:
    today = clock.today()
    data = {
        "description": "消防通道堵塞", "found_on": today, "found_by": "张三",
        "deadline": today + dt.timedelta(days=10), "responsible_person": "李四",
        "measures": "清理通道", "funds": 0, "contingency_plan": "专人值守",
    }
    data.update(extra)
    return data


@pytest.fixture
def make_hazard():
    """make_hazard(actor, **data) → a hazard registered through hazard_create."""

    def _make(actor, **extra):
        return hazard_create(actor=actor, data=hazard_data(**extra))

    return _make


@pytest.fixture
def gov_hazard(town_a_officer, enterprise_a, make_hazard):
    """Found by town A's inspection at enterprise A: town A accepts it."""
    return make_hazard(town_a_officer, enterprise=enterprise_a, source="inspection")


@pytest.fixture
def self_hazard(enterprise_user, make_hazard):
    """Found by enterprise A itself (general): its safety manager accepts it."""
    return make_hazard(enterprise_user, description="配电箱未接地")
