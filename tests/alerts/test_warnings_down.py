"""Warnings go down (issue 10): a city's warning reaches its counties; each county confirms (签收)
and passes it on (转发) to its own towns and departments, once; the city follows the chain;
nobody reaches a unit that is not theirs."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.alerts import services, sweep
from anjian.alerts.models import Alert, AlertEnterpriseRecipient, AlertRecipient
from anjian.chemicals import services as chemicals
from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.core.models import AuditEntry
from anjian.notifications.models import Notification
from anjian.reports.todo import todo_list
from tests.alerts.test_api import payload
from tests.conftest import make_enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_warning(api_as, city_admin, region, county_x_admin, other_county_admin, town_a_officer):
    """Published once the people who should hear of it exist."""
    response = api_as(city_admin).post(
        "/api/v1/warnings/",
        payload(
            recipients=[region.county_x.code, region.county_y.code],
            valid_from=clock.now().isoformat(),
            valid_to=(clock.now() + dt.timedelta(days=2)).isoformat(),
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def _ids(api):
    response = api.get("/api/v1/warnings/")
    assert response.status_code == 200
    return {w["id"] for w in response.json()["results"]}


def test_a_city_warning_reaches_the_counties_admins_and_no_town_until_passed_on(
    api_as, city_warning, county_x_admin, other_county_admin, town_a_officer, region
):
    assert city_warning["recipients"] == [region.county_x.code, region.county_y.code]
    assert [c["confirmed_at"] for c in city_warning["confirmations"]] == [None, None]
    for admin in (county_x_admin, other_county_admin):
        assert city_warning["id"] in _ids(api_as(admin))
        assert Notification.objects.filter(recipient=admin, kind="alert.published").exists()
    assert city_warning["id"] not in _ids(api_as(town_a_officer))
    assert not Notification.objects.filter(recipient=town_a_officer).exists()
    assert api_as(town_a_officer).get(f"/api/v1/warnings/{city_warning['id']}/").status_code == 404


def test_the_county_passes_it_on_once_and_its_towns_confirm_to_it(
    api_as, city_warning, city_admin, county_x_admin, town_a_officer, town_b_officer, town_a
):
    county = api_as(county_x_admin)
    url = f"/api/v1/warnings/{city_warning['id']}/pass-on/"
    response = county.post(url, {"recipients": ["town_a", "town_b"]}, format="json")
    assert response.status_code == 201, response.json()
    passed = response.json()
    assert passed["title"] == city_warning["title"] and passed["level"] == "yellow"
    assert passed["recipients"] == ["town_a", "town_b"]
    # Passing on is the county's 签收; a second time changes nothing.
    again = county.post(url, {"recipients": ["town_a"]}, format="json")
    assert again.status_code == 409
    assert Alert.objects.filter(source_id=city_warning["id"]).count() == 1
    confirmations = api_as(city_admin).get(f"/api/v1/warnings/{city_warning['id']}/").json()
    assert [c["confirmed_by"] for c in confirmations["confirmations"]] == ["county_x_p", None]
    assert AuditEntry.objects.filter(action="alert.pass_on").count() == 1
    # The town sees the county's warning (not the city's) and confirms it to the county.
    assert _ids(api_as(town_a_officer)) == {passed["id"]}
    confirmed = api_as(town_a_officer).post(f"/api/v1/warnings/{passed['id']}/confirm/")
    assert confirmed.status_code == 200 and confirmed.json()["recipient"] == "town_a"
    # The city sees what its counties passed on.
    assert passed["id"] in _ids(api_as(city_admin))


def test_the_chain_on_the_pages(login, city_warning, city_admin, county_x_admin, town_a):
    client = login(county_x_admin)
    detail = reverse("alerts:alert_detail", args=[city_warning["id"]])
    assert 'id="pass-on"' in client.get(detail).content.decode()
    form = client.get(reverse("alerts:alert_pass_on", args=[city_warning["id"]]))
    page = form.content.decode()
    assert "甲镇" in page and "丙镇" not in page  # only its own towns are offered
    response = client.post(
        reverse("alerts:alert_pass_on", args=[city_warning["id"]]), {"towns": [town_a.pk]}
    )
    passed = Alert.objects.get(source_id=city_warning["id"])
    assert response.status_code == 302 and response.url == passed.get_absolute_url()
    child_page = client.get(passed.get_absolute_url()).content.decode()
    assert 'id="source"' in child_page
    assert 'id="pass-on"' not in client.get(detail).content.decode()
    city_page = login(city_admin).get(detail).content.decode()
    assert "passed-on" in city_page and "0/1" in city_page


def test_the_neighbour_county_cannot_pass_on_for_county_x_or_reach_its_towns(
    api_as, city_warning, other_county_admin, county_x_admin
):
    neighbour = api_as(other_county_admin)
    # It may pass on its own copy, but only to its own towns.
    response = neighbour.post(
        f"/api/v1/warnings/{city_warning['id']}/pass-on/", {"recipients": ["town_a"]}, format="json"
    )
    assert response.status_code == 400
    assert "甲镇" in response.json()["recipients"][0]
    # A county publishes to its own towns only, and never to a county.
    for codes in (["town_a"], ["990121"]):
        refused = neighbour.post("/api/v1/warnings/", payload(recipients=codes), format="json")
        assert refused.status_code == 400, codes
    assert not Alert.objects.filter(source__isnull=False).exists()
    # A county's warning to its towns cannot be "passed on".
    own = api_as(county_x_admin).post(
        "/api/v1/warnings/", payload(recipients=["town_a"]), format="json"
    )
    assert own.status_code == 201
    assert (
        api_as(county_x_admin)
        .post(f"/api/v1/warnings/{own.json()['id']}/pass-on/", {"recipients": ["town_b"]})
        .status_code
        == 403
    )


def test_a_city_reaches_counties_not_towns(api_as, city_admin):
    response = api_as(city_admin).post(
        "/api/v1/warnings/", payload(recipients=["town_a"]), format="json"
    )
    assert response.status_code == 400
    assert "甲镇" in response.json()["recipients"][0]


def test_the_county_has_a_task_until_it_passes_on_and_the_city_hears_of_a_silent_county(
    api_as, city_warning, city_admin, county_x_admin, other_county_admin
):
    kinds = [t for t in todo_list(actor=county_x_admin) if t["kind"] == "warning_confirm"]
    assert len(kinds) == 1 and "转发" in kinds[0]["title"]
    alert = Alert.objects.get(pk=city_warning["id"])
    services.alert_confirm(actor=county_x_admin, alert=alert)
    # Confirmed but not passed on: still a task.
    assert [t for t in todo_list(actor=county_x_admin) if t["kind"] == "warning_confirm"]
    api_as(county_x_admin).post(
        f"/api/v1/warnings/{alert.pk}/pass-on/", {"recipients": ["town_a"]}, format="json"
    )
    assert not [t for t in todo_list(actor=county_x_admin) if t["kind"] == "warning_confirm"]
    # The other county said nothing: reminded, then reported to the city.
    sweep.run(now=alert.escalate_at + dt.timedelta(minutes=1))
    assert Notification.objects.filter(recipient=other_county_admin, kind="alert.reminder")
    report = Notification.objects.get(recipient=city_admin, kind="alert.escalation")
    assert "乙县" in report.body and "甲县" not in report.body
    row = AlertRecipient.objects.get(alert=alert, division__code="990122")
    assert row.escalated_at is not None


def test_a_countys_rainstorm_warning_reaches_its_own_water_reactive_stores_only(
    county_x_admin, region, enterprise_a, sectors, emergency_dept
):
    neighbour = make_enterprise(
        name="丙镇电石厂",
        n=9,
        town=region.town_c,
        sector=sectors["industry_trade"],
        department=emergency_dept,
    )
    for unit in (enterprise_a, neighbour):
        chemicals.stock_create(
            actor=SYSTEM,
            enterprise=unit,
            data={"name": "电石", "cas": "75-20-7", "max_stock_t": 50},
        )
    alert = services.alert_publish(
        actor=county_x_admin,
        towns=[enterprise_a.town],
        data={
            "title": "暴雨橙色预警",
            "level": "orange",
            "kind": "rainstorm",
            "content": "强降雨",
            "valid_from": clock.now(),
            "valid_to": clock.now() + dt.timedelta(days=1),
        },
    )
    reached = AlertEnterpriseRecipient.objects.filter(alert=alert)
    assert list(reached.values_list("enterprise", flat=True)) == [enterprise_a.pk]
