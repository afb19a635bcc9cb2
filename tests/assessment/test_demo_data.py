"""The demo's responsibilities: leaders with assignments and a gap or two, one 迟报 finding,
two accountability records."""

import datetime as dt
import random

from anjian.accounts.units import Unit
from anjian.assessment import gaps
from anjian.assessment.models import (
    AccidentFinding,
    AccountabilityRecord,
    FiveInPlace,
    Responsibility,
    SafetyPosition,
    SectorDuty,
)
from anjian.core import clock
from anjian.demo.context import DemoContext
from anjian.demo.data import assessment as demo_data
from anjian.hazards.models import Hazard
from anjian.hazards.services import hazard_create


def test_demo_responsibilities(
    county_admin,
    leader,
    town_a,
    town_b,
    traffic_dept,
    emergency_dept,
    sectors,
    enterprise_a,
    make_accident,
    enterprise_user,
):
    today = clock.today()
    make_accident(reported_at=clock.now() - dt.timedelta(days=2, hours=-3))
    hazard = hazard_create(
        actor=county_admin,
        data={
            "enterprise": enterprise_a,
            "source": "inspection",
            "description": "消防通道堵塞",
            "found_on": today,
            "found_by": "张三",
            "deadline": today + dt.timedelta(days=3),
            "responsible_person": "李四",
            "measures": "清理",
            "funds": 0,
            "contingency_plan": "值守",
        },
    )
    Hazard.objects.filter(pk=hazard.pk).update(
        found_on=today - dt.timedelta(days=20), deadline=today - dt.timedelta(days=2)
    )
    ctx = DemoContext(
        today=today,
        rng=random.Random(1),
        county=None,
        towns={"town_a": town_a, "town_b": town_b},
        sectors=sectors,
        departments={"transport": traffic_dept, "emergency": emergency_dept},
        users={"county_admin": county_admin, "leader": leader, "enterprise_user": enterprise_user},
        admin=county_admin,
    )
    demo_data.load(ctx)

    assert Responsibility.objects.filter(year=today.year).count() == len(demo_data.LEADERS)
    assert SectorDuty.objects.filter(part="lead").count() == 4  # the sectors with a department
    found = {(g.kind, g.subject) for g in gaps.supervision_gaps(unit=Unit.county(), today=today)}
    assert {s for k, s in found if k == "sector_without_leader"} == {"森林防火"}
    assert {s for k, s in found if k == "town_without_leader"} == {"乙镇"}
    assert AccidentFinding.objects.get().kind == "late"
    assert sorted(AccountabilityRecord.objects.values_list("kind", flat=True)) == [
        "interview",
        "rectification_order",
    ]
    assert SafetyPosition.objects.filter(enterprise=enterprise_a, signed=False).count() == 1
    assert FiveInPlace.objects.filter(enterprise=enterprise_a, in_place=True).count() == 4
