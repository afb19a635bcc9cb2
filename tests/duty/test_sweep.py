"""The duty sweep: reminders before a holiday to units without a covering roster and to units
whose roster has gaps; idempotent; the county admin is told when next year is unknown."""

import datetime as dt

import pytest

from anjian.accounts.units import Unit
from anjian.duty import calendar, sweep
from anjian.duty.services import roster_create
from anjian.notifications.models import Notification
from tests.duty.conftest import local

# 2026 国庆节 runs 10-01 … 10-07; a week before is 09-24.
NOW = local(2026, 9, 26, 9)


@pytest.fixture
def world(county_admin, town_a_officer, town_b_officer, traffic_officer):
    return {"admin": county_admin}


def _notes(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind)


def test_units_without_a_roster_are_reminded_once(world, county_admin, town_a_officer,
                                                  town_b_officer, traffic_officer):
    first = sweep.run(now=NOW)
    assert first["roster_missing"] == 4  # county admin, two towns, the traffic department
    for user in (county_admin, town_a_officer, town_b_officer, traffic_officer):
        assert _notes(user, "duty.roster_missing").count() == 1
    again = sweep.run(now=NOW + dt.timedelta(hours=5))
    assert again == {"roster_missing": 0, "roster_gaps": 0, "calendar_missing": 0}


def test_a_covering_roster_without_gaps_silences_the_unit(world, county_admin, town_a,
                                                          town_a_officer):
    roster_create(actor=county_admin, unit=Unit.of_town(town_a), title="国庆", starts_at=local(
        2026, 10, 1), ends_at=local(2026, 10, 8), shifts=[
        {"starts_at": local(2026, 10, 1), "ends_at": local(2026, 10, 8), "leader": "韦",
         "staff": "李"}])
    sweep.run(now=NOW)
    assert not _notes(town_a_officer, "duty.roster_missing").exists()
    assert not _notes(town_a_officer, "duty.roster_gaps").exists()


def test_a_covering_roster_with_gaps_notifies_its_unit(world, county_admin, town_a,
                                                       town_a_officer, town_b_officer):
    roster_create(actor=county_admin, unit=Unit.county(), title="县国庆", starts_at=local(
        2026, 10, 1), ends_at=local(2026, 10, 8), shifts=[
        {"starts_at": local(2026, 10, 1), "ends_at": local(2026, 10, 8), "leader": "",
         "staff": "李"}])
    counts = sweep.run(now=NOW)
    assert counts["roster_gaps"] == 1
    assert _notes(county_admin, "duty.roster_gaps").count() == 1
    assert not _notes(town_b_officer, "duty.roster_gaps").exists()
    assert sweep.run(now=NOW)["roster_gaps"] == 0


def test_nothing_is_due_long_before_a_holiday(world):
    assert sweep.run(now=local(2026, 8, 1, 9)) == {"roster_missing": 0, "roster_gaps": 0,
                                                   "calendar_missing": 0}


def test_a_partial_roster_still_gets_a_reminder(world, county_admin, town_a, town_a_officer):
    roster_create(actor=county_admin, unit=Unit.of_town(town_a), title="半程", starts_at=local(
        2026, 10, 1), ends_at=local(2026, 10, 3), shifts=[])
    sweep.run(now=NOW)
    note = _notes(town_a_officer, "duty.roster_missing").get()
    assert "国庆节" in note.title


def test_county_admin_is_told_when_next_year_is_missing(world, county_admin):
    last = calendar.PACKAGE_YEARS[-1]
    counts = sweep.run(now=local(last, 12, 1, 9))
    assert counts["calendar_missing"] == 1
    assert str(last + 1) in _notes(county_admin, "duty.calendar_missing").get().title
    assert sweep.run(now=local(last, 12, 2, 9))["calendar_missing"] == 0


def test_the_sweep_command_reports_duty_counts(world, db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("sweep", stdout=out)
    assert "duty.roster_missing=" in out.getvalue()


# 端午 2024: 10 June (Monday) joined to the weekend, so the holiday is 8–10 June.
@pytest.mark.parametrize("now,reminded", [
    (local(2024, 5, 31, 23), False),  # 8 days before the span starts
    (local(2024, 6, 1, 0), True),     # 7 days before 8 June (not before 10 June)
])
def test_reminders_start_a_week_before_the_whole_span(world, county_admin, now, reminded):
    sweep.run(now=now)
    notes = _notes(county_admin, "duty.roster_missing")
    assert notes.exists() is reminded
    if reminded:
        assert "6月8日" in notes.get().title


def test_a_roster_for_the_named_day_only_does_not_cover_the_span(world, county_admin, town_a,
                                                                  town_a_officer):
    roster_create(actor=county_admin, unit=Unit.of_town(town_a), title="端午", starts_at=local(
        2024, 6, 10), ends_at=local(2024, 6, 11), shifts=[
        {"starts_at": local(2024, 6, 10), "ends_at": local(2024, 6, 11), "leader": "韦",
         "staff": "李"}])
    sweep.run(now=local(2024, 6, 3, 9))
    note = _notes(town_a_officer, "duty.roster_missing").get()
    assert "端午节" in note.title and "6月8日" in note.title


def test_reminder_days_are_the_rule_in_force(world, county_admin):
    from anjian.core.rules import rule_setting_change

    rule_setting_change(actor=county_admin, key="duty.holiday_reminder_days", value=10,
                        effective_from=dt.date(2024, 5, 1), note="提前部署")
    sweep.run(now=local(2024, 5, 29, 9))  # 10 days before 8 June
    assert _notes(county_admin, "duty.roster_missing").exists()
