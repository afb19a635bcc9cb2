"""Accidents go up (493号令 Art. 10): forwarding entries due 2 h per level, received once by
the admin of the receiving division, overdue ones swept to both sides, the chain on the page."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.accidents import sweep
from anjian.core import clock
from anjian.notifications.models import Notification


@pytest.fixture
def general(region, make_accident):
    """A general accident in county X (town A), reported 20 minutes after it happened."""
    return make_accident(occurred_at=clock.now() - dt.timedelta(hours=1))


def test_a_general_accident_goes_up_to_the_city_due_two_hours_after_the_report(
    api_as, general, city_admin
):
    data = api_as(city_admin).get(f"/api/v1/accidents/{general.pk}/").json()
    assert data["grade"] == "general"
    [entry] = data["forwarding"]
    assert entry["level"] == "city" and entry["received_at"] is None
    due = dt.datetime.fromisoformat(entry["due"].replace("Z", "+00:00"))
    assert due == general.reported_at + dt.timedelta(hours=2)


@pytest.mark.parametrize(
    ("deaths", "levels"),
    [(0, ["city"]), (3, ["city", "province"]), (10, ["city", "province", "state"])],
)
def test_each_grade_goes_up_as_far_as_the_regulation_says(make_accident, deaths, levels):
    accident = make_accident(deaths=deaths)
    entries = list(accident.forwards.order_by("due"))
    assert [e.level for e in entries] == levels
    assert [e.due - accident.reported_at for e in entries] == [
        dt.timedelta(hours=2 * (i + 1)) for i in range(len(levels))
    ]


def test_a_supplementary_report_that_raises_the_grade_adds_the_next_level(make_accident):
    from anjian.accidents import services
    from anjian.core.actors import SYSTEM

    accident = make_accident(deaths=2, occurred_at=clock.now() - dt.timedelta(days=2))
    services.accident_revise(actor=SYSTEM, accident=accident, figures={"deaths": 3}, note="补报")
    assert sorted(accident.forwards.values_list("level", flat=True)) == ["city", "province"]


def test_the_city_admin_receives_it_once(api_as, general, city_admin):
    api = api_as(city_admin)
    first = api.post(f"/api/v1/accidents/{general.pk}/receive/")
    assert first.status_code == 200, first.content
    assert first.json()["received_by"] == "city_p" and first.json()["received_at"]
    with clock.frozen(clock.now() + dt.timedelta(hours=1)):
        second = api.post(f"/api/v1/accidents/{general.pk}/receive/")
    assert second.status_code == 200 and second.json() == first.json()
    entry = general.forwards.get()
    assert entry.received_at == clock.now() and entry.received_by == "city_p"


def test_a_county_admin_cannot_receive_it(api_as, general, county_x_admin, other_county_admin):
    assert (
        api_as(county_x_admin).post(f"/api/v1/accidents/{general.pk}/receive/").status_code == 409
    )
    assert (
        api_as(other_county_admin).post(f"/api/v1/accidents/{general.pk}/receive/").status_code
        == 404
    )
    assert general.forwards.get().received_at is None


def test_it_is_on_the_city_admins_list_at_once(api_as, general, city_admin):
    ids = [a["id"] for a in api_as(city_admin).get("/api/v1/accidents/").json()["results"]]
    assert general.pk in ids


def test_the_page_shows_the_chain_and_lets_the_city_receive(login, general, city_admin):
    client = login(city_admin)
    page = client.get(general.get_absolute_url()).content.decode()
    assert 'data-level="city"' in page and 'id="receive-form"' in page
    response = client.post(reverse("accidents:accident_receive", args=[general.pk]))
    assert response.status_code == 302
    page = client.get(general.get_absolute_url()).content.decode()
    assert "city_p" in page and 'id="receive-form"' not in page


def test_an_overdue_entry_not_received_notifies_both_sides_once(
    general, city_admin, county_x_admin, other_county_admin
):
    later = general.reported_at + dt.timedelta(hours=3)
    assert sweep.run(now=later) == {"forwarding_overdue": 2}
    assert sweep.run(now=later) == {"forwarding_overdue": 0}
    told = set(
        Notification.objects.filter(kind="accident.forwarding_overdue").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"city_p", "county_x_p"}


def test_nothing_is_swept_before_the_due_time_or_once_received(general, city_admin, county_x_admin):
    from anjian.accidents import services

    assert sweep.run(now=general.reported_at + dt.timedelta(hours=1)) == {"forwarding_overdue": 0}
    services.accident_receive(actor=city_admin, accident=general)
    assert sweep.run(now=general.reported_at + dt.timedelta(hours=3)) == {"forwarding_overdue": 0}
