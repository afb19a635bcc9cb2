"""Fireworks (§13): the watch list per the contract, unannounced checks monthly and weekly in
腊月–正月十五, 转产/退出 follow-up, licence alerts (idempotent), the 打非 status machine with
409 on a wrong step, the 12350 report → 打非 case action, and the workbench's tasks."""

import datetime as dt

import pytest

from anjian.core import clock
from anjian.core.models import AuditEntry
from anjian.fireworks import rules, selectors, sweep
from anjian.fireworks.models import FireworksCase
from anjian.notifications.models import Notification

pytestmark = pytest.mark.django_db

ROW = {"enterprise", "enterprise_name", "reason", "since", "last_inspection", "inspection_due",
       "overdue"}  # fmt: skip


def test_plants_operating_on_expired_licences_are_on_the_watch_list(api_as, county_admin, plants):
    rows = api_as(county_admin).get("/api/v1/watch-list/").json()
    assert {r["enterprise"] for r in rows} == {plants["binzhou"].pk, plants["longbin"].pk}
    assert all(set(r) == ROW and r["reason"] == "licence_expired" for r in rows)
    binzhou = next(r for r in rows if r["enterprise"] == plants["binzhou"].pk)
    # Never checked since the licence expired 40 days ago: due since then, overdue.
    assert binzhou["since"] == (clock.today() - dt.timedelta(days=39)).isoformat()
    assert binzhou["overdue"] is True and binzhou["last_inspection"] is None


def test_a_check_moves_the_next_one_a_month_on(api_as, county_admin, plants, inspect):
    inspect(plants["binzhou"], clock.today() - dt.timedelta(days=3))
    rows = api_as(county_admin).get("/api/v1/watch-list/?reason=licence_expired").json()
    binzhou = next(r for r in rows if r["enterprise"] == plants["binzhou"].pk)
    assert binzhou["inspection_due"] == (clock.today() + dt.timedelta(days=27)).isoformat()
    assert binzhou["overdue"] is False


@pytest.mark.parametrize(
    ("day", "interval"),
    [
        (dt.date(2026, 1, 18), 30),  # 冬月三十: not yet 腊月
        (dt.date(2026, 1, 19), 7),  # 腊月初一
        (dt.date(2026, 3, 3), 7),  # 正月十五
        (dt.date(2026, 3, 4), 30),  # 正月十六
    ],
)
def test_checks_are_weekly_from_layue_to_the_fifteenth_of_zhengyue(day, interval):
    rule = {"normal_days": 30, "peak_days": 7}
    assert rules.inspection_interval_days(day, rule=rule) == interval


@pytest.mark.parametrize(
    ("received", "hours"),
    [(dt.date(2026, 2, 9), 72), (dt.date(2026, 2, 10), 24), (dt.date(2026, 3, 3), 24),
     (dt.date(2026, 3, 4), 72)],
)  # fmt: skip
def test_clues_are_verified_within_24_hours_from_layue_23(received, hours):
    moment = dt.datetime.combine(received, dt.time(10))
    assert rules.verify_hours(moment) == hours


def test_a_licensed_plant_and_a_closed_one_are_not_watched(api_as, county_admin, plants):
    ids = {r["enterprise"] for r in api_as(county_admin).get("/api/v1/watch-list/").json()}
    assert plants["anping"].pk not in ids


def test_the_outsider_sees_none_of_town_as_plants(api_as, town_b_officer, plants):
    assert api_as(town_b_officer).get("/api/v1/watch-list/").json() == []


