"""The demo's plans: the county, every town and the high-risk units; some overdue, some late."""

import random

import pytest

from anjian.core import clock
from anjian.demo.context import DemoContext
from anjian.demo.data import emergency as demo_data
from anjian.emergency.models import EmergencyPlan

pytestmark = pytest.mark.django_db


def test_demo_plans(
    county_admin,
    town_a,
    town_b,
    sectors,
    enterprise_a,
    enterprise_b,
    enterprise_a_road,
    enterprise_user,
    traffic_dept,
    emergency_dept,
):
    ctx = DemoContext(
        today=clock.today(),
        rng=random.Random(1),
        county=None,
        towns={
            "town_a": town_a,
            "town_b": town_b,
            "town_c": type(town_a).objects.create(code="town_c", name="丙镇"),
        },
        sectors=sectors,
        enterprises=[enterprise_a, enterprise_b, enterprise_a_road],
        users={"county_admin": county_admin, "enterprise_user": enterprise_user},
        admin=county_admin,
    )
    demo_data.load(ctx)
    plans = list(EmergencyPlan.objects.with_dates().select_related("enterprise__sector"))
    assert {p.unit_kind for p in plans} == {"county", "town", "enterprise"}
    assert {p.town_id for p in plans if p.unit_kind == "town"} == {t.pk for t in ctx.towns.values()}
    # High-risk units only: the chemicals unit (the demo user's) and the industry-trade unit.
    assert {p.enterprise_id for p in plans if p.enterprise_id} == {enterprise_a.pk, enterprise_b.pk}
    assert any(p.overdue for p in plans) and not all(p.overdue for p in plans)
    assert any(p.filing_late for p in plans if p.filed_on)
    assert any(not p.filing_late for p in plans if p.filed_on)
