"""Each demo login lands on its page with real work on it, at desktop and phone width.

With ANJIAN_SCREENSHOTS=DIR the first screen of each landing page is saved there as
landing-<username>-<desktop|phone>.png (the README's pictures are made so:
`ANJIAN_SCREENSHOTS=docs/img pytest tests/browser/test_landing_pages.py`).
"""

import os
from pathlib import Path

import pytest

DEMO_PASSWORD = "Demo@2024"
LANDING = {
    "county_admin": "/todo/",
    "dept_officer": "/todo/",
    "town_officer": "/todo/",
    "enterprise_user": "/todo/",
    "leader": "/cockpit/",
}
SIZES = {"desktop": {"width": 1400, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def live_url(demo_site):
    return demo_site[0]


@pytest.mark.parametrize("username", list(LANDING))
def test_each_demo_login_lands_on_its_page_with_real_work(
    page, live_url, login_as, username, tmp_path
):
    out = Path(os.environ.get("ANJIAN_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    login_as(page, username, DEMO_PASSWORD)
    assert page.url.endswith(LANDING[username])
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.goto(f"{live_url}{LANDING[username]}")
        page.wait_for_load_state("networkidle")  # the menu's badges
        if LANDING[username] == "/todo/":
            assert page.locator(".todo-task").count() > 0, "a demo login with nothing to do"
        else:
            for chart in ("#chart-trend", "#chart-sectors", "#chart-towns"):
                page.wait_for_selector(f"{chart} .main-svg")
            page.wait_for_timeout(500)  # plotly's resize after the viewport change
        heading = page.locator("main h1").bounding_box()
        assert heading["y"] < viewport["height"] / 4  # the page, not the menu, comes first
        page.screenshot(path=str(out / f"landing-{username}-{size}.png"))
