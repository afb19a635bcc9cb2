"""Failed logins lock the user name, never a whole office: one address, a real user and an
invented user name, through the real login form and token endpoint."""

import pytest
from django.test import Client

from anjian.core.models import AuditEntry
from tests.conftest import PASSWORD

LOGIN = "/login/"
TOKEN = "/api/v1/auth/token/"
OFFICE = {"REMOTE_ADDR": "10.8.0.1"}  # everyone in the county government behind one NAT


def _web(username, password, client=None):
    return (client or Client()).post(LOGIN, {"username": username, "password": password}, **OFFICE)


def _api(username, password):
    return Client().post(
        TOKEN,
        {"username": username, "password": password},
        content_type="application/json",
        **OFFICE,
    )


def test_five_failures_for_an_invented_name_do_not_lock_out_a_real_user(town_a_officer):
    for _ in range(4):
        assert _web("no_such_user", "Wrong#pass99").status_code == 200
    assert _web("no_such_user", "Wrong#pass99").status_code == 429  # the fifth locks the name
    assert _web(town_a_officer.username, PASSWORD).status_code == 302
    assert _api(town_a_officer.username, PASSWORD).status_code == 200


def test_five_failures_for_a_real_name_lock_only_that_name(town_a_officer, town_b_officer):
    for _ in range(5):
        _web(town_a_officer.username, "Wrong#pass99")
    locked = _web(town_a_officer.username, PASSWORD)
    assert locked.status_code == 429
    assert "锁定" in locked.content.decode()
    response = _api(town_a_officer.username, PASSWORD)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "token" not in response.json() and response.json()["code"] == "locked"
    # A colleague at the next desk, same address, still logs in.
    assert _web(town_b_officer.username, PASSWORD).status_code == 302
    assert _api(town_b_officer.username, PASSWORD).status_code == 200


def test_thirty_failures_from_one_address_are_throttled_not_locked(town_a_officer, settings):
    for n in range(29):
        _web(f"guess{n}", "Wrong#pass99")
    assert _web(town_a_officer.username, PASSWORD).status_code == 302  # 29: still fine
    _web("guess29", "Wrong#pass99")
    page = _web(town_a_officer.username, PASSWORD)
    assert page.status_code == 429
    assert int(page["Retry-After"]) > 0
    assert "分钟" in page.content.decode()
    api = _api(town_a_officer.username, PASSWORD)
    assert api.status_code == 429
    assert int(api["Retry-After"]) > 0 and api.json()["code"] == "throttled"
    # Another address is not slowed down, and the user name itself is not locked.
    other = Client().post(
        LOGIN, {"username": town_a_officer.username, "password": PASSWORD}, REMOTE_ADDR="10.9.0.1"
    )
    assert other.status_code == 302


def test_throttle_ends_when_the_failures_leave_the_ten_minute_window(town_a_officer):
    import datetime as dt

    from django.utils import timezone

    from anjian.accounts.models import LoginFailure

    for n in range(30):
        _api(f"guess{n}", "Wrong#pass99")
    assert _api(town_a_officer.username, PASSWORD).status_code == 429
    LoginFailure.objects.update(at=timezone.now() - dt.timedelta(minutes=11))
    assert _api(town_a_officer.username, PASSWORD).status_code == 200


@pytest.mark.parametrize("attempt", [_web, _api])
def test_failed_logins_are_audited_without_the_password(town_a_officer, attempt):
    attempt(town_a_officer.username, "Wrong#pass99")
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert entry.username == town_a_officer.username
    assert entry.changes == {"address": [None, "10.8.0.1"]}
    assert "Wrong#pass99" not in str(entry.changes)