def test_a_conversion_is_followed_up_quarterly_for_a_year(api_as, county_admin, plants, inspect):
    api = api_as(county_admin)
    exited = clock.today() - dt.timedelta(days=100)
    answer = api.post(
        "/api/v1/fireworks-exits/",
        {"enterprise": plants["binzhou"].pk, "kind": "converted", "on": exited.isoformat(),
         "licences_cancelled": True, "stock_disposal": "临时销售许可售完"},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 201, answer.json()
    plants["binzhou"].refresh_from_db()
    assert plants["binzhou"].status == "converted"
    rows = api.get("/api/v1/watch-list/").json()
    follow = [r for r in rows if r["reason"] == "converted_follow_up"]
    assert [r["enterprise"] for r in follow] == [plants["binzhou"].pk]
    assert follow[0]["inspection_due"] == (exited + dt.timedelta(days=91)).isoformat()
    assert follow[0]["overdue"] is True
    # No longer licence_expired: it is converted now.
    assert not [r for r in rows if r["reason"] == "licence_expired"
                and r["enterprise"] == plants["binzhou"].pk]  # fmt: skip
    inspect(plants["binzhou"], clock.today() - dt.timedelta(days=1))
    follow = api.get("/api/v1/watch-list/?reason=converted_follow_up").json()
    assert follow[0]["overdue"] is False
    with clock.frozen(exited + dt.timedelta(days=400)):
        assert api.get("/api/v1/watch-list/?reason=converted_follow_up").json() == []


def test_a_future_exit_date_is_refused(api_as, county_admin, plants):
    answer = api_as(county_admin).post(
        "/api/v1/fireworks-exits/",
        {"enterprise": plants["anping"].pk, "kind": "closed",
         "on": (clock.today() + dt.timedelta(days=3)).isoformat()},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 400 and "on" in answer.json()


def test_licence_alerts_come_at_90_and_30_days_once_each(plants, county_admin, town_a_officer):
    now = clock.now()
    first = sweep.run(now=now)["licence_alerts"]
    assert first > 0  # 安平: 60 days left, the 90-day alert
    assert sweep.run(now=now)["licence_alerts"] == 0  # idempotent
    assert Notification.objects.filter(kind="fireworks.licence_expiring").count() == first
    later = now + dt.timedelta(days=31)  # 29 days left: the 30-day alert
    assert sweep.run(now=later)["licence_alerts"] == first
    assert sweep.run(now=later)["licence_alerts"] == 0


def _case(api):
    return api.post(
        "/api/v1/fireworks-cases/",
        {"clue_source": "grid", "received_at": clock.now().isoformat(), "town": "town_a",
         "place": "石村废弃民房", "kind": "storage", "description": "堆放大量烟花"},
        format="json",
    )  # fmt: skip


def test_a_case_runs_from_clue_to_destruction_each_step_audited(
    api_as, county_admin, town_a, emergency_dept
):
    api = api_as(county_admin)
    created = _case(api)
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    base = f"/api/v1/fireworks-cases/{pk}"
    steps = [
        ("transfer", {"to": "emergency"}, "transferred"),
        ("verify", {"found": True}, "verified"),
        ("handle", {"seized": 120, "penalty": "20000.00"}, "handled"),
        ("seal", {}, "sealed"),
        ("destroy_goods", {}, "destroyed"),
        ("close", {"result": "已销毁，已反馈"}, "closed"),
    ]
    for step, body, status in steps:
        answer = api.post(f"{base}/{step}/", body, format="json")
        assert answer.status_code == 200, (step, answer.json())
        assert answer.json()["status"] == status
    case = FireworksCase.objects.get(pk=pk)
    assert case.seized == 120 and case.destroyed_at is not None
    actions = list(
        AuditEntry.objects.filter(object_id=str(pk), action__startswith="fireworkscase.")
        .exclude(action="fireworkscase.create")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "fireworkscase.transfer", "fireworkscase.verify", "fireworkscase.handle",
        "fireworkscase.seal", "fireworkscase.destroy", "fireworkscase.close",
    ]  # fmt: skip


def test_a_step_from_the_wrong_status_is_a_409(api_as, county_admin, town_a):
    api = api_as(county_admin)
    pk = _case(api).json()["id"]
    assert api.post(f"/api/v1/fireworks-cases/{pk}/seal/").status_code == 409
    assert api.post(f"/api/v1/fireworks-cases/{pk}/close/", {"result": "x"}).status_code == 409
    assert FireworksCase.objects.get(pk=pk).status == "registered"


def test_a_clue_not_found_true_closes_the_case(api_as, county_admin, town_a):
    api = api_as(county_admin)
    pk = _case(api).json()["id"]
    answer = api.post(f"/api/v1/fireworks-cases/{pk}/verify/", {"found": False}, format="json")
    assert answer.json()["status"] == "closed"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"seized": -1}, "seized"),
        ({"seized": 10**9}, "seized"),
        ({"penalty": "-5"}, "penalty"),
    ],
)
def test_bad_handling_figures_are_refused(api_as, county_admin, town_a, body, field):
    api = api_as(county_admin)
    pk = _case(api).json()["id"]
    api.post(f"/api/v1/fireworks-cases/{pk}/verify/", {"found": True}, format="json")
    answer = api.post(f"/api/v1/fireworks-cases/{pk}/handle/", body, format="json")
    assert answer.status_code == 400 and field in answer.json()


