"""In a real browser on a real server: a town officer opens the chemicals, dangerous road
sections and crowded places registers and one record of each, with no console error and
nothing loaded from another host (the page fixture records both)."""

from tests.support.personas import PASSWORD, USERNAMES

RECORDS = """
import datetime as dt, json
from anjian.accounts.models import Department, Town
from anjian.chemicals import services as chemicals
from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.crowded import services as crowded
from anjian.registry.models import Enterprise
from anjian.roads import services as roads
town = Town.objects.get(pk=%d)
enterprise = Enterprise.objects.get(pk=%d)
chemicals.stock_create(actor=SYSTEM, enterprise=enterprise,
    data={"name": "电石", "cas": "75-20-7", "max_stock_t": 20})
police = Department.objects.create(code="police_b", name="县公安局交警大队")
section = roads.section_create(actor=SYSTEM, data={"town": town, "road": "X123", "from_km": 3,
    "to_km": 4.5, "kind": "water_cliff", "owner": Department.objects.get(code="transport"),
    "police": police}, deadline=clock.today() + dt.timedelta(days=30))
place = crowded.place_create(actor=SYSTEM, data={"name": "甲镇百货商场", "town": town,
    "place_type": "mall", "key_unit": True})
print(json.dumps({"enterprise": enterprise.pk, "section": section.pk, "place": place.pk}))
"""


def test_an_officer_opens_the_three_registers_and_their_records(page, live_url, login_as, site):
    pks = site.shell(RECORDS % (site.pks["town_a"], site.pks["enterprise_a"]))
    login_as(page, USERNAMES["town_a_officer"], PASSWORD)
    for path, shows in [
        ("/chemicals/", "遇水反应"),
        (f"/chemicals/enterprises/{pks['enterprise']}/", "电石"),
        ("/chemicals/weather/", "遇水反应"),
        ("/roads/", "X123"),
        (f"/roads/sections/{pks['section']}/", "联合验收"),
        ("/crowded/", "甲镇百货商场"),
        (f"/crowded/places/{pks['place']}/", "重大火灾隐患判定"),
    ]:
        response = page.goto(f"{live_url}{path}")
        assert response.status == 200, path
        assert shows in page.content(), path
    page.goto(f"{live_url}/")
    menu = page.content()
    assert "/chemicals/" in menu and "/roads/" in menu and "/crowded/" in menu
    assert page.foreign_requests == []
