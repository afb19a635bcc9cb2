"""Every date and number a user types is plausible: dates from 1949-10-01 to a year ahead, an
accident not in the future, at most 10,000 people, no negative money; a 400 naming the field
(a form error on a page), and nothing written (issue 8)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from anjian.accidents.models import Accident
from anjian.core import validators
from anjian.hazards.models import Hazard
from anjian.registry.models import Licence

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_now")]


def accident(**extra) -> dict:
    moment = timezone.now() - dt.timedelta(hours=3)
    return {
        "title": "追尾",
        "occurred_at": moment.isoformat(),
        "reported_at": moment.isoformat(),
        "town": "town_a",
        "sector": "road_traffic",
        "accident_type": "车辆伤害",
        "deaths": 0,
        **extra,
    }


LATER = timezone.now() + dt.timedelta(hours=2)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("occurred_at", (timezone.now() + dt.timedelta(hours=2)).isoformat()),
        ("reported_at", (timezone.now() + dt.timedelta(days=30)).isoformat()),
        ("occurred_at", "1949-09-30T10:00:00+08:00"),
        ("deaths", 10_001),
        ("serious_injuries", 50_000),
        ("direct_loss", "-1.00"),
    ],
)
def test_implausible_accident_values_are_a_400_naming_the_field(
    api_as, county_admin, sectors, town_a, field, value
):
    response = api_as(county_admin).post(
        "/api/v1/accidents/", accident(**{field: value}), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not Accident.objects.exists()


def test_boundary_values_are_accepted(api_as, county_admin, sectors, town_a):
    response = api_as(county_admin).post(
        "/api/v1/accidents/",
        accident(
            deaths=10_000,
            direct_loss="0.00",
            reported_at=(timezone.now() + dt.timedelta(minutes=2)).isoformat(),
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("found_on", ["1900-01-01", "3024-01-01"])
def test_implausible_hazard_date_is_a_400(api_as, county_admin, enterprise_a, found_on):
    today = timezone.localdate()
    response = api_as(county_admin).post(
        "/api/v1/hazards/",
        {
            "enterprise": enterprise_a.pk,
            "description": "消防通道堵塞",
            "found_on": found_on,
            "found_by": "张三",
            "source": "inspection",
            "deadline": (today + dt.timedelta(days=10)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert "found_on" in response.json()
    assert not Hazard.objects.exists()


def test_a_licence_may_expire_years_ahead(api_as, county_admin, enterprise_a):
    today = timezone.localdate()
    response = api_as(county_admin).post(
        "/api/v1/licences/",
        {
            "enterprise": enterprise_a.pk,
            "kind": "safety_production",
            "number": "（桂）FM安许证字〔2024〕001",
            "issued_on": today.isoformat(),
            "expires_on": today.replace(year=today.year + 3).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Licence.objects.count() == 1


def test_page_shows_the_error_on_the_field_and_saves_nothing(login, county_admin, sectors, town_a):
    moment = timezone.localtime() - dt.timedelta(hours=3)
    response = login(county_admin).post(
        reverse("accidents:accident_create"),
        {
            "kind": "accident",
            "title": "追尾",
            "occurred_at": moment.strftime("%Y-%m-%dT%H:%M"),
            "reported_at": moment.strftime("%Y-%m-%dT%H:%M"),
            "town": town_a.pk,
            "sector": sectors["road_traffic"].pk,
            "accident_type": "04",
            "deaths": 20_000,
            "missing": 0,
            "serious_injuries": 0,
            "minor_injuries": 0,
            "direct_loss": "0",
            "endangered": 0,
            "trapped": 0,
            "evacuated": 0,
        },
    )
    assert response.status_code == 200
    assert "deaths" in response.context["form"].errors
    assert not Accident.objects.exists()


@pytest.mark.parametrize(
    ("rule", "value", "ok"),
    [
        (validators.plausible_date, dt.date(1949, 10, 1), True),
        (validators.plausible_date, dt.date(1949, 9, 30), False),
        (validators.people_count, 10_000, True),
        (validators.people_count, 10_001, False),
        (validators.people_count, -1, False),
        (validators.non_negative_money, 0, True),
        (validators.non_negative_money, -0.01, False),
    ],
)
def test_rules_at_their_boundaries(rule, value, ok):
    from django.core.exceptions import ValidationError

    if ok:
        rule(value)
    else:
        with pytest.raises(ValidationError):
            rule(value)


def test_one_year_ahead_is_the_last_plausible_day():
    from django.core.exceptions import ValidationError

    today = timezone.localdate()
    last = validators._latest_date()
    assert (last - today).days in (365, 366)
    validators.plausible_date(last)
    with pytest.raises(ValidationError):
        validators.plausible_date(last + dt.timedelta(days=1))


def test_now_plus_clock_slack_is_accepted_and_beyond_refused():
    from django.core.exceptions import ValidationError

    validators.not_in_future(timezone.now() + dt.timedelta(minutes=4))
    with pytest.raises(ValidationError):
        validators.not_in_future(timezone.now() + dt.timedelta(minutes=6))
