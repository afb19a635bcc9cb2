"""One hazard walked from report to closing in a real browser, with a rejection on the way:
the town officer registers it, the enterprise acknowledges and submits, the officer rejects,
the enterprise submits again, the officer accepts and the hazard is closed (销号)."""

import datetime as dt

from anjian.core import clock
from tests.browser.conftest import log_out
from tests.support.personas import PASSWORD, USERNAMES

OFFICER, ENTERPRISE = USERNAMES["town_a_officer"], USERNAMES["enterprise_user"]
HAZARD = """
import json
from anjian.hazards.models import Hazard
hazard = Hazard.objects.get(description="危化品仓库超量储存")
print(json.dumps({"pk": hazard.pk, "status": hazard.status,
                  "actions": list(hazard.transitions.values_list("action", flat=True))}))
"""


def _switch(page, login_as, username):
    if page.locator("#whoami").count():
        log_out(page)
    login_as(page, username, PASSWORD)


def _act(page, action: str, comment: str = "") -> None:
    if comment:
        page.fill("#transition-form textarea[name=comment]", comment)
    page.click(f"#action-{action}")
    page.wait_for_selector(".alert-success")


def test_hazard_from_report_to_closing_with_a_rejection(page, live_url, login_as, site):
    today = clock.today()
    _switch(page, login_as, OFFICER)
    page.goto(f"{live_url}/hazards/")
    page.click("#new-hazard")
    page.select_option("#id_enterprise", str(site.pks["enterprise_a"]))
    page.fill("#id_description", "危化品仓库超量储存")
    page.fill("#id_found_on", today.isoformat())
    page.fill("#id_found_by", "甲镇检查组")
    page.fill("#id_deadline", (today + dt.timedelta(days=10)).isoformat())
    page.fill("#id_responsible_person", "仓库主任")
    page.fill("#id_measures", "清点并转移超量物品")
    page.fill("#id_funds", "3000")
    page.fill("#id_contingency_plan", "转移期间专人值守，备好灭火器材")
    page.click("#save")
    page.wait_for_selector("#status")
    hazard = site.shell(HAZARD)
    assert page.inner_text("#status") == "待整改"
    assert page.locator("#transition-form").count() == 0  # the officer cannot acknowledge

    _switch(page, login_as, ENTERPRISE)
    page.goto(f"{live_url}/hazards/")
    page.click("text=甲镇化工有限公司")
    _act(page, "acknowledge")
    assert page.inner_text("#status") == "整改中"
    _act(page, "submit", "已转移超量物品")
    assert page.inner_text("#status") == "待验收"
    assert page.locator("#action-accept").count() == 0  # never the enterprise's to accept

    _switch(page, login_as, OFFICER)
    page.goto(f"{live_url}/hazards/{hazard['pk']}/")
    _act(page, "reject", "现场仍有超量物品")
    assert page.inner_text("#status") == "整改中"

    _switch(page, login_as, ENTERPRISE)
    page.goto(f"{live_url}/hazards/{hazard['pk']}/")
    _act(page, "submit", "已全部转移")

    _switch(page, login_as, OFFICER)
    page.goto(f"{live_url}/hazards/{hazard['pk']}/")
    _act(page, "accept", "复查合格")
    assert page.inner_text("#status") == "已销号"
    history = page.inner_text("#history")
    for text in ("现场仍有超量物品", "已全部转移", "复查合格"):
        assert text in history
    hazard = site.shell(HAZARD)
    assert hazard["status"] == "closed"
    assert hazard["actions"] == ["acknowledge", "submit", "reject", "submit", "accept"]
