"""A unit's chemicals with computed tags, and weather warnings that reach the units by their
stock (domain-rules §14; contract chemicals/, warnings/ enterprise_recipients)."""

import datetime as dt

import pytest

from anjian.alerts import services as alerts
from anjian.chemicals import data, rules, services
from anjian.core import clock
from anjian.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name,cas,tags",
    [
        ("液氯", "", ["key_supervised", "toxic_release"]),
        ("whatever", "7782-50-5", ["key_supervised", "toxic_release"]),  # by CAS
        ("电石", "75-20-7", ["water_reactive"]),
        ("钠", "", ["water_reactive"]),
        ("保险粉", "", ["self_heating"]),
        ("液化石油气", "", ["key_supervised", "heat_sensitive"]),
        ("氯酸钾", "", ["key_supervised", "heat_sensitive"]),
        ("甲醇", "67-56-1", ["key_supervised"]),
        ("氯化钠", "7647-14-5", []),
    ],
)
def test_tags_come_from_the_shipped_lists(name, cas, tags):
    assert rules.tags_for(name, cas) == tags


def test_the_first_batch_has_sixty_substances_with_valid_cas_numbers():
    first = [row for row in data.KEY_SUPERVISED if row[3] == data.FIRST_BATCH]
    # 60 items; 甲烷、天然气 and 汽油、石脑油 are one item each in the notice, two rows here.
    assert len(first) == 62
    assert all(rules.cas_valid(row[1]) for row in data.KEY_SUPERVISED)


@pytest.mark.parametrize(
    "kind,level,expected",
    [
        ("rainstorm", "blue", ()),
        ("rainstorm", "yellow", ("water_reactive", "self_heating")),
        ("typhoon", "red", ("water_reactive", "self_heating")),
        ("heat", "yellow", ()),
        ("heat", "orange", ("heat_sensitive",)),
        ("thunder", "blue", ("heat_sensitive",)),
        ("holiday", "red", ()),
    ],
)
def test_which_stock_a_warning_reaches(kind, level, expected):
    levels = {"rainstorm": "yellow", "typhoon": "yellow", "heat": "orange", "thunder": "blue"}
    assert rules.warning_tags(kind, level, levels) == expected


def test_the_api_lists_a_stock_with_its_tags_and_refuses_a_bad_cas(
    api_as, enterprise_user, enterprise_a
):
    api = api_as(enterprise_user)
    created = api.post(
        "/api/v1/chemicals/",
        {"enterprise": enterprise_a.pk, "name": "电石", "cas": "75-20-7", "max_stock_t": "20"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["tags"] == ["water_reactive"]
    bad = api.post(
        "/api/v1/chemicals/",
        {"enterprise": enterprise_a.pk, "name": "氯", "cas": "7782-50-4", "max_stock_t": "1"},
        format="json",
    )
    assert bad.status_code == 400 and "cas" in bad.json()
    listed = api.get("/api/v1/chemicals/?tag=water_reactive").json()
    assert [row["name"] for row in listed["results"]] == ["电石"]


def _publish(county_admin, town, kind="rainstorm", level="yellow"):
    return alerts.alert_publish(
        actor=county_admin,
        data={
            "title": "暴雨黄色预警",
            "level": level,
            "kind": kind,
            "content": "未来24小时有暴雨",
            "valid_from": clock.now(),
            "valid_to": clock.now() + dt.timedelta(days=1),
        },
        towns=[town],
        departments=[],
    )


def test_a_unit_with_water_reactive_stock_receives_the_next_rainstorm_warning_and_confirms(
    api_as, county_admin, enterprise_user, enterprise_a, enterprise_b, town_a, town_b
):
    services.stock_create(
        actor=county_admin,
        enterprise=enterprise_b,
        data={"name": "电石", "cas": "75-20-7", "max_stock_t": 50},
    )
    services.stock_create(
        actor=county_admin, enterprise=enterprise_a, data={"name": "甲醇", "max_stock_t": 5}
    )
    before = _publish(county_admin, town_a)
    assert list(before.enterprise_recipients.values_list("enterprise", flat=True)) == [
        enterprise_b.pk
    ]
    services.stock_create(
        actor=county_admin,
        enterprise=enterprise_a,
        data={"name": "金属钠", "max_stock_t": 1},
    )
    alert = _publish(county_admin, town_b)  # sent to town B, yet reaches enterprise A by stock
    body = api_as(county_admin).get(f"/api/v1/warnings/{alert.pk}/").json()
    assert sorted(
        (r["enterprise"], tuple(r["tags"]), r["confirmed_at"])
        for r in body["enterprise_recipients"]
    ) == [
        (enterprise_a.pk, ("water_reactive",), None),
        (enterprise_b.pk, ("water_reactive",), None),
    ]
    assert Notification.objects.filter(
        recipient=enterprise_user, key__endswith="enterprises"
    ).exists()
    api = api_as(enterprise_user)
    assert api.get(f"/api/v1/warnings/{alert.pk}/").status_code == 200
    first = api.post(f"/api/v1/warnings/{alert.pk}/confirm/")
    assert first.status_code == 200 and first.json()["confirmed_by"] == enterprise_user.username
    again = api.post(f"/api/v1/warnings/{alert.pk}/confirm/")
    assert again.json()["confirmed_at"] == first.json()["confirmed_at"]
    mine = [
        r
        for r in api_as(county_admin)
        .get(f"/api/v1/warnings/{alert.pk}/")
        .json()["enterprise_recipients"]
        if r["enterprise"] == enterprise_a.pk
    ]
    assert mine[0]["confirmed_at"] is not None


def test_a_heat_warning_below_orange_reaches_no_unit(county_admin, enterprise_a, town_a):
    services.stock_create(
        actor=county_admin, enterprise=enterprise_a, data={"name": "液化石油气", "max_stock_t": 9}
    )
    assert (
        _publish(county_admin, town_a, kind="heat", level="yellow").enterprise_recipients.count()
        == 0
    )
    assert (
        _publish(county_admin, town_a, kind="heat", level="orange").enterprise_recipients.count()
        == 1
    )


def test_an_enterprise_not_reached_still_cannot_confirm(
    api_as, county_admin, enterprise_user, town_a
):
    alert = _publish(county_admin, town_a)
    assert api_as(enterprise_user).post(f"/api/v1/warnings/{alert.pk}/confirm/").status_code == 403


def test_the_enterprise_reached_by_a_rainstorm_warning_has_it_on_its_workbench_until_it_confirms(
    api_as, county_admin, enterprise_user, enterprise_a, town_b
):
    services.stock_create(
        actor=county_admin, enterprise=enterprise_a, data={"name": "金属钠", "max_stock_t": 1}
    )
    alert = _publish(county_admin, town_b)
    api = api_as(enterprise_user)
    tasks = [
        t for t in api.get("/api/v1/todo/").json()["results"] if t["kind"] == "warning_confirm"
    ]
    assert [t["url"] for t in tasks] == [alert.get_absolute_url()]
    api.post(f"/api/v1/warnings/{alert.pk}/confirm/")
    tasks = [
        t for t in api.get("/api/v1/todo/").json()["results"] if t["kind"] == "warning_confirm"
    ]
    assert tasks == []
