"""In Chromium: a town officer files a roster with the "add a shift" button and sees its gaps."""

import pytest

from tests.browser.conftest import (  # noqa: F401 - fixtures
    _browser,
    _personas_database,
    live_url,
    login_as,
    page,
    site,
)
from tests.support.personas import PASSWORD, USERNAMES

pytestmark = pytest.mark.browser


def _fill(tab, index: int, start: str, end: str, leader: str, staff: str) -> None:
    tab.fill(f"#id_shifts-{index}-starts_at", start)
    tab.fill(f"#id_shifts-{index}-ends_at", end)
    tab.fill(f"#id_shifts-{index}-leader", leader)
    tab.fill(f"#id_shifts-{index}-staff", staff)


def test_town_officer_files_a_roster_and_sees_its_gaps(page, live_url, login_as):  # noqa: F811
    login_as(page, USERNAMES["town_a_officer"], PASSWORD)
    page.goto(f"{live_url}/duty/rosters/new/")
    page.fill("#id_title", "甲镇元旦值班表")
    page.fill("#id_starts_at", "2026-12-31T20:00")
    page.fill("#id_ends_at", "2027-01-02T08:00")
    assert page.locator("tr.shift-form").count() == 3
    page.click("#add-shift")
    assert page.locator("tr.shift-form").count() == 4
    _fill(page, 0, "2026-12-31T20:00", "2027-01-01T08:00", "韦局长", "李明")
    _fill(page, 1, "2027-01-01T08:00", "2027-01-01T20:00", "", "王芳")
    _fill(page, 3, "2027-01-01T22:00", "2027-01-02T08:00", "黄副局长", "张伟")
    page.click("#roster-form button[type=submit]")
    page.wait_for_selector("#coverage")
    assert page.locator("#coverage tr.gap-leader").count() == 1
    assert page.locator("#coverage tr.gap-staff").count() == 1
    assert "2 处空档" in page.inner_text("h1")
    assert page.locator("#shifts tbody tr").count() == 3
