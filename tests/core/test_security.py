"""Security of the platform: password hashing and rules, lockout, sessions, CSRF, headers and the
deployment check, each seen through the real login form, API and middleware."""

import datetime as dt
import re
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from anjian.accounts.models import Role, User
from anjian.accounts.services import user_create
from tests.conftest import PASSWORD
from tests.support.server import anjian, server_env

LOGIN = "/login/"


@pytest.fixture(autouse=True)
def _axes_fresh(db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()


def _post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


# --- passwords -----------------------------------------------------------------------------------


class TestArgon2:
    @pytest.fixture(autouse=True)
    def _fast_hashing(self):
        """Overrides the suite's fast MD5 hasher: here the real setting is under test."""

    def test_a_new_users_password_is_hashed_with_argon2(self, db):
        user = user_create(
            actor=None, username="hash_me", password="Strong#Pass24", role=Role.COUNTY_ADMIN
        )
        user.refresh_from_db()
        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password("Strong#Pass24")
        assert not user.check_password("strong#pass24")


@pytest.mark.parametrize(
    "password,ok",
    [
        ("Ab1#xyz", False),  # 7 characters: too short
        ("abcdefgh", False),  # one class only (and common)
        ("abcdefg1", False),  # two classes
        ("Zq7mwxkp", True),  # lower + upper + digit, 8 characters
        ("zq7#mwxkp", True),  # lower + digit + symbol
        ("Password1", False),  # three classes but a common password
    ],
)
def test_password_rules_need_eight_characters_and_three_classes(password, ok):
    user = User(username="someone", role=Role.TOWN_OFFICER)
    if ok:
        validate_password(password, user)
    else:
        with pytest.raises(ValidationError):
            validate_password(password, user)


def test_character_class_rule_explains_itself_in_chinese():
    from anjian.accounts.passwords import CharacterClassValidator

    with pytest.raises(ValidationError) as exc:
        CharacterClassValidator().validate("abcdefgh1")
    assert re.search(r"[\u4e00-\u9fff]", " ".join(exc.value.messages))


def test_user_create_refuses_a_weak_password(db):
    with pytest.raises(ValidationError):
        user_create(actor=None, username="weak", password="abcdefgh", role=Role.LEADER)
    assert not User.objects.filter(username="weak").exists()


# --- lockout after 5 failed logins (django-axes) ------------------------------------------------


def test_sixth_login_with_the_right_password_is_refused_with_the_chinese_lockout_page(
    town_a_officer, client
):
    for _ in range(4):
        response = _post_login(client, town_a_officer.username, "Wrong#pass99")
        assert response.status_code == 200  # the form again, with its error
        assert "用户名或密码错误" in response.content.decode()
    fifth = _post_login(client, town_a_officer.username, "Wrong#pass99")
    assert fifth.status_code == 429  # the fifth failure locks at once
    response = _post_login(client, town_a_officer.username, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "锁定" in page
    assert '<html lang="zh-hans">' in page
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302  # still not logged in


def test_four_failures_do_not_lock(town_a_officer, client):
    for _ in range(4):
        _post_login(client, town_a_officer.username, "Wrong#pass99")
    response = _post_login(client, town_a_officer.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(town_a_officer.pk)


def test_api_token_is_refused_after_five_failures(town_a_officer, api_as):
    api = api_as(None)
    url = "/api/v1/auth/token/"
    for attempt in range(5):
        response = api.post(
            url, {"username": town_a_officer.username, "password": "Wrong#pass99"}, format="json"
        )
        assert response.status_code == (400 if attempt < 4 else 429)
    response = api.post(
        url, {"username": town_a_officer.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429
    assert b'"token"' not in response.content


def test_failures_over_the_api_lock_the_web_login_too(town_a_officer, api_as, client):
    for _ in range(5):
        api_as(None).post(
            "/api/v1/auth/token/",
            {"username": town_a_officer.username, "password": "Wrong#pass99"},
            format="json",
        )
    response = _post_login(client, town_a_officer.username, PASSWORD)
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_behind_a_proxy_one_clients_failures_do_not_slow_down_everyone(
    town_a_officer, town_b_officer, client, settings
):
    from anjian.settings import client_ip_behind_proxy

    settings.AXES_CLIENT_IP_CALLABLE = client_ip_behind_proxy  # as with ANJIAN_BEHIND_PROXY=1
    # Every request comes from nginx (127.0.0.1); X-Forwarded-For names the real client.
    attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 10.0.0.66"}
    for n in range(30):
        client.post(LOGIN, {"username": f"nobody{n}", "password": "Wrong#pass99"}, **attacker)
    colleague = Client()
    response = colleague.post(
        LOGIN,
        {"username": town_b_officer.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.0.0.7",
    )
    assert response.status_code == 302
    # The attacker's own address is throttled, whatever it forges in front of the proxy's entry.
    response = client.post(
        LOGIN,
        {"username": town_a_officer.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.0.0.7, 10.0.0.66",
    )
    assert response.status_code == 429


def test_production_settings_behind_a_proxy_take_the_forwarded_address(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.AXES_CLIENT_IP_CALLABLE.__name__, s.SECURE_PROXY_SSL_HEADER)"
    )
    env = {
        **server_env(tmp_path),
        "ANJIAN_BEHIND_PROXY": "1",
        "DJANGO_SETTINGS_MODULE": "anjian.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "client_ip_behind_proxy"
    assert "HTTP_X_FORWARDED_PROTO" in result.stdout


# --- sessions end after 30 idle minutes ----------------------------------------------------------


def test_session_cookie_lives_thirty_minutes(town_a_officer, client):
    response = _post_login(client, town_a_officer.username, PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert int(cookie["max-age"]) == 1800
    assert cookie["httponly"]


def test_every_request_pushes_the_expiry_back(town_a_officer, client):
    _post_login(client, town_a_officer.username, PASSWORD)
    key = client.session.session_key
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + dt.timedelta(minutes=1))
    response = client.get(reverse("todo"))
    assert response.status_code == 200
    assert int(response.cookies["sessionid"]["max-age"]) == 1800
    expiry = Session.objects.get(pk=key).expire_date
    assert expiry > timezone.now() + dt.timedelta(minutes=29)


def test_an_expired_session_sends_the_user_back_to_login(town_a_officer, client):
    _post_login(client, town_a_officer.username, PASSWORD)
    assert client.get(reverse("todo")).status_code == 200
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(reverse("registry:enterprise_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# --- CSRF ----------------------------------------------------------------------------------------


def test_login_form_without_csrf_token_is_refused(town_a_officer):
    client = Client(enforce_csrf_checks=True)
    response = _post_login(client, town_a_officer.username, PASSWORD)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_login_form_with_its_csrf_token_works(town_a_officer):
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN)
    token = client.cookies["csrftoken"].value
    response = client.post(
        LOGIN,
        {"username": town_a_officer.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_write_form_without_csrf_token_is_refused_and_changes_nothing(
    town_a_officer, enterprise_a_road
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(town_a_officer)
    url = reverse("registry:enterprise_edit", args=[enterprise_a_road.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "改名有限公司", "phone": "0771-1234567"})
    assert response.status_code == 403
    enterprise_a_road.refresh_from_db()
    assert enterprise_a_road.name == "甲镇运输有限公司"


def test_api_write_with_a_browser_session_needs_csrf(town_a_officer, enterprise_a_road):
    client = Client(enforce_csrf_checks=True)
    client.force_login(town_a_officer)
    response = client.patch(
        f"/api/v1/enterprises/{enterprise_a_road.pk}/",
        {"phone": "0771-7654321"},
        content_type="application/json",
    )
    assert response.status_code == 403
    enterprise_a_road.refresh_from_db()
    assert enterprise_a_road.phone != "0771-7654321"


# --- headers -------------------------------------------------------------------------------------


def _csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.parametrize(
    "path,logged_in", [(LOGIN, False), ("/todo/", True), ("/registry/enterprises/", True)]
)
def test_secure_headers_are_sent(path, logged_in, town_a_officer, client):
    if logged_in:
        client.force_login(town_a_officer)
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = _csp(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    allowed = re.compile(r"^('self'|'none'|'unsafe-inline'|'nonce-[A-Za-z0-9+/=_-]+'|data:|blob:)$")
    for name, sources in csp.items():
        for source in sources:
            assert allowed.match(source), f"{name} allows {source}: no other host may be named"


# --- the deployment check ------------------------------------------------------------------------

PRODUCTION = {
    "ANJIAN_SECRET_KEY": "k8Jw2-very-long-random-production-secret-" + "Zx9" * 12,
    "ANJIAN_DEBUG": "0",
    "ANJIAN_SECURE_COOKIES": "1",
    "ANJIAN_HSTS_SECONDS": "31536000",
    "ANJIAN_SECURE_SSL_REDIRECT": "1",
    "ANJIAN_ALLOWED_HOSTS": "example.org",
}


def test_check_deploy_is_clean_in_production(tmp_path):
    env = {**server_env(tmp_path), **PRODUCTION}
    result = anjian(
        ["check", "--deploy", "--fail-level", "WARNING"], env=env, check=False, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_complains_without_https_settings(tmp_path):
    env = {
        **server_env(tmp_path),
        **PRODUCTION,
        "ANJIAN_SECURE_COOKIES": "0",
        "ANJIAN_HSTS_SECONDS": "0",
    }
    result = anjian(
        ["check", "--deploy", "--fail-level", "WARNING"], env=env, check=False, timeout=120
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # HSTS
    assert "security.W012" in result.stderr + result.stdout  # session cookie not secure
