"""The login page in a real browser: Chinese by default, a Chinese error on a wrong password."""

from tests.support.personas import PASSWORD, USERNAMES

OFFICER = USERNAMES["town_a_officer"]


def test_login_page_is_in_chinese(page, live_url):
    page.goto(f"{live_url}/login/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "登录" in page.title()
    assert page.locator("main button[type=submit]").inner_text().strip() == "登录"


def test_wrong_password_shows_a_chinese_error(page, live_url):
    page.goto(f"{live_url}/login/")
    page.fill("input[name=username]", OFFICER)
    page.fill("input[name=password]", "Wrong@2024pw")
    page.click("main button[type=submit]")
    error = page.locator(".alert-danger")
    error.wait_for()
    assert "用户名或密码错误" in error.inner_text()
    assert page.locator("#whoami").count() == 0


def test_right_password_logs_in_and_shows_who(page, live_url, login_as):
    login_as(page, OFFICER, PASSWORD)
    assert page.url.rstrip("/") == live_url.rstrip("/") + "/todo"  # lands on its workbench
    assert "镇安全办人员" in page.locator("#whoami").inner_text()
