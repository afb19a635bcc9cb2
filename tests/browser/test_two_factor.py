"""Two-factor login in Chromium against a real server whose town officers need a second factor
(`ANJIAN_TWO_FACTOR_ROLES=town_officer`): the password, then a real TOTP code computed here from
the device's key, as the officer's phone would; and a first enrolment from the QR page's key."""

import base64
import shutil

import pytest
from django_otp.oath import totp

from tests.browser.conftest import Site
from tests.support.personas import PASSWORD, USERNAMES
from tests.support.server import running_server, server_env

OFFICER = USERNAMES["town_a_officer"]

NEW_DEVICE = """
import json
from django_otp.plugins.otp_totp.models import TOTPDevice
from anjian.accounts.models import User
device = TOTPDevice.objects.create(user=User.objects.get(username=%r), name="phone",
                                   confirmed=True)
print(json.dumps([device.key, device.step, device.t0, device.digits]))
"""

CONFIRMED = """
import json
from django_otp.plugins.otp_totp.models import TOTPDevice
print(json.dumps(TOTPDevice.objects.filter(user__username=%r, confirmed=True).count()))
"""


@pytest.fixture
def site(_personas_database, tmp_path) -> Site:
    template, pks = _personas_database
    data_dir = tmp_path / "site"
    shutil.copytree(template, data_dir)
    env = server_env(data_dir)
    env["ANJIAN_TWO_FACTOR_ROLES"] = "town_officer"
    with running_server(env, workers=1, migrate=False) as base:
        yield Site(url=base, env=env, pks=pks)


def _password(page, live_url):
    page.goto(f"{live_url}/login/")
    page.fill("input[name=username]", OFFICER)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_selector("#otp-form")


def test_two_factor_login_with_a_real_totp_code(page, live_url, site):
    key, step, t0, digits = site.shell(NEW_DEVICE % OFFICER)
    _password(page, live_url)
    assert "/accounts/otp/" in page.url
    assert page.locator("#whoami").count() == 0  # not in yet
    page.goto(f"{live_url}/registry/enterprises/")  # no page before the second step
    page.wait_for_selector("#otp-form")
    code = totp(bytes.fromhex(key), step, t0, digits)
    page.fill("input[name=code]", f"{code:06d}")
    page.click("#otp-form button[type=submit]")
    page.wait_for_selector("#whoami")
    assert "/registry/enterprises/" in page.url
    assert not page.console_errors and not page.foreign_requests


def test_first_enrolment_from_the_qr_page(page, live_url, site):
    _password(page, live_url)
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
    assert site.shell(CONFIRMED % OFFICER) == 1
