"""In a real browser on a real server: a ranger's officer logs a patrol on a 390-px phone with
the phone's location, and the watch area's gap clears; every forest-fire, fireworks and mines
page loads with nothing from another host and no console error."""

from playwright.sync_api import expect

from tests.support.personas import PASSWORD, USERNAMES

AREA = """
import json
from anjian.accounts.models import Town
from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.forestfire import services
town = Town.objects.get(pk=%d)
area = services.area_create(actor=SYSTEM, data={"town": town, "name": "青山岭重点监测区",
    "lng": "108.310000", "lat": "22.820000", "leader": "覃副镇长", "rangers": ["黄德明"],
    "opened_on": clock.today()})
print(json.dumps(area.pk))
"""
PATROL = """
import json
from anjian.forestfire.models import Patrol
p = Patrol.objects.get()
print(json.dumps({"points": p.points, "ranger": p.ranger}))
"""


def test_a_patrol_logged_on_a_phone_with_its_location_clears_the_gap(
    page, live_url, login_as, site
):
    area = site.shell(AREA % site.pks["town_a"])
    page.context.grant_permissions(["geolocation"], origin=live_url)
    page.context.set_geolocation({"longitude": 108.3123, "latitude": 22.8211})
    login_as(page, USERNAMES["town_a_officer"], PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_url}/forestfire/areas/{area}/")
    assert page.locator("#today-patrols").get_attribute("data-gap") == "1"
    page.click("text=登记巡护")
    page.wait_for_selector("#patrol-form")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    page.fill("#id_ranger", "黄德明")
    page.click("#locate")
    # A locator waits without evaluating a string (the page's CSP forbids eval).
    expect(page.locator("#id_points")).not_to_have_value("")
    page.fill("#id_findings", "无异常")
    page.click("#patrol-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert page.locator("#today-patrols").get_attribute("data-gap") == "0"
    stored = site.shell(PATROL)
    assert stored == {"points": [[108.3123, 22.8211]], "ranger": "黄德明"}


def test_the_new_pages_load_offline_without_errors(page, live_url, login_as, site):
    site.shell(AREA % site.pks["town_a"])
    login_as(page, USERNAMES["county_admin"], PASSWORD)
    for path in [
        "/forestfire/",
        "/forestfire/map/",
        "/forestfire/patrols/new/",
        "/forestfire/danger/new/",
        "/forestfire/danger/import/",
        "/forestfire/fires/new/",
        "/forestfire/permits/new/",
        "/fireworks/",
        "/fireworks/watch-list/",
        "/fireworks/cases/",
        "/fireworks/cases/new/",
        "/fireworks/exits/new/",
        "/fireworks/firing-rules/new/",
        "/mines/tailings-ponds/",
        "/mines/tailings-ponds/new/",
        "/mines/mined-out-areas/",
        "/mines/mined-out-areas/new/",
        "/mines/quarries/",
        "/mines/quarries/new/",
        "/mines/mine-plans/",
        "/mines/mine-plans/new/",
        "/mines/readings/import/",
    ]:
        response = page.goto(f"{live_url}{path}")
        assert response.status == 200, path
    assert page.foreign_requests == []
