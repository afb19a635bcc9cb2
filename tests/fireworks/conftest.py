import datetime as dt

import pytest

from anjian.core import clock
from anjian.inspections import services as inspections
from anjian.inspections.models import Outcome
from anjian.registry.models import EnterpriseStatus
from anjian.registry.services import licence_create
from tests.conftest import make_enterprise


@pytest.fixture
def plants(town_a, sectors, emergency_dept, county_admin):
    """Town A's fireworks plants: 宾州 and 龙宾 still operating on expired licences, 安平 licensed."""
    today = clock.today()
    made = {}
    for n, (key, name, expires, status) in enumerate(
        [
            ("binzhou", "宾州烟花厂", today - dt.timedelta(days=40), EnterpriseStatus.OPERATING),
            ("longbin", "龙宾烟花厂", today - dt.timedelta(days=5), EnterpriseStatus.SUSPENDED),
            ("anping", "安平烟花厂", today + dt.timedelta(days=60), EnterpriseStatus.OPERATING),
        ],
        start=900,
    ):
        plant = make_enterprise(
            name=name, n=n, town=town_a, sector=sectors["fireworks"], department=emergency_dept,
            status=status,
        )  # fmt: skip
        licence_create(
            actor=county_admin,
            enterprise=plant,
            data={
                "kind": "烟花爆竹安全生产许可证",
                "number": f"(桂)WH安许证字〔2022〕{n}",
                "issued_on": expires - dt.timedelta(days=3 * 365),
                "expires_on": expires,
            },
        )
        made[key] = plant
    return made


@pytest.fixture
def fireworks_checklist(county_admin, sectors):
    checklist = inspections.checklist_create(
        actor=county_admin,
        data={
            "code": "test-fw", "name": "烟花爆竹检查表", "sector": sectors["fireworks"],
            "standard": "测试", "version": "1", "active": True,
        },
    )  # fmt: skip
    inspections.checklist_item_create(
        actor=county_admin, checklist=checklist, data={"text": "是否违规生产。"}
    )
    return checklist


@pytest.fixture
def inspect(county_admin, fireworks_checklist):
    def _inspect(enterprise, day):
        return inspections.inspection_create(
            actor=county_admin,
            results=[
                {"item": item, "outcome": Outcome.OK, "note": ""}
                for item in fireworks_checklist.items.all()
            ],
            data={
                "enterprise": enterprise, "checklist": fireworks_checklist,
                "inspected_on": day, "inspectors": "张三",
            },
        )  # fmt: skip

    return _inspect
