"""What happens in one county is told to that county's admins, not to the neighbouring
county's (a city installation): an accident report, a 12350 report naming a town. In a
one-county installation every county admin still hears of it, as in v1."""

import datetime as dt

import pytest

from anjian.accidents import services as accidents
from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.notifications.models import Notification
from anjian.public_reports import services as reports

pytestmark = pytest.mark.django_db


def _accident(town, sectors):
    occurred = clock.now() - dt.timedelta(hours=2)
    return accidents.accident_report(
        actor=SYSTEM,
        data={
            "title": f"{town.name}车辆碰撞事故",
            "occurred_at": occurred,
            "reported_at": occurred + dt.timedelta(minutes=30),
            "town": town,
            "sector": sectors["road_traffic"],
            "accident_type": "02",
            "deaths": 1,
        },
    )


def _told(user, kind: str) -> bool:
    return Notification.objects.filter(recipient=user, kind=kind).exists()


def test_an_accident_is_told_to_its_own_county(
    region, sectors, county_x_admin, other_county_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _accident(region.town_c, sectors)
    assert _told(other_county_admin, "accident.reported")
    assert not _told(county_x_admin, "accident.reported")


def test_a_12350_report_is_told_to_the_county_of_its_town(
    region, county_x_admin, other_county_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reports.public_report_submit(
            data={"content": "丙镇某厂夜间违规动火作业", "town": region.town_c, "place": "丙镇",
                  "anonymous": True},
        )  # fmt: skip
    assert _told(other_county_admin, "public_report.received")
    assert not _told(county_x_admin, "public_report.received")


def test_one_county_still_tells_every_county_admin(
    sectors, town_a, county_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _accident(town_a, sectors)
    assert _told(county_admin, "accident.reported")
