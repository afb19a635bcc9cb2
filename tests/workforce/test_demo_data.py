"""The demo's inspectors and trainings: teams per department and town, one certificate expiring
and one expired, hours this year, the demo enterprise's training with a shortfall."""

import random

import pytest

from anjian.core import clock
from anjian.demo.context import DemoContext
from anjian.demo.data import workforce as demo_data
from anjian.inspections import draws
from anjian.workforce import selectors
from anjian.workforce.models import Induction, Inspector, Training

pytestmark = pytest.mark.django_db


def test_demo_inspectors_and_trainings(
    county_admin,
    town_a,
    town_b,
    sectors,
    enterprise_a,
    enterprise_b,
    enterprise_user,
    town_a_officer,
    traffic_officer,
    traffic_dept,
    emergency_dept,
):
    market = type(traffic_dept).objects.create(code="market", name="县市场监督管理局")
    ctx = DemoContext(
        today=clock.today(),
        rng=random.Random(1),
        county=None,
        towns={"town_a": town_a, "town_b": town_b},
        sectors=sectors,
        departments={"transport": traffic_dept, "emergency": emergency_dept, "market": market},
        enterprises=[enterprise_a, enterprise_b],
        users={
            "county_admin": county_admin,
            "enterprise_user": enterprise_user,
            "town_officer": town_a_officer,
            "dept_officer": traffic_officer,
        },
        admin=county_admin,
    )
    demo_data.load(ctx)
    assert Inspector.objects.count() == 3 * 3 + 2 * 2
    states = [i.certificate_state for i in Inspector.objects.all()]
    assert states.count("expiring") == 1 and states.count("expired") == 1
    assert Inspector.objects.get(user=town_a_officer).unit_code == "town_a"
    assert [t["kind"] for t in selectors.todo_tasks(town_a_officer)] == ["certificate_expiring"]
    rows = selectors.with_figures(selectors.inspector_list(actor=county_admin))
    hours = {i.name: i.training_hours for i in rows}
    assert min(hours.values()) >= 24 and max(hours.values()) == 40
    assert Training.objects.filter(enterprise=enterprise_a).count() == 6
    (row,) = [
        r for r in selectors.enterprise_training_list(actor=enterprise_user, year=ctx.today.year)
    ]
    status = selectors.enterprise_training_status(row)
    assert status["principal"]["year_met"] and not status["safety_manager"]["year_met"]
    assert {i.worker: i.sufficient for i in Induction.objects.all()} == {
        "新员工甲": True,
        "新员工乙": False,
    }
    # The 双随机 draw of the demo town officer now has inspectors to send.
    record = draws.draw_create(actor=town_a_officer, enterprises=1, inspectors=1, seed=3)
    assert record.inspectors and set(record.candidate_inspectors) == set(
        Inspector.objects.filter(town=town_a).values_list("pk", flat=True)
    )
