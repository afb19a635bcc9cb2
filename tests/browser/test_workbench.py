"""The workbench and the cockpit in a real browser: tasks link to where they are done and leave
once done; the menu's badges count them; the leader lands on the cockpit."""

from tests.support.personas import PASSWORD, USERNAMES

WARNING = """
import datetime as dt, json
from anjian.accounts.models import Town, User
from anjian.alerts import services
from anjian.core import clock
now = clock.now()
alert = services.alert_publish(
    actor=User.objects.get(username="admin_p"),
    data={"title": "暴雨橙色预警", "level": "orange", "kind": "weather", "content": "强降雨",
          "valid_from": now, "valid_to": now + dt.timedelta(days=2)},
    towns=[Town.objects.get(code="town_a")], departments=[], now=now)
print(json.dumps(alert.pk))
"""


def test_town_officer_confirms_a_warning_from_the_workbench(page, live_url, login_as, site):
    pk = site.shell(WARNING)
    login_as(page, USERNAMES["town_a_officer"], PASSWORD)
    assert page.url.endswith("/todo/")
    task = page.locator(".todo-task[data-kind=warning_confirm]")
    assert task.count() == 1
    badge = page.locator("[data-group=duty] > .nav-link [data-pending]")
    badge.wait_for(state="visible")
    assert badge.inner_text() == "1"

    task.click()
    page.wait_for_url(f"**/alerts/{pk}/")
    page.click("#confirm")
    page.wait_for_selector("#own-status")
    page.goto(f"{live_url}/todo/")
    assert page.locator(".todo-task[data-kind=warning_confirm]").count() == 0
    page.wait_for_load_state("networkidle")
    assert not badge.is_visible()


def test_leader_lands_on_the_cockpit(page, live_url, login_as):
    login_as(page, USERNAMES["leader"], PASSWORD)
    assert page.url.endswith("/cockpit/")
    assert page.locator("#chart-trend-empty").is_visible()  # no accidents yet: no empty axes
    assert page.locator("#risk-map").is_visible()


RAINSTORM_AT_A_WATER_REACTIVE_STORE = """
import datetime as dt, json
from anjian.accounts.models import Town, User
from anjian.alerts import services
from anjian.chemicals.services import stock_create
from anjian.core import clock
from anjian.registry.models import Enterprise
admin = User.objects.get(username="admin_p")
stock_create(actor=admin, enterprise=Enterprise.objects.get(name="甲镇化工有限公司"),
             data={"name": "金属钠", "max_stock_t": 1})
now = clock.now()
alert = services.alert_publish(
    actor=admin,
    data={"title": "暴雨红色预警", "level": "red", "kind": "rainstorm", "content": "特大暴雨",
          "valid_from": now, "valid_to": now + dt.timedelta(days=2)},
    towns=[Town.objects.get(code="town_b")], departments=[], now=now)
print(json.dumps(alert.pk))
"""


def test_enterprise_confirms_the_rainstorm_warning_that_reached_its_store(
    page, live_url, login_as, site
):
    pk = site.shell(RAINSTORM_AT_A_WATER_REACTIVE_STORE)
    login_as(page, USERNAMES["enterprise_user"], PASSWORD)
    assert page.url.endswith("/todo/")
    task = page.locator(".todo-task[data-kind=warning_confirm]")
    assert task.count() == 1
    task.click()
    page.wait_for_url(f"**/alerts/{pk}/")
    page.click("#confirm")
    page.wait_for_selector("#own-status")
    page.goto(f"{live_url}/todo/")
    assert page.locator(".todo-task[data-kind=warning_confirm]").count() == 0
