"""A hand-built campaign: chemicals in towns A, B and C, with inspections and hazards."""

import datetime as dt

import pytest

from anjian.accounts.models import Town
from anjian.core import clock
from anjian.hazards.models import Hazard, HazardStatus
from anjian.inspections import campaigns, services
from anjian.inspections.models import Checklist, Outcome
from anjian.registry.models import EnterpriseStatus
from tests.conftest import make_enterprise


@pytest.fixture
def today():
    return clock.today()


@pytest.fixture
def checklist(county_admin, sectors):
    """A chemicals checklist: item 1 is a major-hazard criterion, items 2 and 3 are not."""
    from anjian.hazards.models import HazardCriterion

    checklist = services.checklist_create(
        actor=county_admin,
        data={
            "code": "test-chem",
            "name": "危化品日常检查表",
            "sector": sectors["hazardous_chemicals"],
            "standard": "测试",
            "version": "1",
            "active": True,
        },
    )
    services.checklist_item_create(
        actor=county_admin,
        checklist=checklist,
        data={
            "text": "特种作业人员未持证上岗。",
            "criterion": HazardCriterion.objects.get(code="chem-02"),
        },
    )
    services.checklist_item_create(
        actor=county_admin, checklist=checklist, data={"text": "安全警示标志缺失。"}
    )
    services.checklist_item_create(
        actor=county_admin, checklist=checklist, data={"text": "应急器材过期。"}
    )
    return checklist


def answers(checklist: Checklist, problems: dict[int, str] | None = None) -> list[dict]:
    """Every active item answered "ok", except the item numbers given (→ problem, note)."""
    problems = problems or {}
    return [
        {
            "item": item,
            "outcome": Outcome.PROBLEM if item.number in problems else Outcome.OK,
            "note": problems.get(item.number, ""),
        }
        for item in checklist.items.filter(active=True)
    ]


@pytest.fixture
def town_c(db) -> Town:
    return Town.objects.create(code="town_c", name="丙镇")


@pytest.fixture
def world(
    enterprise_a, enterprise_a_road, enterprise_b, town_a, town_b, town_c, sectors, emergency_dept
):
    chem = sectors["hazardous_chemicals"]

    def unit(name, n, town, **extra):
        return make_enterprise(
            name=name, n=n, town=town, sector=chem, department=emergency_dept, **extra
        )

    return {
        "a": enterprise_a,
        "a2": unit("甲镇二号化工", 11, town_a),
        "a3": unit("甲镇三号化工", 12, town_a),
        "b1": unit("乙镇一号化工", 21, town_b),
        "b2": unit("乙镇二号化工", 22, town_b),
        "b_closed": unit("乙镇已关闭化工", 23, town_b, status=EnterpriseStatus.CLOSED),
        "c1": unit("丙镇一号化工", 31, town_c),
        "a_road": enterprise_a_road,
        "b": enterprise_b,
    }


@pytest.fixture
def campaign(world, county_admin, sectors, town_a, town_b, town_c, today):
    return campaigns.campaign_create(
        actor=county_admin,
        data={
            "name": "危险化学品专项整治",
            "kind": "special",
            "sectors": [sectors["hazardous_chemicals"]],
            "towns": [town_a, town_b, town_c],
            "starts_on": today - dt.timedelta(days=30),
            "ends_on": today + dt.timedelta(days=30),
        },
    )


@pytest.fixture
def progressed(campaign, checklist, world, town_a_officer, county_admin, enterprise_user, today):
    """Town A: a inspected (major + general problem, overdue; the general one closed) and
    self-inspected. Town B: b1 inspected (one general problem, closed). Town C: nothing."""
    day = today - dt.timedelta(days=20)
    a = services.inspection_create(
        actor=town_a_officer,
        results=answers(checklist, {1: "两名操作工无证", 2: "罐区无标志"}),
        hazard_deadline=today - dt.timedelta(days=5),
        data={
            "enterprise": world["a"],
            "checklist": checklist,
            "campaign": campaign,
            "inspected_on": day,
            "inspectors": "张三、李四",
        },
    )
    services.inspection_create(
        actor=enterprise_user,
        results=answers(checklist),
        data={
            "enterprise": world["a"],
            "checklist": checklist,
            "campaign": campaign,
            "inspected_on": day,
        },
    )
    b = services.inspection_create(
        actor=county_admin,
        results=answers(checklist, {3: "灭火器过期"}),
        hazard_deadline=today + dt.timedelta(days=10),
        data={
            "enterprise": world["b1"],
            "checklist": checklist,
            "campaign": campaign,
            "inspected_on": day,
            "inspectors": "王五",
        },
    )
    general_a = a.results.get(item__number=2).hazard_id
    general_b = b.results.get(item__number=3).hazard_id
    Hazard.objects.filter(pk__in=[general_a, general_b]).update(status=HazardStatus.CLOSED)
    return {"a": a, "b": b}
