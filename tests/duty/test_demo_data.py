"""The duty demo data on a small county: calendar settings, next-holiday rosters (one with
gaps, one unit not filed) and the duty log, through the services."""

import datetime as dt
import random

from anjian.demo.context import DemoContext
from anjian.demo.data import duty as demo_data
from anjian.duty import calendar, selectors
from anjian.duty.models import DutyCheck, DutyHandover, InformationReport


def test_demo_files_rosters_for_the_next_holiday(county_admin, leader, town_a, town_b,
                                                 traffic_dept, emergency_dept):
    last = calendar.PACKAGE_YEARS[-1]
    today = dt.date(last, 11, 29)
    ctx = DemoContext(today=today, rng=random.Random(1), county=type("C", (), {"name": "示例县"}),
                      towns={"town_a": town_a, "town_b": town_b},
                      departments={"transport": traffic_dept, "emergency": emergency_dept},
                      users={"leader": leader}, admin=county_admin)
    demo_data.load(ctx)
    holiday = calendar.next_holiday(today)
    # The package lacks next year: the demo enters 元旦 by hand, as a county admin would.
    assert holiday.name == "元旦" and holiday.start == dt.date(last + 1, 1, 1)
    assert calendar.local_holidays(2024)[0].start == dt.date(2024, 4, 11)
    states = {r.unit.code: (r.state, r.gap_count) for r in selectors.filing_overview(
        holiday=holiday)}
    assert states == {"county": ("filed", 0), "town_a": ("filed", 2),
                      "town_b": ("missing", 0), "transport": ("filed", 0),
                      "emergency": ("missing", 0)}
    assert DutyHandover.objects.count() == 60
    assert InformationReport.objects.count() == 5
    assert DutyCheck.objects.filter(answered=False).exists()
    assert any(r.late for r in selectors.report_list(actor=county_admin))
