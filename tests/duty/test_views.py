"""Roster pages: each persona allowed, refused (403) or kept out (404); the filing overview;
the Excel export opened with openpyxl; the print view."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from anjian.accounts.units import Unit
from anjian.core import clock
from anjian.duty import calendar
from anjian.duty.models import DutyRoster
from anjian.duty.selectors import filing_overview
from anjian.duty.services import roster_create
from tests.duty.conftest import local


def _roster(actor, unit, start, end, shifts=None, title="值班表"):
    return roster_create(actor=actor, unit=unit, title=title, starts_at=start, ends_at=end,
                         shifts=shifts if shifts is not None else [
                             {"starts_at": start, "ends_at": end, "leader": "韦", "staff": "李"}])


@pytest.fixture
def roster_a(county_admin, town_a):
    return _roster(county_admin, Unit.of_town(town_a), local(2026, 10, 1), local(2026, 10, 8),
                   title="甲镇国庆值班表", shifts=[{"starts_at": local(2026, 10, 1), "ends_at": local(2026, 10, 5),
                            "leader": "", "staff": "李明", "phone": "0771-1"}])


@pytest.mark.parametrize("name", ["roster_detail", "roster_export", "roster_print"])
def test_roster_pages_allowed_and_outsider_404(name, login, town_a_officer, town_b_officer,
                                               traffic_officer, leader, roster_a):
    url = reverse(f"duty:{name}", args=[roster_a.pk])
    assert login(town_a_officer).get(url).status_code == 200
    assert login(leader).get(url).status_code == 200
    assert login(town_b_officer).get(url).status_code == 404
    assert login(traffic_officer).get(url).status_code == 404


def test_detail_highlights_gaps(login, town_a_officer, roster_a):
    text = login(town_a_officer).get(reverse("duty:roster_detail", args=[roster_a.pk])).content
    text = text.decode()
    assert text.count("gap gap-leader") == 1 and text.count("gap gap-staff") == 1


def test_list_shows_only_own_units_rosters(login, town_b_officer, roster_a, county_admin, town_b,
                                           django_assert_max_num_queries):
    own = _roster(county_admin, Unit.of_town(town_b), local(2026, 10, 1), local(2026, 10, 2),
                  title="乙镇国庆值班表")
    client = login(town_b_officer)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("duty:roster_list"))
    text = page.content.decode()
    assert own.title in text and roster_a.title not in text


def test_enterprise_user_sees_no_rosters(login, enterprise_user, roster_a):
    page = login(enterprise_user).get(reverse("duty:roster_list"))
    assert page.status_code == 200 and roster_a.title not in page.content.decode()
    assert login(enterprise_user).get(reverse("duty:roster_create")).status_code == 403


def test_leader_cannot_open_the_roster_form(login, leader, roster_a):
    assert login(leader).get(reverse("duty:roster_create")).status_code == 403
    assert login(leader).post(reverse("duty:roster_delete", args=[roster_a.pk])).status_code == 403


def test_town_officer_files_a_roster_through_the_form(login, town_a_officer, town_a):
    data = {
        "unit": f"town:{town_a.pk}", "title": "甲镇元旦值班表",
        "starts_at": "2026-12-31T20:00", "ends_at": "2027-01-01T20:00",
        "shifts-TOTAL_FORMS": "2", "shifts-INITIAL_FORMS": "0",
        "shifts-MIN_NUM_FORMS": "0", "shifts-MAX_NUM_FORMS": "500",
        "shifts-0-starts_at": "2026-12-31T20:00", "shifts-0-ends_at": "2027-01-01T08:00",
        "shifts-0-leader": "韦局长", "shifts-0-staff": "李明", "shifts-0-phone": "0771-1",
        "shifts-1-starts_at": "2027-01-01T08:00", "shifts-1-ends_at": "2027-01-01T20:00",
        "shifts-1-leader": "", "shifts-1-staff": "王芳", "shifts-1-phone": "",
    }
    response = login(town_a_officer).post(reverse("duty:roster_create"), data)
    assert response.status_code == 302
    roster = DutyRoster.objects.get()
    assert roster.unit_code == "town_a" and roster.shifts.count() == 2
    assert roster.starts_at == local(2026, 12, 31, 20)


def test_the_form_only_offers_the_officers_own_unit(login, town_a_officer, town_b):
    page = login(town_a_officer).get(reverse("duty:roster_create")).content.decode()
    assert f"town:{town_b.pk}" not in page


def test_another_towns_unit_in_the_form_is_not_accepted(login, town_a_officer, town_a, town_b):
    response = login(town_a_officer).post(reverse("duty:roster_create"), {
        "unit": f"town:{town_b.pk}", "title": "x", "starts_at": "2027-01-01T00:00",
        "ends_at": "2027-01-02T00:00", "shifts-TOTAL_FORMS": "0", "shifts-INITIAL_FORMS": "0"})
    assert response.status_code == 200 and "field-error" in response.content.decode()
    assert not DutyRoster.objects.exists()


def test_roster_form_prefills_the_holiday(login, county_admin, sanyuesan):
    # 三月三 2026 is lunar 3-3 (Sunday 19 April) and Monday, joined to Saturday the 18th.
    page = login(county_admin).get(reverse("duty:roster_create") + "?holiday=2026-04-18")
    text = page.content.decode()
    assert "三月三" in text and "2026-04-18T00:00" in text and "2026-04-21T00:00" in text


def test_roster_form_covers_the_whole_duanwu_2024_span(login, county_admin):
    page = login(county_admin).get(reverse("duty:roster_create") + "?holiday=2024-06-08")
    form = page.context["form"]
    assert form.initial["starts_at"].date() == dt.date(2024, 6, 8)
    assert form.initial["ends_at"].date() == dt.date(2024, 6, 11)
    assert len(page.context["formset"].initial) == 3


def test_excel_export_has_shifts_and_gaps(login, town_a_officer, roster_a):
    response = login(town_a_officer).get(reverse("duty:roster_export", args=[roster_a.pk]))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                    if response.streaming else response.content))
    shifts, gaps = book.worksheets
    assert shifts["A1"].value == roster_a.title
    assert [c.value for c in shifts[5]][2:4] == [None, "李明"]
    assert shifts["A5"].value == dt.datetime(2026, 10, 1, 0, 0)
    assert gaps.max_row == 3  # header + leader gap + staff gap


def test_filing_overview_marks_filed_partial_and_missing(county_admin, town_a, town_b,
                                                         traffic_dept, emergency_dept):
    holiday = calendar.Holiday("国庆节", dt.date(2026, 10, 1), dt.date(2026, 10, 7), "statutory")
    _roster(county_admin, Unit.county(), local(2026, 9, 30, 20), local(2026, 10, 8, 8))
    _roster(county_admin, Unit.of_town(town_a), local(2026, 10, 1), local(2026, 10, 4))
    _roster(county_admin, Unit.of_town(town_a), local(2026, 10, 4), local(2026, 10, 8))
    _roster(county_admin, Unit.of_town(town_b), local(2026, 10, 1), local(2026, 10, 5))
    _roster(county_admin, Unit.of_department(traffic_dept), local(2026, 5, 1), local(2026, 5, 6))
    states = {row.unit.code: row.state for row in filing_overview(holiday=holiday)}
    assert states == {"county": "filed", "town_a": "filed", "town_b": "partial",
                      "transport": "missing", "emergency": "missing"}


def test_filing_overview_page_for_county_admin_and_leader_only(login, county_admin, leader,
                                                               town_a_officer, town_a):
    assert login(county_admin).get(reverse("duty:filing_overview")).status_code == 200
    assert login(leader).get(reverse("duty:filing_overview")).status_code == 200
    assert login(town_a_officer).get(reverse("duty:filing_overview")).status_code == 403


def test_filing_overview_page_lists_every_unit(login, county_admin, town_a, town_b,
                                               traffic_dept, django_assert_max_num_queries):
    holiday = calendar.holidays_from(clock.today())
    client = login(county_admin)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("duty:filing_overview"))
    text = page.content.decode()
    if holiday:
        assert 'data-unit="town_b"' in text and 'data-unit="transport"' in text
    else:
        assert 'id="calendar-missing"' in text


@pytest.mark.parametrize("query", ["town=town_a", "town=town_b", "department=transport",
                                   "unit=county", "unit=town_a"])
def test_the_roster_list_and_the_api_give_the_same_rows(query, county_admin, town_a, town_b,
                                                        traffic_dept, login, api_as):
    start, end = local(2026, 10, 1, 0, 0), local(2026, 10, 8, 0, 0)
    for unit in (Unit.of_town(town_a), Unit.of_town(town_b), Unit.of_department(traffic_dept),
                 Unit.county()):
        _roster(county_admin, unit, start, end)
    api = sorted(r["id"] for r in api_as(county_admin).get(f"/api/v1/duty-rosters/?{query}")
                 .json()["results"])
    page = login(county_admin).get(reverse("duty:roster_list") + f"?{query}")
    assert sorted(r.pk for r in page.context["page"]) == api and api
