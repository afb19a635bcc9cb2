"""forest-fires/, fire-danger/, field-fire-permits/, forest-watch-areas/ and patrols/ per the
contract: computed grade and rule, 签收 notices at high danger, void approvals, patrol gaps that
appear and clear, and bad input refused with the field named."""

import datetime as dt

import pytest

from anjian.alerts.models import AlertRecipient
from anjian.alerts.services import alert_confirm
from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.forestfire import services
from anjian.forestfire.models import FireDanger, WatchArea
from tests.forestfire.conftest import at

pytestmark = pytest.mark.django_db

FIRE_FIELDS = {
    "id", "town", "place", "lng", "lat", "started_at", "discovered_at", "reported_at",
    "damaged_area_ha", "burned_area_ha", "deaths", "serious_injuries", "minor_injuries",
    "cause", "extinguished_at", "grade", "rule",
}  # fmt: skip


def _fire(api, day, area):
    return api.post(
        "/api/v1/forest-fires/",
        {
            "town": "town_a",
            "place": "后山",
            "started_at": f"{day}T10:00:00+08:00",
            "discovered_at": f"{day}T10:20:00+08:00",
            "reported_at": f"{day}T10:25:00+08:00",
            "damaged_area_ha": area,
            "burned_area_ha": area,
        },
        format="json",
    )


def test_a_fire_is_graded_by_the_regulation_in_force_when_it_started(api_as, county_admin):
    api = api_as(county_admin)
    before = _fire(api, "2025-05-01", "5")
    assert before.status_code == 201, before.json()
    assert set(before.json()) == FIRE_FIELDS
    assert (before.json()["grade"], before.json()["rule"]) == ("large", "541")
    with clock.frozen(dt.date(2026, 3, 1)):
        after = _fire(api, "2026-02-01", "5")
        small = _fire(api, "2026-02-02", "0.05")
    assert (after.json()["grade"], after.json()["rule"]) == ("general", "822")
    assert (small.json()["grade"], small.json()["rule"]) == (None, "822")  # a 火情


@pytest.mark.parametrize(
    ("field", "value"),
    [("lng", "181"), ("lat", "-91"), ("damaged_area_ha", "-1"), ("damaged_area_ha", "abc")],
)
def test_out_of_range_coordinates_and_areas_are_refused(api_as, county_admin, field, value):
    api = api_as(county_admin)
    body = {
        "town": "town_a", "place": "后山", "started_at": "2025-05-01T10:00:00+08:00",
        "discovered_at": "2025-05-01T10:10:00+08:00", "reported_at": "2025-05-01T10:20:00+08:00",
        field: value,
    }  # fmt: skip
    answer = api.post("/api/v1/forest-fires/", body, format="json")
    assert answer.status_code == 400 and field in answer.json()


def test_a_fire_in_the_future_or_reported_before_discovery_is_refused(api_as, county_admin):
    api = api_as(county_admin)
    answer = _fire(api, "2099-01-01", "1")
    assert answer.status_code == 400
    order = api.post(
        "/api/v1/forest-fires/",
        {
            "town": "town_a", "place": "后山", "started_at": "2025-05-01T10:00:00+08:00",
            "discovered_at": "2025-05-01T10:30:00+08:00",
            "reported_at": "2025-05-01T10:10:00+08:00",
        },
        format="json",
    )  # fmt: skip
    assert order.status_code == 400 and "reported_at" in order.json()


def test_the_outsider_cannot_record_or_read_a_fire_in_town_a(api_as, town_b_officer, fire_a):
    api = api_as(town_b_officer)
    assert api.get(f"/api/v1/forest-fires/{fire_a.pk}/").status_code == 404
    assert _fire(api, "2025-05-01", "1").status_code == 400


