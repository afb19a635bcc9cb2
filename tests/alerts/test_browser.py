"""A warning in a real browser: the county admin publishes it to all towns, the town officer
confirms (签收), and the county admin sees who has and has not confirmed."""

import pytest

from tests.browser.conftest import (  # noqa: F401 - fixtures
    _browser,
    _personas_database,
    live_url,
    log_out,
    login_as,
    page,
    site,
)
from tests.support.personas import PASSWORD, USERNAMES

ADMIN, OFFICER = USERNAMES["county_admin"], USERNAMES["town_a_officer"]

pytestmark = pytest.mark.browser


def _switch(tab, sign_in, username):
    if tab.locator("#whoami").count():
        log_out(tab)
    sign_in(tab, username, PASSWORD)


def test_publish_confirm_and_follow_up(page, live_url, login_as):  # noqa: F811 - fixtures
    _switch(page, login_as, ADMIN)
    page.goto(f"{live_url}/alerts/")
    page.click("#publish")
    page.fill("#id_title", "强降雨黄色预警")
    page.select_option("#id_level", "yellow")
    page.select_option("#id_kind", "weather")
    page.fill("#id_content", "预计未来24小时有大到暴雨，请加强地质灾害隐患点巡查。")
    page.fill("#id_valid_from", "2024-06-01T08:00")
    page.fill("#id_valid_to", "2024-06-02T20:00")
    page.check("#id_all_towns")
    page.click("#alert-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert "预警已发布" in page.inner_text(".alert-success")
    assert "甲镇" in page.inner_text("#unconfirmed") and "乙镇" in page.inner_text("#unconfirmed")
    detail = page.url

    _switch(page, login_as, OFFICER)
    page.goto(f"{live_url}/alerts/")
    assert "待签收" in page.inner_text("#alert-table")
    page.click("text=强降雨黄色预警")
    page.click("#confirm")
    page.wait_for_selector("#own-status")
    assert "本单位已于" in page.inner_text("#own-status")

    _switch(page, login_as, ADMIN)
    page.goto(detail)
    assert OFFICER in page.inner_text("#confirmed")
    assert "乙镇" in page.inner_text("#unconfirmed")
    page.goto(f"{live_url}/alerts/")
    # All towns of the installation: 甲镇, 乙镇 and the neighbouring county's 丙镇.
    assert "1/3" in page.inner_text("#alert-table")
