"""In a real browser: an enterprise user records a drill of its plan, and turns the problem the
drill found into a hazard with one action."""

import pytest

from tests.browser.conftest import _browser, live_url, login_as, page  # noqa: F401 - fixtures
from tests.conftest import PASSWORD
from tests.emergency.conftest import days_ago, plan_data

pytestmark = pytest.mark.browser


def test_an_enterprise_user_records_a_drill_and_its_problem_becomes_a_hazard(
        page, live_url, login_as, enterprise_user):  # noqa: F811 - fixtures
    from anjian.emergency import services

    plan = services.plan_create(actor=enterprise_user, data=plan_data(
        title="液氯泄漏专项应急预案", kind="special", published_on=days_ago(300)))
    login_as(page, enterprise_user.username, PASSWORD)
    page.goto(f"{live_url}/emergency/?overdue=1")
    page.click("text=液氯泄漏专项应急预案")
    page.click("#new-drill")
    page.fill("#id_held_on", days_ago(2).isoformat())
    page.select_option("#id_form", "functional")
    page.fill("#id_participants", "24")
    page.fill("#id_evaluation", "疏散及时，堵漏组到位慢。")
    page.fill("#id_problems", "堵漏工具箱缺少专用堵漏夹具")
    page.click("#drill-form button[type=submit]")
    page.wait_for_selector("#hazard-form")
    page.fill("#id_deadline", days_ago(-30).isoformat())
    page.click("#hazard-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    link = page.locator("#drill-hazard a")
    assert "堵漏工具箱缺少专用堵漏夹具" in link.inner_text()
    link.click()
    page.wait_for_url("**/hazards/**")
    assert "堵漏工具箱缺少专用堵漏夹具" in page.content()
    page.goto(f"{live_url}{plan.get_absolute_url()}")
    assert "#" in page.inner_text("#drill-table")
