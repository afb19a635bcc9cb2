"""The duty log: handovers, information reports with late flags from the county's deadlines,
spot-checks (leader and county admin only) and their monthly summary."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from anjian.accounts.units import Unit
from anjian.core import clock
from anjian.core.rules import rule_setting_change
from anjian.duty import selectors, services
from anjian.duty.models import DutyCheck
from tests.duty.conftest import local


@pytest.fixture(autouse=True)
def _the_day_after_the_reports():
    """The reports below are received on 2026-11-01; their deadlines are judged the day after."""
    with clock.frozen(local(2026, 11, 2, 12)):
        yield


def _report(actor, unit, *, kind="phone", relevant=False, minutes=None, received=None):
    received = received or local(2026, 11, 1, 10)
    return services.report_create(actor=actor, unit=unit, data={
        "event": "车辆侧翻", "received_at": received, "kind": kind, "grade_relevant": relevant,
        "reported_at": received + dt.timedelta(minutes=minutes) if minutes is not None else None})


@pytest.mark.parametrize("kind,relevant,minutes,late", [
    ("phone", False, 30, False),
    ("phone", False, 31, True),
    ("phone", True, 29, False),
    ("written", True, 60, False),
    ("written", True, 61, True),
    ("written", False, 300, False),  # written deadline is for 较大 and above only
    ("phone", False, None, True),  # never reported and the deadline has passed
])
def test_late_reports_follow_the_default_deadlines(kind, relevant, minutes, late, county_admin):
    _report(county_admin, Unit.county(), kind=kind, relevant=relevant, minutes=minutes)
    [report] = selectors.report_list(actor=county_admin)
    assert report.late is late


def test_deadlines_are_county_data_applied_by_the_day_received(county_admin):
    rule_setting_change(actor=county_admin, key="duty.report_deadlines",
                        value={"phone": {"minutes": 60, "grade_relevant_only": False}},
                        effective_from=dt.date(2026, 1, 1), note="县政府值班通知")
    _report(county_admin, Unit.county(), minutes=45, received=local(2025, 12, 31, 23))
    _report(county_admin, Unit.county(), minutes=45, received=local(2026, 1, 1, 9))
    new, old = selectors.report_list(actor=county_admin)
    assert (new.late, old.late) == (False, True)
    assert old.deadline_at == local(2025, 12, 31, 23, 30)


def test_an_unreported_event_within_its_deadline_is_not_late(county_admin):
    _report(county_admin, Unit.county(), received=clock.now())
    assert selectors.report_list(actor=county_admin, late=True) == []


def test_town_officer_records_own_reports_only(town_a_officer, town_a, town_b):
    _report(town_a_officer, Unit.of_town(town_a), minutes=5)
    with pytest.raises(PermissionDenied):
        _report(town_a_officer, Unit.of_town(town_b), minutes=5)


def test_report_list_page_flags_late(login, county_admin, town_a_officer, town_b_officer, town_a):
    _report(county_admin, Unit.of_town(town_a), minutes=45)
    page = login(town_a_officer).get(reverse("duty:report_list")).content.decode()
    assert 'data-late="1"' in page
    assert 'data-late' not in login(town_b_officer).get(reverse("duty:report_list")).content.decode()


def test_handover_pages(login, town_a_officer, town_b_officer, leader, town_a):
    client = login(town_a_officer)
    response = client.post(reverse("duty:handover_create"), {
        "unit": f"town:{town_a.pk}", "handed_over_at": "2026-11-28T08:30",
        "from_person": "李明", "to_person": "王芳", "open_matters": "跟踪塌方处置"})
    assert response.status_code == 302
    assert "跟踪塌方处置" in client.get(reverse("duty:handover_list")).content.decode()
    assert "跟踪塌方处置" not in login(town_b_officer).get(
        reverse("duty:handover_list")).content.decode()
    assert login(leader).get(reverse("duty:handover_create")).status_code == 403


def test_spot_checks_are_recorded_by_leader_and_county_admin(login, leader, county_admin,
                                                            town_a_officer, town_a):
    data = {"unit": f"town:{town_a.pk}", "checked_at": "2026-11-20T21:10", "answered": "",
            "on_duty": "", "findings": "无人接听"}
    assert login(leader).post(reverse("duty:check_create"), data).status_code == 302
    assert login(county_admin).post(reverse("duty:check_create"), data).status_code == 302
    assert login(town_a_officer).post(reverse("duty:check_create"), data).status_code == 403
    assert DutyCheck.objects.filter(answered=False).count() == 2
    with pytest.raises(PermissionDenied):
        services.check_create(actor=town_a_officer, unit=Unit.of_town(town_a), data={
            "checked_at": local(2026, 11, 20, 21)})


def test_monthly_summary_counts_checks_and_unanswered_per_unit(leader, town_a, town_b,
                                                              traffic_dept,
                                                              django_assert_max_num_queries):
    plan = [(Unit.county(), True), (Unit.of_town(town_a), False), (Unit.of_town(town_a), True),
            (Unit.of_town(town_a), False), (Unit.of_department(traffic_dept), True)]
    for i, (unit, answered) in enumerate(plan):
        services.check_create(actor=leader, unit=unit, data={
            "checked_at": local(2026, 11, 1 + i, 21), "answered": answered})
    services.check_create(actor=leader, unit=Unit.of_town(town_b), data={
        "checked_at": local(2026, 10, 31, 23, 59), "answered": False})  # October, Beijing time
    services.check_create(actor=leader, unit=Unit.of_town(town_b), data={
        "checked_at": local(2026, 12, 1, 0, 0), "answered": False})  # December
    with django_assert_max_num_queries(1):
        rows = selectors.check_monthly_summary(actor=leader, year=2026, month=11)
    assert {(r.unit_code, r.checks, r.unanswered) for r in rows} == {
        ("county", 1, 0), ("town_a", 3, 2), ("transport", 1, 0)}


def test_summary_page_is_for_leader_and_county_admin(login, leader, county_admin, town_a_officer):
    url = reverse("duty:check_summary") + "?month=2026-11"
    assert login(leader).get(url).status_code == 200
    assert login(county_admin).get(url).status_code == 200
    assert login(town_a_officer).get(url).status_code == 403


def test_town_officer_sees_checks_of_its_town_only(login, leader, town_a_officer, town_a, town_b):
    services.check_create(actor=leader, unit=Unit.of_town(town_a), data={
        "checked_at": local(2026, 11, 3, 21), "findings": "甲镇记录完整"})
    services.check_create(actor=leader, unit=Unit.of_town(town_b), data={
        "checked_at": local(2026, 11, 3, 22), "findings": "乙镇记录完整"})
    page = login(town_a_officer).get(reverse("duty:check_list")).content.decode()
    assert "甲镇记录完整" in page and "乙镇记录完整" not in page


def test_officer_completes_a_report_and_outsider_gets_404(login, county_admin, town_a_officer,
                                                          town_b_officer, leader, town_a):
    report = _report(county_admin, Unit.of_town(town_a))
    url = reverse("duty:report_edit", args=[report.pk])
    data = {"event": "车辆侧翻", "received_at": "2026-11-01T10:00", "kind": "phone",
            "reported_at": "2026-11-01T10:20", "reported_to": "县政府办", "note": ""}
    assert login(town_b_officer).post(url, data).status_code == 404
    assert login(leader).post(url, data).status_code == 403
    assert login(town_a_officer).post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.reported_to == "县政府办" and report.reported_at == local(2026, 11, 1, 10, 20)
    bad = dict(data, reported_at="2026-11-01T09:00")
    assert login(town_a_officer).post(url, bad).status_code == 200
    report.refresh_from_db()
    assert report.reported_at == local(2026, 11, 1, 10, 20)


def test_report_list_states_the_deadlines_in_force(login, county_admin):
    page = login(county_admin).get(reverse("duty:report_list")).content.decode()
    line = page.split('id="deadlines"')[1].split("</p>")[0]
    assert "电话" in line and "30" in line and "60" in line