def test_level_four_sends_the_town_a_notice_to_confirm_once(
    api_as, county_admin, town_a_officer, town_a
):
    api = api_as(county_admin)
    today = clock.today().isoformat()
    low = api.post("/api/v1/fire-danger/", {"date": today, "town": "town_a", "level": 3})
    assert low.status_code == 201 and low.json()["notice"] is None
    high = api.post("/api/v1/fire-danger/", {"date": today, "town": "town_a", "level": 4})
    assert high.status_code == 201
    notice = high.json()["notice"]
    assert notice is not None
    again = api.post("/api/v1/fire-danger/", {"date": today, "town": "town_a", "level": 5})
    assert again.json()["notice"] == notice  # one notice a day
    assert FireDanger.objects.get(town=town_a).level == 5
    recipient = AlertRecipient.objects.get(alert_id=notice)
    assert recipient.town == town_a
    alert = recipient.alert
    alert_confirm(actor=town_a_officer, alert=alert)  # the warnings' own 签收
    recipient.refresh_from_db()
    assert recipient.confirmed_by == town_a_officer


@pytest.mark.parametrize("level", [0, 6, "x", None])
def test_a_level_outside_one_to_five_is_refused(api_as, county_admin, level):
    answer = api_as(county_admin).post(
        "/api/v1/fire-danger/",
        {"date": clock.today().isoformat(), "town": "town_a", "level": level},
        format="json",
    )
    assert answer.status_code == 400 and "level" in answer.json()


