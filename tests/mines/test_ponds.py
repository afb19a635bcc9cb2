"""Ponds, readings and what their alarms set off (domain-rules §12; contract tailings-ponds/,
pond-readings/)."""

import datetime as dt

import pytest
from django.utils import timezone

from anjian.core import clock
from anjian.core.rules import rule_setting_change
from anjian.hazards.models import Hazard
from anjian.mines import services
from anjian.mines.models import PondReading
from anjian.notifications.models import Notification

from .conftest import earlier

pytestmark = pytest.mark.django_db


def test_the_api_computes_class_and_overhead(api_as, county_admin, enterprise_a):
    response = api_as(county_admin).post(
        "/api/v1/tailings-ponds/",
        {
            "enterprise": enterprise_a.pk,
            "name": "一号尾矿库",
            "total_capacity": "50",
            "dam_height": "70",
            "construction": "upstream",
            "downstream_within_1km": 12,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["pond_class"], body["overhead"]) == (4, True)
    changed = api_as(county_admin).patch(
        f"/api/v1/tailings-ponds/{body['id']}/", {"downstream_within_1km": 0}, format="json"
    )
    assert changed.json()["overhead"] is False


def test_a_changed_class_table_applies_to_the_next_change(county_admin, make_pond):
    pond = make_pond(total_capacity=450, dam_height=40)  # 四 and 四
    assert pond.pond_class == 4
    rule_setting_change(
        actor=county_admin,
        key="mines.pond_class_bands",
        value={"v": [10000, 400, 100], "h": [100, 60, 30]},
        effective_from=dt.date(2025, 1, 1),
        note="GB 39496-2020 表",
    )
    pond = services.pond_update(actor=county_admin, pond=pond, data={"name": "一号库"})
    assert pond.pond_class == 3


@pytest.mark.parametrize("degree", ["dangerous", "risky"])
def test_a_dangerous_or_risky_pond_becomes_a_supervised_major_hazard_once(
    county_admin, make_pond, degree
):
    pond = make_pond(safety_degree=degree)
    hazard = Hazard.objects.get(pk=pond.hazard_id)
    assert (hazard.grade, hazard.supervised) == ("major", True)
    services.pond_update(actor=county_admin, pond=pond, data={"name": "改名尾矿库"})
    services.pond_update(actor=county_admin, pond=pond, data={"safety_degree": "dangerous"})
    assert Hazard.objects.filter(enterprise=pond.enterprise).count() == 1


def test_an_ill_pond_raises_no_major_hazard(make_pond):
    assert make_pond(safety_degree="ill").hazard_id is None


def test_a_reading_gets_its_alarm_and_orange_notifies_the_county(
    api_as, county_admin, enterprise_user, make_pond, make_point
):
    pond = make_pond()
    point = make_point(pond)
    response = api_as(enterprise_user).post(
        "/api/v1/pond-readings/",
        {"point": point.pk, "item": "phreatic_depth", "value": 5.5, "unit": "m", "at": earlier(5)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["alarm"] == "orange"
    status = api_as(county_admin).get(f"/api/v1/tailings-ponds/{pond.pk}/status/").json()
    assert status["alarm"] == "orange"
    assert status["items"] == {"phreatic_depth": "orange"}
    assert Notification.objects.filter(recipient=county_admin, kind="pond.alarm").count() == 1
    assert Hazard.objects.count() == 0


def test_two_points_at_orange_make_the_pond_red_and_a_major_hazard_once(
    county_admin, make_pond, make_point
):
    pond = make_pond()
    first, second = make_point(pond, "JR1"), make_point(pond, "JR2")
    services.reading_add(actor=county_admin, point=first, data={"value": 5.4, "at": earlier(30)})
    assert Hazard.objects.count() == 0
    services.reading_add(actor=county_admin, point=second, data={"value": 5.3, "at": earlier(20)})
    pond.refresh_from_db()
    hazard = Hazard.objects.get()
    assert pond.hazard == hazard and hazard.supervised
    services.reading_add(actor=county_admin, point=second, data={"value": 4.0, "at": earlier(10)})
    assert Hazard.objects.count() == 1


def test_the_latest_reading_counts(county_admin, make_pond, make_point):
    pond = make_pond()
    point = make_point(pond)
    services.reading_add(actor=county_admin, point=point, data={"value": 5.5, "at": earlier(30)})
    services.reading_add(actor=county_admin, point=point, data={"value": 9, "at": earlier(10)})
    from anjian.mines.selectors import pond_status

    assert pond_status(pond)["alarm"] is None


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"value": 5, "at": timezone.now() + dt.timedelta(hours=1)}, "at"),
        ({"value": 5, "unit": "mm"}, "unit"),
        ({"value": 5000}, "value"),
        ({"value": -1}, "value"),
        ({"value": "NaN"}, "value"),
        ({"value": 5, "item": "rainfall"}, "item"),
    ],
)
def test_a_bad_reading_is_refused_naming_the_field(
    api_as, county_admin, make_pond, make_point, payload, field
):
    point = make_point(make_pond())
    body = {"point": point.pk, "item": "phreatic_depth", "at": earlier(5), **payload}
    response = api_as(county_admin).post("/api/v1/pond-readings/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert PondReading.objects.count() == 0


def test_thresholds_that_step_the_wrong_way_are_refused(api_as, county_admin, make_pond):
    pond = make_pond()
    response = api_as(county_admin).post(
        "/api/v1/pond-points/",
        {"pond": pond.pk, "code": "P1", "item": "phreatic_depth", "blue": 5, "red": 8},
        format="json",
    )
    assert response.status_code == 400


def test_the_outsider_sees_no_pond_and_cannot_read_into_it(
    api_as, town_b_officer, make_pond, make_point
):
    pond = make_pond()
    point = make_point(pond)
    api = api_as(town_b_officer)
    assert api.get(f"/api/v1/tailings-ponds/{pond.pk}/").status_code == 404
    assert api.get("/api/v1/tailings-ponds/").json()["count"] == 0
    response = api.post(
        "/api/v1/pond-readings/",
        {"point": point.pk, "item": "phreatic_depth", "value": 5, "at": earlier(5)},
        format="json",
    )
    assert response.status_code in (403, 404)


def test_the_chart_gives_a_day_per_point_with_the_worst_alarm(
    api_as, county_admin, make_pond, make_point
):
    pond = make_pond()
    point = make_point(pond)
    for minutes, value in ((60, 9), (50, 5.5), (40, 7)):
        services.reading_add(
            actor=county_admin, point=point, data={"value": value, "at": earlier(minutes)}
        )
    rows = (
        api_as(county_admin)
        .get(f"/api/v1/tailings-ponds/{pond.pk}/chart/?item=phreatic_depth&days=7")
        .json()
    )
    assert rows == [
        {
            "point": point.pk,
            "day": str(timezone.localdate(clock.now())),
            "low": 5.5,
            "high": 9.0,
            "alarm": "orange",
        }
    ]
    bad = api_as(county_admin).get(f"/api/v1/tailings-ponds/{pond.pk}/chart/?item=x")
    assert bad.status_code == 400 and "item" in bad.json()
