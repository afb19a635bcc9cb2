"""Plans of every persona's unit, and an officer of the emergency management bureau."""

import datetime as dt

import pytest

from anjian.accounts.models import Role
from anjian.core import clock
from anjian.emergency import services
from tests.conftest import _user


def days_ago(n: int) -> dt.date:
    return clock.today() - dt.timedelta(days=n)


def plan_data(**extra) -> dict:
    values = {
        "kind": "comprehensive",
        "title": "生产安全事故综合应急预案",
        "published_on": days_ago(100),
    }
    values.update(extra)
    return values


@pytest.fixture
def emergency_officer(emergency_dept):
    return _user("emergency_p", Role.DEPARTMENT_OFFICER, department=emergency_dept)


@pytest.fixture
def plans(
    county_admin, town_a_officer, town_b_officer, traffic_officer, enterprise_user, enterprise_b
):
    """One plan per unit: the county's and enterprise A's are overdue for a drill."""
    return {
        "county": services.plan_create(
            actor=county_admin,
            data=plan_data(title="县生产安全事故应急预案", published_on=days_ago(800)),
        ),
        "town_a": services.plan_create(actor=town_a_officer, data=plan_data(title="甲镇应急预案")),
        "town_b": services.plan_create(actor=town_b_officer, data=plan_data(title="乙镇应急预案")),
        "traffic": services.plan_create(
            actor=traffic_officer, data=plan_data(title="道路交通事故专项预案", kind="special")
        ),
        "enterprise_a": services.plan_create(
            actor=enterprise_user,
            data=plan_data(title="甲镇化工综合预案", published_on=days_ago(300)),
        ),
        "enterprise_b": services.plan_create(
            actor=county_admin,
            data=plan_data(title="乙镇木业现场处置方案", kind="onsite", enterprise=enterprise_b),
        ),
    }
