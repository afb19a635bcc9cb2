"""In a real browser on a real server: an enterprise user records a drill of its plan, and turns
the problem the drill found into a hazard with one action."""

import datetime as dt

from anjian.core import clock
from tests.support.personas import PASSWORD, USERNAMES

PLAN = """
import datetime as dt, json
from anjian.accounts.models import User
from anjian.core import clock
from anjian.emergency import services
user = User.objects.get(username="ent_a_p")
plan = services.plan_create(actor=user, data={"kind": "special", "title": "液氯泄漏专项应急预案",
    "published_on": clock.today() - dt.timedelta(days=300)})
print(json.dumps(plan.pk))
"""
RESULT = """
import json
from anjian.emergency.models import Drill
drill = Drill.objects.select_related("hazard").get()
print(json.dumps({"participants": drill.participants, "source": drill.hazard.source,
                  "enterprise": drill.hazard.enterprise_id, "found_on": str(drill.hazard.found_on),
                  "description": drill.hazard.description}))
"""


def test_an_enterprise_user_records_a_drill_and_its_problem_becomes_a_hazard(
    page, live_url, login_as, site
):
    today = clock.today()
    site.shell(PLAN)
    login_as(page, USERNAMES["enterprise_user"], PASSWORD)
    page.goto(f"{live_url}/emergency/?overdue=1")
    page.click("text=液氯泄漏专项应急预案")
    page.click("#new-drill")
    held_on = today - dt.timedelta(days=2)
    page.fill("#id_held_on", held_on.isoformat())
    page.select_option("#id_form", "functional")
    page.fill("#id_participants", "24")
    page.fill("#id_evaluation", "疏散及时，堵漏组到位慢。")
    page.fill("#id_problems", "堵漏工具箱缺少专用堵漏夹具")
    page.click("#drill-form button[type=submit]")
    page.wait_for_selector("#hazard-form")
    page.fill("#id_deadline", (today + dt.timedelta(days=30)).isoformat())
    page.click("#hazard-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert page.locator("#hazard-form").count() == 0  # one action, once
    link = page.locator("#drill-hazard a")
    assert "堵漏工具箱缺少专用堵漏夹具" in link.inner_text()
    link.click()
    page.wait_for_url("**/hazards/**")
    assert "堵漏工具箱缺少专用堵漏夹具" in page.content()
    result = site.shell(RESULT)
    assert result["participants"] == 24 and result["source"] == "self_check"
    assert result["enterprise"] == site.pks["enterprise_a"]
    assert result["found_on"] == held_on.isoformat()