def test_an_approval_is_void_on_a_day_of_level_four(api_as, county_admin, town_a):
    api = api_as(county_admin)
    today = clock.today()
    created = api.post(
        "/api/v1/field-fire-permits/",
        {
            "applicant": "村民甲", "purpose": "烧除病虫害枝叶", "town": "town_a",
            "starts_at": at(today, 8).isoformat(), "ends_at": at(today, 12).isoformat(),
            "measures": "开设隔离带，5人扑火队，烧后留人看守",
        },
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["status"] == "pending"
    assert api.post(f"/api/v1/field-fire-permits/{pk}/approve/").json()["status"] == "approved"
    assert api.post(f"/api/v1/field-fire-permits/{pk}/approve/").status_code == 409
    services.danger_set(actor=SYSTEM, town=town_a, date=today, level=4)
    assert api.get(f"/api/v1/field-fire-permits/{pk}/").json()["status"] == "void"


def test_a_town_officer_cannot_approve_field_fire(api_as, town_a_officer, county_admin, town_a):
    today = clock.today()
    permit = services.permit_create(
        actor=county_admin,
        data={
            "applicant": "村民乙", "purpose": "炼山", "town": town_a, "starts_at": at(today, 8),
            "ends_at": at(today, 10), "measures": "隔离带",
        },
    )  # fmt: skip
    answer = api_as(town_a_officer).post(f"/api/v1/field-fire-permits/{permit.pk}/approve/")
    assert answer.status_code == 403


def _area(api, pk):
    return api.get(f"/api/v1/forest-watch-areas/{pk}/").json()


def test_patrol_gaps_appear_and_clear_as_patrols_are_logged(api_as, town_a_officer, area_a, town_a):
    api = api_as(town_a_officer)
    body = _area(api, area_a.pk)
    assert (body["patrols_required"], body["patrols_done"], body["gap"]) == (1, 0, 1)
    logged = api.post(
        "/api/v1/patrols/",
        {"area": area_a.pk, "ranger": "黄护林", "at": at(clock.today(), 8).isoformat(),
         "points": [[108.31, 22.82], [108.312, 22.821]], "findings": "无异常"},
        format="json",
    )  # fmt: skip
    assert logged.status_code == 201, logged.json()
    assert _area(api, area_a.pk)["gap"] == 0
    # High danger doubles the requirement: the gap is back until a second patrol.
    services.danger_set(actor=SYSTEM, town=town_a, date=clock.today(), level=4)
    body = _area(api, area_a.pk)
    assert (body["patrols_required"], body["patrols_done"], body["gap"]) == (2, 1, 1)
    assert [a["id"] for a in api.get("/api/v1/forest-watch-areas/?gap=1").json()["results"]] == [
        area_a.pk
    ]
    services.patrol_log(
        actor=town_a_officer,
        data={"area": area_a, "ranger": "韦护林", "at": at(clock.today(), 9)},
    )
    assert _area(api, area_a.pk)["gap"] == 0
    assert api.get("/api/v1/forest-watch-areas/?gap=1").json()["results"] == []


def test_qingming_on_the_work_calendar_doubles_the_patrols(api_as, county_admin, area_a):
    WatchArea.objects.filter(pk=area_a.pk).update(opened_on=dt.date(2025, 3, 1))
    with clock.frozen(dt.date(2025, 4, 4)):  # 清明节 2025 (4–6 April)
        body = _area(api_as(county_admin), area_a.pk)
    assert body["patrols_required"] == 2


@pytest.mark.parametrize(
    ("points", "at_day"),
    [
        ([[200, 22.8]], 0),  # longitude beyond 180
        ([[108.3, 95]], 0),  # latitude beyond 90
        ([[108.3]], 0),  # not a pair
        ([], 1),  # a patrol tomorrow
    ],
)
def test_bad_patrols_are_refused(api_as, town_a_officer, area_a, points, at_day):
    moment = clock.now() + dt.timedelta(days=at_day)
    answer = api_as(town_a_officer).post(
        "/api/v1/patrols/",
        {"area": area_a.pk, "ranger": "黄护林", "at": moment.isoformat(), "points": points},
        format="json",
    )
    assert answer.status_code == 400
    assert ("points" in answer.json()) or ("at" in answer.json())


def test_the_outsider_cannot_log_a_patrol_in_town_a(api_as, town_b_officer, area_a):
    answer = api_as(town_b_officer).post(
        "/api/v1/patrols/",
        {"area": area_a.pk, "ranger": "x", "at": clock.now().isoformat()},
        format="json",
    )
    assert answer.status_code == 400 and "area" in answer.json()


def test_the_fire_season_turns_last_years_fires_into_watch_areas_once(fire_a):
    from anjian.duty.models import Season
    from anjian.forestfire import sweep

    Season.objects.create(name="森林防火期", start_month=10, start_day=1, end_month=4, end_day=30)
    now = at(dt.date(2025, 10, 2))
    assert sweep.run(now=now)["watch_areas_opened"] == 1
    assert sweep.run(now=now)["watch_areas_opened"] == 0
    area = WatchArea.objects.get(source_fire=fire_a)
    assert area.opened_on == dt.date(2025, 10, 1) and area.town == fire_a.town


def _queries(api, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert api.get(path).status_code == 200
    return len(captured)


def test_the_watch_area_list_costs_the_same_for_one_area_or_many(
    api_as, county_admin, area_a, town_a
):
    api = api_as(county_admin)
    one = _queries(api, "/api/v1/forest-watch-areas/")
    for n in range(5):
        area = services.area_create(
            actor=SYSTEM,
            data={"town": town_a, "name": f"区{n}", "opened_on": clock.today()},
        )
        services.patrol_log(actor=SYSTEM, data={"area": area, "ranger": "x", "at": clock.now()})
    assert _queries(api, "/api/v1/forest-watch-areas/") == one
    assert _queries(api, "/api/v1/patrols/") <= one + 2


def test_a_day_that_ended_with_a_patrol_gap_is_reported_to_the_town_once(
    town_a_officer, town_b_officer, area_a
):
    from anjian.forestfire import sweep
    from anjian.notifications.models import Notification

    yesterday = clock.today() - dt.timedelta(days=1)
    services.patrol_log(
        actor=town_a_officer,
        data={"area": area_a, "ranger": "黄护林", "at": at(yesterday - dt.timedelta(days=1), 9)},
    )
    tomorrow_morning = at(clock.today() + dt.timedelta(days=1), 1)
    counts = sweep.run(now=at(clock.today(), 1))
    assert counts["patrol_gaps"] == 1
    note = Notification.objects.get(recipient=town_a_officer, kind="forestfire.patrol_gap")
    assert yesterday.isoformat() in note.title and "0" in note.title
    assert not Notification.objects.filter(recipient=town_b_officer).exists()
    assert sweep.run(now=at(clock.today(), 2))["patrol_gaps"] == 0
    # Today is patrolled as required: tomorrow's sweep reports nothing more.
    services.patrol_log(
        actor=town_a_officer, data={"area": area_a, "ranger": "黄护林", "at": at(clock.today(), 8)}
    )
    assert sweep.run(now=tomorrow_morning)["patrol_gaps"] == 0
