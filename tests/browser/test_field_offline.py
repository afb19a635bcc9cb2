"""Field work on a phone (390 px): the hazard registration, the inspection checklist and the
enterprise's self-check fit the screen, photo inputs open the rear camera, and a form submitted
while the connection is down is kept in the browser and sent when it returns
(Playwright's context.set_offline)."""

import datetime as dt
import json

from anjian.core import clock
from tests.support.personas import PASSWORD, USERNAMES

PHONE = {"width": 390, "height": 844}
OFFICER, ENTERPRISE = USERNAMES["town_a_officer"], USERNAMES["enterprise_user"]

CHECKLIST = """
import json
from anjian.accounts.models import Sector, User
from anjian.inspections import services
admin = User.objects.get(username="admin_p")
checklist = services.checklist_create(actor=admin, data={
    "code": "phone-chem", "name": "危化品现场检查表", "sector": None, "standard": "测试",
    "version": "1", "active": True})
for text in ("安全警示标志缺失。", "应急器材未定期检查。"):
    services.checklist_item_create(actor=admin, checklist=checklist, data={"text": text})
print(json.dumps({"pk": checklist.pk,
                  "items": list(checklist.items.order_by("number").values_list("pk", flat=True))}))
"""


def _phone(page, login_as, username):
    login_as(page, username, PASSWORD)  # on a wide screen: the phone hides the user's name
    page.set_viewport_size(PHONE)


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"


def _kept(page, key: str):
    return json.loads(page.evaluate(f"localStorage.getItem('anjian-draft:{key}') || 'null'"))


def test_a_hazard_registered_offline_is_kept_and_sent_when_the_phone_is_back_online(
    page, live_url, login_as, site
):
    today = clock.today()
    _phone(page, login_as, OFFICER)
    page.goto(f"{live_url}/hazards/new/")
    _fits(page)
    page.select_option("#id_enterprise", str(site.pks["enterprise_a"]))
    page.fill("#id_description", "现场发现配电箱未接地")
    # The draft survives leaving the page: opened again, the form is filled in as it was.
    page.goto(f"{live_url}/hazards/")
    page.goto(f"{live_url}/hazards/new/")
    assert page.input_value("#id_description") == "现场发现配电箱未接地"
    assert page.get_attribute("#draft-status", "data-state") == "restored"
    page.fill("#id_found_on", today.isoformat())
    page.fill("#id_found_by", "甲镇检查组")
    page.fill("#id_deadline", (today + dt.timedelta(days=7)).isoformat())
    page.fill("#id_responsible_person", "电工班长")
    page.fill("#id_measures", "重新接地并检测")
    page.fill("#id_funds", "500")
    page.fill("#id_contingency_plan", "断电挂牌，专人看护")

    page.context.set_offline(True)
    page.click("#save")
    page.wait_for_selector("#draft-status[data-state=offline]")
    assert page.url.endswith("/hazards/new/")
    draft = _kept(page, "hazard-new")
    assert draft["pending"] is True
    assert draft["fields"]["description"] == "现场发现配电箱未接地"
    assert draft["fields"]["responsible_person"] == "电工班长"
    none_yet = site.shell(
        "import json; from anjian.hazards.models import Hazard; "
        "print(json.dumps(Hazard.objects.filter(description='现场发现配电箱未接地').count()))"
    )
    assert none_yet == 0

    page.context.set_offline(False)
    page.wait_for_selector("#status")  # the hazard's page: the kept form was sent
    assert "/hazards/" in page.url and not page.url.endswith("/new/")
    assert _kept(page, "hazard-new") is None
    saved = site.shell(
        "import json; from anjian.hazards.models import Hazard; "
        "h = Hazard.objects.get(description='现场发现配电箱未接地'); "
        "print(json.dumps([h.responsible_person, h.enterprise_id]))"
    )
    assert saved == ["电工班长", site.pks["enterprise_a"]]
    _fits(page)


def test_the_self_check_checklist_fits_a_phone_and_survives_a_dropped_connection(
    page, live_url, login_as, site
):
    checklist = site.shell(CHECKLIST)
    _phone(page, login_as, ENTERPRISE)
    url = (
        f"{live_url}/inspections/new/?enterprise={site.pks['enterprise_a']}"
        f"&checklist={checklist['pk']}"
    )
    page.goto(url)
    _fits(page)
    # The date a phone's date picker shows is today's, in the form the input reads.
    assert page.input_value("#id_inspected_on") == clock.today().isoformat()
    first, second = checklist["items"]
    # Every outcome is a touch target of at least 44 × 44 px.
    box = page.locator(f"label:has(input[name=outcome_{first}][value=problem])").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    page.check(f"input[name=outcome_{first}][value=problem]")
    page.fill(f"input[name=note_{first}]", "仓库门口警示标志脱落")
    page.fill("#id_hazard_deadline", (clock.today() + dt.timedelta(days=5)).isoformat())

    page.context.set_offline(True)
    page.click("#save")
    page.wait_for_selector("#draft-status[data-state=offline]")
    key = f"inspection-{site.pks['enterprise_a']}-{checklist['pk']}"
    draft = _kept(page, key)
    assert draft["pending"] is True
    assert draft["fields"][f"outcome_{first}"] == "problem"
    assert draft["fields"][f"outcome_{second}"] == "ok"

    page.context.set_offline(False)
    page.wait_for_url("**/inspections/*/")
    assert _kept(page, key) is None
    recorded = site.shell(
        "import json; from anjian.inspections.models import Inspection; "
        f"i = Inspection.objects.get(checklist_id={checklist['pk']}); "
        "print(json.dumps([i.enterprise_id]))"
    )
    assert recorded[0] == site.pks["enterprise_a"]
    _fits(page)


def test_photo_inputs_open_the_rear_camera_on_a_phone(page, live_url, login_as, site):
    _phone(page, login_as, ENTERPRISE)
    hazard = site.shell(
        "import json, datetime as dt; from anjian.accounts.models import User; "
        "from anjian.core import clock; from anjian.hazards.services import hazard_create; "
        "from anjian.registry.models import Enterprise; "
        f"u = User.objects.get(username={ENTERPRISE!r}); "
        f"e = Enterprise.objects.get(pk={site.pks['enterprise_a']}); "
        "h = hazard_create(actor=u, data={'enterprise': e, 'description': '消防通道堵塞', "
        "'found_on': clock.today(), 'found_by': '自查', 'deadline': clock.today() + "
        "dt.timedelta(days=5), 'grade': 'general', 'responsible_person': '李四', "
        "'measures': '清理通道', 'funds': 0, 'contingency_plan': '专人值守'}); "
        "print(json.dumps(h.pk))"
    )
    page.goto(f"{live_url}/hazards/{hazard}/")
    _fits(page)
    photo = page.locator("#evidence-form input[name=photos]")
    assert photo.get_attribute("capture") == "environment"
    assert photo.get_attribute("accept") == "image/*"
