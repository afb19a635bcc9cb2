"""The work calendar: statutory holidays and adjusted workdays from chinesecalendar, local
festivals on their lunar dates, seasons across the year end, and the calendar/ API."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.duty import calendar
from anjian.duty.models import DeclaredHoliday, DeclaredWorkday

D = dt.date


def _by_name(year):
    return {h.name: (h.start, h.end) for h in calendar.statutory_holidays(year)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "year,name,start,end",
    [
        (2024, "元旦", D(2023, 12, 30), D(2024, 1, 1)),
        (2024, "春节", D(2024, 2, 10), D(2024, 2, 17)),
        (2024, "清明节", D(2024, 4, 4), D(2024, 4, 6)),
        (2024, "劳动节", D(2024, 5, 1), D(2024, 5, 5)),
        (2024, "端午节", D(2024, 6, 8), D(2024, 6, 10)),  # 10 June joined to the weekend
        (2024, "中秋节", D(2024, 9, 15), D(2024, 9, 17)),
        (2024, "国庆节", D(2024, 10, 1), D(2024, 10, 7)),
        (2025, "春节", D(2025, 1, 28), D(2025, 2, 4)),
        (2025, "端午节", D(2025, 5, 31), D(2025, 6, 2)),
        (2025, "国庆节、中秋节", D(2025, 10, 1), D(2025, 10, 8)),
        (2026, "元旦", D(2026, 1, 1), D(2026, 1, 3)),
        (2026, "春节", D(2026, 2, 15), D(2026, 2, 23)),
        (2026, "劳动节", D(2026, 5, 1), D(2026, 5, 5)),
        (2026, "国庆节", D(2026, 10, 1), D(2026, 10, 7)),
        (2026, "端午节", D(2026, 6, 19), D(2026, 6, 21)),  # Friday joined to the weekend
        (2026, "中秋节", D(2026, 9, 25), D(2026, 9, 27)),
    ],
)
def test_statutory_holidays_grouped_into_periods_with_chinese_names(year, name, start, end):
    assert _by_name(year)[name] == (start, end)


@pytest.mark.django_db
def test_a_holiday_crossing_new_year_is_kept_whole():
    # 2024's 元旦 ran 2023-12-30 … 2024-01-01.
    assert ("元旦", D(2023, 12, 30), D(2024, 1, 1)) in [
        (h.name, h.start, h.end) for h in calendar.statutory_holidays(2023)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "year,day",
    [
        (2024, D(2024, 2, 4)),
        (2024, D(2024, 2, 18)),
        (2024, D(2024, 10, 12)),
        (2025, D(2025, 1, 26)),
        (2025, D(2025, 2, 8)),
        (2025, D(2025, 10, 11)),
        (2026, D(2026, 1, 4)),
        (2026, D(2026, 2, 14)),
        (2026, D(2026, 2, 28)),
    ],
)
def test_adjusted_workdays(year, day):
    assert day in calendar.adjusted_workdays(year)


@pytest.mark.django_db
def test_adjusted_workdays_are_weekends_only():
    for year in (2024, 2025, 2026):
        assert all(d.weekday() >= 5 for d in calendar.adjusted_workdays(year))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "year,start,end",
    [
        # lunar 3-3 and the next day, widened by the weekend they run into
        (2024, D(2024, 4, 11), D(2024, 4, 14)),  # Thu–Fri + Sat–Sun
        (2025, D(2025, 3, 29), D(2025, 4, 1)),  # Sat–Sun + Mon–Tue
        (2026, D(2026, 4, 18), D(2026, 4, 20)),  # Sat + Sun–Mon
    ],
)
def test_sanyuesan_falls_on_the_lunar_third_of_the_third_month(year, start, end, sanyuesan):
    local = [h for h in calendar.local_holidays(year) if h.name == "三月三"]
    assert [(h.start, h.end, h.kind) for h in local] == [(start, end, "local")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "day,name",
    [
        (D(2024, 6, 7), None),  # Friday before 端午 2024: a working day
        (D(2024, 6, 8), "端午节"),  # the weekend joined to it
        (D(2024, 6, 9), "端午节"),
        (D(2024, 6, 10), "端午节"),
        (D(2024, 6, 11), None),
        (D(2024, 9, 14), None),  # 调休上班 Saturday before 中秋 2024
        (D(2024, 9, 15), "中秋节"),
        (D(2024, 9, 17), "中秋节"),
        (D(2024, 9, 30), None),
        (D(2024, 10, 1), "国庆节"),
        (D(2024, 10, 7), "国庆节"),
        (D(2024, 10, 8), None),
        (D(2025, 1, 27), None),
        (D(2025, 1, 28), "春节"),
        (D(2025, 2, 4), "春节"),
        (D(2025, 2, 5), None),
    ],
)
def test_holiday_spans_cover_every_joined_day_off(day, name):
    found = [
        h.name
        for h in calendar.year_calendar(day.year, full=False).holidays
        if h.kind == "statutory" and h.start <= day <= h.end
    ]
    assert found == ([name] if name else [])


@pytest.mark.django_db
def test_a_declared_holiday_takes_in_the_weekend_it_runs_into():
    year = calendar.PACKAGE_YEARS[-1] + 1
    # A Monday holiday in a year the package does not know, entered by hand.
    monday = next(D(year, 6, d) for d in range(1, 8) if D(year, 6, d).weekday() == 0)
    DeclaredHoliday.objects.create(name="端午节", start=monday, end=monday)
    [holiday] = calendar.statutory_holidays(year)
    assert (holiday.start, holiday.end) == (monday - dt.timedelta(days=2), monday)


@pytest.mark.django_db
def test_an_unsupported_year_is_refused_not_guessed():
    last = calendar.PACKAGE_YEARS[-1]
    with pytest.raises(calendar.UnsupportedYear):
        calendar.year_calendar(last + 1)
    assert last >= 2026


@pytest.mark.django_db
def test_a_year_the_county_entered_by_hand_is_used(sanyuesan):
    year = calendar.PACKAGE_YEARS[-1] + 1
    DeclaredHoliday.objects.create(name="元旦", start=D(year, 1, 1), end=D(year, 1, 3))
    DeclaredWorkday.objects.create(day=D(year, 2, 6))
    cal = calendar.year_calendar(year)
    assert cal.source == "declared"
    assert cal.holidays[0].as_dict() == {
        "name": "元旦",
        "start": f"{year}-01-01",
        "end": f"{year}-01-03",
        "kind": "statutory",
    }
    assert cal.workdays == [D(year, 2, 6)]


@pytest.mark.django_db
def test_next_holiday_is_the_one_under_way_or_the_next(sanyuesan):
    assert calendar.next_holiday(D(2024, 4, 5)).name == "清明节"  # under way
    assert calendar.next_holiday(D(2024, 4, 7)) == calendar.Holiday(
        "三月三", D(2024, 4, 11), D(2024, 4, 14), "local"
    )
    assert calendar.next_holiday(D(2025, 12, 20)).name == "元旦"


@pytest.mark.django_db
def test_next_holiday_stops_where_the_calendar_runs_out():
    last = calendar.PACKAGE_YEARS[-1]
    assert calendar.next_holiday(D(last, 12, 20)) is None


@pytest.mark.django_db
def test_seasons_across_the_year_end(seasons):
    ranges = {(r.season.name, r.start, r.end) for r in calendar.season_ranges(2025)}
    assert ranges == {
        ("森林防火期", D(2024, 9, 1), D(2025, 4, 30)),
        ("汛期", D(2025, 4, 1), D(2025, 9, 30)),
        ("森林防火期", D(2025, 9, 1), D(2026, 4, 30)),
    }
    assert [s.name for s in calendar.seasons_on(D(2025, 1, 15))] == ["森林防火期"]
    assert {s.name for s in calendar.seasons_on(D(2025, 4, 15))} == {"汛期", "森林防火期"}


@pytest.mark.django_db
def test_work_for_a_joint_period_includes_each_festival(period_work):
    titles = [w.title for w in calendar.work_for("国庆节、中秋节", holiday=True)]
    assert titles == ["节前安全生产大检查", "中秋走访"]
    assert [w.title for w in calendar.work_for("汛期", holiday=False)] == ["防汛"]


def test_api_calendar_shape_is_exactly_the_contract(api_as, town_a_officer, sanyuesan):
    response = api_as(town_a_officer).get("/api/v1/calendar/?year=2024")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"holidays", "workdays"}
    assert all(set(h) == {"name", "start", "end", "kind"} for h in body["holidays"])
    names = [h["name"] for h in body["holidays"]]
    assert names == ["元旦", "春节", "清明节", "三月三", "劳动节", "端午节", "中秋节", "国庆节"]
    assert {
        "name": "国庆节",
        "start": "2024-10-01",
        "end": "2024-10-07",
        "kind": "statutory",
    } in body["holidays"]
    assert {"name": "三月三", "start": "2024-04-11", "end": "2024-04-14", "kind": "local"} in body[
        "holidays"
    ]
    assert {
        "name": "端午节",
        "start": "2024-06-08",
        "end": "2024-06-10",
        "kind": "statutory",
    } in body["holidays"]
    assert {
        "name": "中秋节",
        "start": "2024-09-15",
        "end": "2024-09-17",
        "kind": "statutory",
    } in body["holidays"]
    assert body["workdays"] == [
        "2024-02-04",
        "2024-02-18",
        "2024-04-07",
        "2024-04-28",
        "2024-05-11",
        "2024-09-14",
        "2024-09-29",
        "2024-10-12",
    ]


@pytest.mark.parametrize("query", ["", "?year=", "?year=abc", "?year=99999", "?year=2099"])
def test_api_calendar_bad_or_unknown_year_is_400_in_chinese(query, api_as, leader):
    response = api_as(leader).get(f"/api/v1/calendar/{query}")
    assert response.status_code == 400
    message = response.json()["year"][0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_api_calendar_needs_credentials(api_as, db):
    assert api_as(None).get("/api/v1/calendar/?year=2024").status_code == 401


def test_calendar_page_lists_holidays_seasons_and_work(
    login, town_a_officer, sanyuesan, seasons, period_work
):
    page = login(town_a_officer).get(reverse("duty:calendar") + "?year=2025")
    assert page.status_code == 200
    text = page.content.decode()
    for expected in (
        "春节",
        "三月三",
        "汛期",
        "森林防火期",
        "烟花爆竹监管",
        "林区巡护",
        "节前安全生产大检查",
        "1月26日",
    ):
        assert expected in text


def test_calendar_page_explains_an_unsupported_year(login, leader):
    page = login(leader).get(reverse("duty:calendar") + "?year=2099")
    assert page.status_code == 200
    assert 'id="unsupported"' in page.content.decode()


def test_calendar_settings_are_for_the_county_admin(login, county_admin, leader, town_a_officer):
    assert login(county_admin).get(reverse("duty:calendar_settings")).status_code == 200
    assert login(leader).get(reverse("duty:calendar_settings")).status_code == 403
    assert login(town_a_officer).get(reverse("duty:calendar_settings")).status_code == 403


def test_county_admin_adds_a_festival_through_the_settings(login, county_admin):
    client = login(county_admin)
    url = reverse("duty:calendar_item_create", args=["festivals"])
    response = client.post(
        url,
        {
            "name": "盘王节",
            "date_system": "lunar",
            "month": 10,
            "day": 16,
            "days": 1,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert "盘王节" in [h.name for h in calendar.local_holidays(2025)]
    bad = client.post(
        url, {"name": "无效", "date_system": "solar", "month": 2, "day": 30, "days": 1}
    )
    assert bad.status_code == 200 and "无效" not in [h.name for h in calendar.local_holidays(2025)]
