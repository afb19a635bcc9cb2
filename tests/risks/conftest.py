"""Risk point factories: written through the service, as every other path does."""

from decimal import Decimal

import pytest

from anjian.core.actors import SYSTEM
from anjian.risks import services


@pytest.fixture
def make_point():
    def _make(
        *, enterprise=None, name="储罐区", level_factors=("3", "6", "15"), method="LEC", **extra
    ):
        data = {
            "enterprise": enterprise,
            "name": name,
            "accident_types": ["火灾", "17"],
            "method": method,
            "measures": "液位报警；防火堤",
            **extra,
        }
        if method == "LEC":
            data.update(dict(zip(("l", "e", "c"), level_factors, strict=True)))
        else:
            data.update(dict(zip(("l", "s"), level_factors, strict=True)))
        return services.risk_point_create(actor=SYSTEM, data=data, via="test")

    return _make


@pytest.fixture
def public_point(make_point, town_a, sectors):
    """A river bank in town A where children swim (no enterprise)."""
    return make_point(
        name="甲镇河道游泳区",
        town=town_a,
        sector=sectors["waterway"],
        location="甲镇大桥下河段",
        lng=Decimal("108.3"),
        lat=Decimal("22.8"),
        accident_types=["淹溺"],
        method="LS",
        level_factors=("4", "5"),
    )


@pytest.fixture
def points(make_point, enterprise_a, enterprise_a_road, enterprise_b, public_point):
    """One point per enterprise at different levels, plus the public point (major)."""
    return {
        "a": make_point(
            enterprise=enterprise_a, name="甲化工储罐区", level_factors=("6", "6", "15")
        ),  # 540: major
        "a_road": make_point(
            enterprise=enterprise_a_road, name="甲运输停车场", level_factors=("3", "6", "7")
        ),  # 126: general
        "b": make_point(
            enterprise=enterprise_b, name="乙木业粉尘区", level_factors=("3", "6", "15")
        ),  # 270: large
        "public": public_point,
    }
