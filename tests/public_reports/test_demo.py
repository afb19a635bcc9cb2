"""The demo's three 12350 reports, in different states, written through the services."""

import random

import pytest

from anjian.core import clock
from anjian.demo.context import DemoContext
from anjian.demo.data import public_reports as demo_data
from anjian.public_reports.models import PublicReport

pytestmark = pytest.mark.django_db


def test_the_demo_has_three_reports_in_different_states(county_admin, town_a, town_b, sectors):
    ctx = DemoContext(
        today=clock.today(),
        rng=random.Random(1),
        county=None,
        towns={town_a.code: town_a, town_b.code: town_b},
        sectors=sectors,
        admin=county_admin,
    )
    demo_data.load(ctx)
    demo_data.load(ctx)  # a second run keeps what the first made
    states = sorted(PublicReport.objects.values_list("status", flat=True))
    assert states == ["accepted", "received", "rewarded"]
    rewarded = PublicReport.objects.get(status="rewarded")
    assert rewarded.hazard is not None and rewarded.reward_amount == 7500
    assert PublicReport.objects.get(status="received").contact_phone == ""
    assert PublicReport.objects.get(status="accepted").handler_town == town_a
