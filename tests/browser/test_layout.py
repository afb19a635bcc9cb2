"""The page shell in a real browser: Bootstrap 5's own CSS and JS, served by the platform."""

from tests.conftest import PASSWORD


def test_phone_menu_opens_behind_the_toggler(page, live_url, login_as, town_a_officer):
    login_as(page, town_a_officer.username, PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_url}/hazards/")
    menu_link = page.locator("#main-nav .nav-link").first
    assert page.locator(".navbar-toggler").is_visible()
    assert not menu_link.is_visible()

    page.click(".navbar-toggler")  # Bootstrap's bundle (collapse) opens the menu
    menu_link.wait_for(state="visible")
    assert page.locator("#whoami").is_visible()


def test_desktop_menu_shows_without_a_toggler(page, live_url, login_as, town_a_officer):
    login_as(page, town_a_officer.username, PASSWORD)
    assert not page.locator(".navbar-toggler").is_visible()
    assert page.locator("#main-nav .nav-link").first.is_visible()
    # Bootstrap 5.3's stylesheet is the one in force (its CSS variables exist only from 5.x).
    assert page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--bs-body-font-size')"
    )
