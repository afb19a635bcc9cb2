"""The demo's forest fire and fireworks data: last season's fire as a watch area with patrols
and one gap, today's levels with a 签收 notice, 宾州 and 龙宾 on the watch list, a converting
plant followed up."""

import random

import pytest

from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.demo.context import DemoContext
from anjian.demo.data import fireworks as demo_fireworks
from anjian.demo.data import forestfire as demo_forest
from anjian.duty.models import Season
from anjian.fireworks import watch
from anjian.forestfire import selectors
from anjian.forestfire.models import FireDanger

pytestmark = pytest.mark.django_db


def test_demo_forest_fire_and_fireworks(
    county_admin, town_a, town_b, sectors, emergency_dept, enterprise_a
):
    Season.objects.create(name="森林防火期", start_month=1, start_day=1, end_month=12, end_day=31)
    ctx = DemoContext(
        today=clock.today(),
        rng=random.Random(1),
        county=None,
        towns={"town_a": town_a, "town_b": town_b},
        sectors=sectors,
        departments={"emergency": emergency_dept},
        enterprises=[enterprise_a],
        users={"county_admin": county_admin},
        admin=county_admin,
    )
    demo_forest.load(ctx)
    areas = selectors.with_requirements(list(selectors.area_list(actor=SYSTEM)))
    hill = next(a for a in areas if a.name == "青山岭重点监测区")
    assert hill.rangers and hill.patrols.count() >= 1
    assert [a.name for a in areas if a.gap] == ["青山岭重点监测区"]  # one gap
    assert FireDanger.objects.filter(date=ctx.today, level__gte=4, alert__isnull=False).exists()
    demo_fireworks.load(ctx)
    rows = watch.watch_list(actor=SYSTEM)
    expired = sorted(r["enterprise"].name for r in rows if r["reason"] == "licence_expired")
    assert expired == ["宾州烟花制品有限公司", "龙宾花炮厂"]
    assert [r["reason"] for r in rows].count("converted_follow_up") == 1
