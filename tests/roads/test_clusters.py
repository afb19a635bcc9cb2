"""The road accident-cluster alert on the register: fatal road accidents with a place, three
within 1,000 m in 365 days, appear on the dangerous-sections page and are swept into one notice
to the county admin and the road department; a place is given with both coordinates or none."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from anjian.accidents import services as accidents
from anjian.accidents.models import Accident
from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.notifications.models import Notification
from anjian.roads import clusters

pytestmark = pytest.mark.django_db

# About 300 m apart along one road (0.003° of longitude at 22.8° N is about 310 m).
PLACES = [("108.300000", "22.800000"), ("108.303000", "22.800000"), ("108.306000", "22.800000")]


@pytest.fixture
def make_accident(town_a, sectors):
    def _make(*, occurred_at=None, title="测试事故", **fields):
        occurred_at = occurred_at or clock.now() - dt.timedelta(days=1)
        return accidents.accident_report(
            actor=SYSTEM,
            data={
                "title": title,
                "occurred_at": occurred_at,
                "reported_at": occurred_at + dt.timedelta(minutes=20),
                "town": town_a,
                "sector": sectors["road_traffic"],
                "accident_type": "02",
                **fields,
            },
        )

    return _make


@pytest.fixture
def three_fatal(make_accident, county_admin, traffic_officer):
    now = clock.now()
    return [
        make_accident(
            title=f"国道事故{i}",
            occurred_at=now - dt.timedelta(days=days),
            deaths=1,
            lng=Decimal(lng),
            lat=Decimal(lat),
        )
        for i, (days, (lng, lat)) in enumerate(zip((300, 120, 10), PLACES, strict=True))
    ]


def test_three_fatal_road_accidents_close_together_are_a_cluster_on_the_page(
    login, three_fatal, county_admin
):
    page = login(county_admin).get(reverse("roads:section_list"))
    html = page.content.decode()
    assert all(a.title in html for a in three_fatal)
    assert len(page.context["clusters"]) == 1


def test_a_fourth_accident_too_far_or_not_fatal_changes_nothing(
    make_accident, three_fatal, county_admin
):
    make_accident(title="远处事故", deaths=1, lng=Decimal("108.400000"), lat=Decimal("22.8"))
    make_accident(title="轻伤事故", deaths=0, lng=Decimal("108.301"), lat=Decimal("22.8"))
    (cluster,) = clusters.cluster_list(actor=county_admin)
    assert [a.title for a in cluster["accidents"]] == ["国道事故0", "国道事故1", "国道事故2"]
    assert cluster["deaths"] == 3


def test_two_are_no_cluster_and_an_old_one_drops_out(make_accident, county_admin):
    now = clock.now()
    for days, (lng, lat) in zip((400, 120, 10), PLACES, strict=True):
        make_accident(
            occurred_at=now - dt.timedelta(days=days),
            deaths=1,
            lng=Decimal(lng),
            lat=Decimal(lat),
        )
    assert clusters.cluster_list(actor=county_admin) == []


def test_the_sweep_notifies_the_county_and_the_road_department_once(
    three_fatal, county_admin, traffic_officer, town_b_officer
):
    first = clusters.run(now=clock.now())
    assert first == {"road_accident_cluster": 2}
    for user in (county_admin, traffic_officer):
        note = Notification.objects.get(recipient=user, kind="roads.accident_cluster")
        assert "国道事故2" in note.body
    assert not Notification.objects.filter(recipient=town_b_officer).exists()
    assert clusters.run(now=clock.now()) == {"road_accident_cluster": 0}


def test_a_place_needs_both_coordinates_and_a_real_range(login, county_admin, town_a, sectors):
    form = {
        "kind": "accident",
        "title": "县道事故",
        "occurred_at": "2025-06-10T08:00",
        "reported_at": "2025-06-10T08:30",
        "town": town_a.pk,
        "sector": sectors["road_traffic"].pk,
        "accident_type": "02",
        "direct_loss": "0",
        "lng": "108.3",
        **dict.fromkeys(
            ("missing", "serious_injuries", "minor_injuries", "endangered", "trapped", "evacuated"),
            0,
        ),
        "deaths": 1,
    }
    client = login(county_admin)
    page = client.post(reverse("accidents:accident_create"), form)
    assert page.status_code == 200 and "经度和纬度须同时填写" in page.content.decode()
    page = client.post(reverse("accidents:accident_create"), {**form, "lat": "95"})
    assert page.status_code == 200 and "小于或等于90" in page.content.decode()
    assert not Accident.objects.exists()
