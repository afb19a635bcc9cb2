"""The page shell in a real browser: Bootstrap 5's own CSS and JS, served by the platform; the
grouped menu collapses behind a menu button on a phone, whose first screen shows the page."""

from tests.conftest import PASSWORD

PHONE = {"width": 390, "height": 844}


def test_phone_menu_opens_behind_the_toggler(page, live_url, login_as, town_a_officer):
    login_as(page, town_a_officer.username, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_url}/hazards/")
    menu_link = page.locator("#main-nav .nav-link").first
    assert page.locator(".navbar-toggler").is_visible()
    assert not menu_link.is_visible()

    page.click(".navbar-toggler")  # Bootstrap's bundle (collapse) opens the menu
    menu_link.wait_for(state="visible")
    assert page.locator("#whoami").is_visible()
    page.click("[data-group=prevention] > .dropdown-toggle")  # a group opens its entries
    page.locator("[data-group=prevention] .dropdown-item[href='/hazards/']").wait_for(
        state="visible"
    )


def test_phone_first_screen_shows_the_page_not_the_menu(page, live_url, login_as, town_a_officer):
    login_as(page, town_a_officer.username, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_url}/todo/")
    navbar = page.locator("nav.navbar").bounding_box()
    heading = page.locator("main h1").bounding_box()
    assert navbar["height"] < 80  # the brand and the menu button, nothing else
    assert heading["y"] + heading["height"] < PHONE["height"] / 4
    assert page.locator("#todo").is_visible()
    assert not page.locator("#menu").is_visible()


def test_desktop_menu_fits_on_one_line_and_log_out_is_in_the_account_menu(
    page, live_url, login_as, county_admin
):
    login_as(page, county_admin.username, PASSWORD)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{live_url}/todo/")
    assert not page.locator(".navbar-toggler").is_visible()
    assert page.locator("#main-nav .nav-link").first.is_visible()
    assert page.locator("nav.navbar").bounding_box()["height"] < 70, "the menu wraps"
    account = page.locator("#whoami").bounding_box()
    assert account["x"] + account["width"] <= 1400, "the account menu runs off the screen"
    page.click("#whoami")
    logout = page.locator("#logout")
    logout.wait_for(state="visible")
    box = logout.bounding_box()
    assert box["height"] < 40 and box["x"] + box["width"] <= 1400, "退出 wraps or is cut off"
    # Narrower (a 1366 or 1200 laptop): the menu waits behind the menu button instead of
    # running off the screen.
    page.set_viewport_size({"width": 1200, "height": 900})
    assert page.locator(".navbar-toggler").is_visible()
    # Bootstrap 5.3's stylesheet is the one in force (its CSS variables exist only from 5.x).
    assert page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--bs-body-font-size')"
    )
