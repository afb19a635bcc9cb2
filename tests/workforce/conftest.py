"""Inspectors of town A, the traffic department and the county, with their certificates."""

import datetime as dt

import pytest

from anjian.accounts.units import Unit
from anjian.core import clock
from anjian.workforce import services


def days(n: int) -> dt.date:
    return clock.today() + dt.timedelta(days=n)


def make_inspector(*, actor, unit, name: str, n: int, expires_in: int | None = 900, **extra):
    """An inspector of `unit` with certificate 执法证-n expiring in `expires_in` days."""
    data = {"name": name, "department": unit}
    if expires_in is not None:
        data.update(
            certificate_number=f"桂执证{n:05d}",
            certificate_issued_on=days(expires_in - 5 * 365 if expires_in > 0 else -1000),
            certificate_expires_on=days(expires_in),
        )
    data.update(extra)
    return services.inspector_create(actor=actor, data=data)


@pytest.fixture
def inspectors(county_admin, town_a, town_a_officer, traffic_dept, traffic_officer):
    return {
        "wang": make_inspector(
            actor=town_a_officer, unit=Unit.of_town(town_a), name="王伟", n=1, user=town_a_officer
        ),
        "li": make_inspector(
            actor=town_a_officer, unit=Unit.of_town(town_a), name="李娜", n=2, expires_in=30
        ),
        "zhang": make_inspector(
            actor=traffic_officer,
            unit=Unit.of_department(traffic_dept),
            name="张强",
            n=3,
            expires_in=-10,
        ),
        "chen": make_inspector(actor=county_admin, unit=Unit.county(), name="陈刚", n=4),
    }
