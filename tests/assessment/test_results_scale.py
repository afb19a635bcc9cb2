"""The live results take the same number of queries whatever the number of units."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anjian.accounts.models import Department, Town
from anjian.accounts.units import Unit
from anjian.assessment import results
from anjian.hazards.models import Hazard
from tests.conftest import make_enterprise


def _grow(sectors, start: int, towns: int, per_town: int) -> None:
    department = Department.objects.create(code=f"dep{start}", name=f"部门{start}")
    department.sectors.add(sectors["industry_trade"])
    for t in range(start, start + towns):
        town = Town.objects.create(code=f"t{t}", name=f"镇{t}")
        for e in range(per_town):
            enterprise = make_enterprise(
                name=f"单位{t}-{e}",
                n=1000 + t * 100 + e,
                town=town,
                sector=sectors["industry_trade"],
                department=department,
            )
            Hazard.objects.create(
                enterprise=enterprise,
                town=town,
                sector=enterprise.sector,
                description="隐患",
                grade="major" if e % 2 else "general",
                found_on=dt.date(2025, 2, 1),
                found_by="检查组",
                source="inspection",
                deadline=dt.date(2025, 3, 1),
                status="rectifying",
            )


def _queries() -> tuple[int, int]:
    units = results.assessed_units(Unit.county())
    with CaptureQueriesContext(connection) as captured:
        rows = results.assess(units, 2025)
    assert len(rows) == len(units)
    return len(captured), len(rows)


def test_query_count_does_not_grow_with_the_number_of_units(sectors, town_a, traffic_dept):
    # Each size is measured once warm (the division of a new town is loaded once and cached).
    _grow(sectors, 1, towns=2, per_town=2)
    _queries()
    small, small_rows = _queries()
    _grow(sectors, 10, towns=12, per_town=5)
    _queries()
    large, large_rows = _queries()
    assert large_rows > small_rows + 10
    # At most one more: the installation's county, looked up once for towns that name none.
    assert large <= small + 1
