"""Two-factor login in Chromium: the password, then a real TOTP code computed here from the
device's key, as the officer's phone would; and a first enrolment from the QR page's key."""

import base64

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _two_factor_for_town_officers(settings):
    settings.TWO_FACTOR_ROLES = frozenset({"town_officer"})


def _password(page, live_url, user):
    page.goto(f"{live_url}/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_selector("#otp-form")


def test_two_factor_login_with_a_real_totp_code(page, live_url, town_a_officer):
    device = TOTPDevice.objects.create(user=town_a_officer, name="phone", confirmed=True)
    _password(page, live_url, town_a_officer)
    assert "/accounts/otp/" in page.url
    assert page.locator("#whoami").count() == 0  # not in yet
    page.goto(f"{live_url}/registry/enterprises/")  # no page before the second step
    page.wait_for_selector("#otp-form")
    code = totp(device.bin_key, device.step, device.t0, device.digits)
    page.fill("input[name=code]", f"{code:06d}")
    page.click("#otp-form button[type=submit]")
    page.wait_for_selector("#whoami")
    assert "镇安全办人员" in page.locator("#whoami").inner_text()
    assert "/registry/enterprises/" in page.url


def test_first_enrolment_from_the_qr_page(page, live_url, town_a_officer):
    _password(page, live_url, town_a_officer)
    qr = page.locator("#otp-qr")
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert page.evaluate("document.getElementById('otp-qr').naturalWidth") > 0
    key = base64.b32decode(page.locator("#otp-secret").inner_text().strip())
    page.fill("input[name=code]", f"{totp(key):06d}")
    page.click("#otp-form button[type=submit]")
    page.wait_for_selector("#recovery-codes")
    assert page.locator("#recovery-codes li").count() == 10
    page.click("text=继续")
    page.wait_for_selector("#whoami")
    assert TOTPDevice.objects.filter(user=town_a_officer, confirmed=True).exists()
