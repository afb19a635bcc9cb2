"""Two factors (TOTP) for the roles in ANJIAN_TWO_FACTOR_ROLES: enrolment with a QR code drawn
here, ten recovery codes, a second login step before any page, and `otp` on the token endpoint."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from tests.conftest import PASSWORD

TOKEN = "/api/v1/auth/token/"


@pytest.fixture(autouse=True)
def _two_factor_for_officers(settings):
    settings.TWO_FACTOR_ROLES = frozenset({"town_officer", "county_admin"})


@pytest.fixture
def device(town_a_officer):
    return TOTPDevice.objects.create(user=town_a_officer, name="phone", confirmed=True)


def code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def _password_step(user) -> Client:
    client = Client()
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_no_page_before_the_second_step(town_a_officer, device):
    client = _password_step(town_a_officer)
    for path in ["/", "/registry/enterprises/", "/accounts/password/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/otp/")
    assert client.get("/api/v1/me/").status_code == 403


def test_the_right_code_opens_the_platform(town_a_officer, device):
    client = _password_step(town_a_officer)
    assert client.get("/accounts/otp/").status_code == 200
    response = client.post("/accounts/otp/", {"code": code(device), "next": "/"})
    assert response.status_code == 302
    assert client.get("/todo/").status_code == 200


def test_wrong_codes_slow_down_the_next_try(town_a_officer, device):
    client = _password_step(town_a_officer)
    client.post("/accounts/otp/", {"code": "000000"})
    # django-otp's throttle: after a failure even the right code waits a moment.
    assert client.post("/accounts/otp/", {"code": code(device)}).status_code == 200
    assert client.get("/todo/").status_code == 302


def test_a_wrong_code_keeps_the_door_shut(town_a_officer, device):
    client = _password_step(town_a_officer)
    response = client.post("/accounts/otp/", {"code": "000000"})
    assert response.status_code == 200
    assert "验证码错误" in response.content.decode()
    assert client.get("/todo/").status_code == 302


def test_roles_not_listed_log_in_with_the_password_alone(enterprise_user):
    client = _password_step(enterprise_user)
    assert client.get("/todo/").status_code == 200


def test_enrolment_shows_a_local_qr_code_and_ten_recovery_codes_once(town_a_officer):
    client = _password_step(town_a_officer)
    page = client.get("/accounts/otp/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page  # drawn by the server, nothing external
    pending = TOTPDevice.objects.get(user=town_a_officer, confirmed=False)
    response = client.post("/accounts/otp/", {"code": code(pending), "next": "/"})
    assert response.status_code == 200
    codes = re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", response.content.decode())
    assert len(codes) == 10
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10 and not stored & set(codes)  # only keyed hashes are kept
    assert client.get("/todo/").status_code == 200
    # A recovery code logs in once.
    again = _password_step(town_a_officer)
    assert again.post("/accounts/otp/", {"code": codes[0]}).status_code == 302
    assert again.get("/todo/").status_code == 200
    third = _password_step(town_a_officer)
    assert third.post("/accounts/otp/", {"code": codes[0]}).status_code == 200
    assert third.get("/todo/").status_code == 302


def test_token_needs_the_otp_field(town_a_officer, device, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code otherwise blocks the next for 1 s
    api = APIClient()
    body = {"username": town_a_officer.username, "password": PASSWORD}
    missing = api.post(TOKEN, body, format="json")
    assert missing.status_code == 400 and "otp" in missing.json()
    wrong = api.post(TOKEN, {**body, "otp": "000000"}, format="json")
    assert wrong.status_code == 400 and "otp" in wrong.json()
    assert "token" not in wrong.json()
    right = api.post(TOKEN, {**body, "otp": code(device)}, format="json")
    assert right.status_code == 200 and right.json()["token"]


def test_token_without_an_enrolled_device_asks_for_enrolment(town_a_officer):
    response = APIClient().post(
        TOKEN,
        {"username": town_a_officer.username, "password": PASSWORD, "otp": "123456"},
        format="json",
    )
    assert response.status_code == 400
    assert "网页" in " ".join(response.json()["otp"])


def test_enrolment_audit_keeps_no_key(town_a_officer):
    from anjian.core.models import AuditEntry

    client = _password_step(town_a_officer)
    client.get("/accounts/otp/")
    pending = TOTPDevice.objects.get(user=town_a_officer, confirmed=False)
    client.post("/accounts/otp/", {"code": code(pending)})
    entry = AuditEntry.objects.get(action="auth.otp_enrol")
    assert pending.key not in str(entry.changes)
    assert entry.changes == {"otp_device": ["changed", "changed"]}


def test_otp_reset_command_lets_a_user_who_lost_the_phone_enrol_again(town_a_officer, device):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("otp_reset", town_a_officer.username, stdout=out)
    assert "removed" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=town_a_officer).exists()
    client = _password_step(town_a_officer)
    assert 'id="otp-qr"' in client.get("/accounts/otp/").content.decode()