def test_the_outsider_cannot_open_town_as_case(api_as, county_admin, town_b_officer, town_a):
    pk = _case(api_as(county_admin)).json()["id"]
    assert api_as(town_b_officer).get(f"/api/v1/fireworks-cases/{pk}/").status_code == 404


def test_a_confirmed_12350_report_becomes_a_case_with_one_action(api_as, county_admin, town_a):
    from anjian.public_reports import services as reports

    report = reports.public_report_submit(
        data={"content": "石村有人在民房里非法储存烟花", "town": town_a, "place": "石村",
              "contact_name": "王五", "contact_phone": "13800000000"},
    )  # fmt: skip
    reports.public_report_accept(actor=county_admin, report=report)
    reports.public_report_verify(actor=county_admin, report=report, finding="true", note="属实")
    api = api_as(county_admin)
    answer = api.post(
        f"/api/v1/public-reports/{report.pk}/fireworks-case/",
        {"kind": "storage", "description": "民房非法储存烟花爆竹"},
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    case = FireworksCase.objects.get(pk=answer.json()["fireworks_case"])
    assert case.clue_source == "12350" and case.town == town_a
    assert "王五" not in case.description and "1380000" not in case.description
    again = api.post(
        f"/api/v1/public-reports/{report.pk}/fireworks-case/",
        {"kind": "storage", "description": "again"},
        format="json",
    )
    assert again.status_code == 409
    assert api.get(f"/api/v1/public-reports/{report.pk}/").json()["fireworks_case"] == case.pk


def test_the_workbench_gets_licence_watch_and_case_tasks(county_admin, plants, town_a):
    from anjian.fireworks import services

    services.case_create(
        actor=county_admin,
        data={"clue_source": "online", "received_at": clock.now() - dt.timedelta(days=4),
              "town": town_a, "place": "网店", "kind": "trade"},
    )  # fmt: skip
    tasks = selectors.todo_tasks(county_admin)
    kinds = {t["kind"] for t in tasks}
    assert kinds == {"licence_expiring", "watch_inspection", "case_verify"}
    assert all(set(t) == {"kind", "title", "url", "due", "overdue"} for t in tasks)
    assert tasks[0]["overdue"] is True  # overdue first


def test_the_county_firing_rules_show_on_the_work_calendar(login, county_admin, town_a_officer):
    from anjian.fireworks import services

    services.firing_rule_create(
        actor=county_admin,
        data={"kind": "ban", "area": "县城建成区", "starts_on": dt.date(2026, 2, 10),
              "ends_on": dt.date(2026, 3, 3), "note": "禁止燃放一切烟花爆竹"},
    )  # fmt: skip
    page = login(town_a_officer).get("/duty/calendar/?year=2026").content.decode()
    assert "county-rules" in page and "县城建成区" in page and "禁止燃放一切烟花爆竹" in page
    assert (
        "县城建成区" not in login(town_a_officer).get("/duty/calendar/?year=2025").content.decode()
    )


def test_a_firing_rule_ending_before_it_starts_is_refused(api_as, county_admin, town_a_officer):
    body = {"kind": "ban", "area": "县城", "starts_on": "2026-03-03", "ends_on": "2026-02-10"}
    assert api_as(town_a_officer).post("/api/v1/firing-rules/", body).status_code == 403
    answer = api_as(county_admin).post("/api/v1/firing-rules/", body)
    assert answer.status_code == 400


def test_the_watch_list_costs_the_same_for_two_plants_or_more(
    api_as, county_admin, plants, town_a, sectors, emergency_dept
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anjian.registry.services import licence_create
    from tests.conftest import make_enterprise

    api = api_as(county_admin)

    def count():
        with CaptureQueriesContext(connection) as captured:
            api.get("/api/v1/watch-list/")
        return len(captured)

    before = count()
    for n in range(4):
        plant = make_enterprise(
            name=f"厂{n}", n=950 + n, town=town_a, sector=sectors["fireworks"],
            department=emergency_dept,
        )  # fmt: skip
        licence_create(
            actor=county_admin,
            enterprise=plant,
            data={"kind": "烟花爆竹安全生产许可证", "number": f"x{n}",
                  "issued_on": dt.date(2020, 1, 1), "expires_on": dt.date(2023, 1, 1)},
        )  # fmt: skip
    assert len(api.get("/api/v1/watch-list/").json()) == 6
    assert count() == before
