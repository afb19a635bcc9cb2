"""Tokens (contract "Tokens and passwords"): they expire, only a digest is stored, and logout,
a password change or deactivation ends them, together with the user's sessions."""

import datetime as dt
import hashlib

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from anjian.accounts.identity import user_set_active
from anjian.accounts.models import ApiToken
from anjian.core.models import AuditEntry
from tests.conftest import PASSWORD

TOKEN = "/api/v1/auth/token/"


def _token(user, password=PASSWORD) -> dict:
    response = APIClient().post(
        TOKEN, {"username": user.username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def _me(raw: str) -> int:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return api.get("/api/v1/me/").status_code


def _web_session(user) -> Client:
    client = Client()
    assert (
        client.post("/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
    )
    return client


def test_token_answer_carries_its_expiry_twelve_hours_ahead(town_a_officer):
    body = _token(town_a_officer)
    assert set(body) == {"token", "expires_at"}
    expires = dt.datetime.fromisoformat(body["expires_at"])
    assert abs(expires - (timezone.now() + dt.timedelta(hours=12))) < dt.timedelta(minutes=1)
    assert _me(body["token"]) == 200


def test_token_hours_follow_the_setting(town_a_officer, settings):
    settings.TOKEN_HOURS = 2
    expires = dt.datetime.fromisoformat(_token(town_a_officer)["expires_at"])
    assert expires < timezone.now() + dt.timedelta(hours=2, minutes=1)


def test_only_a_digest_of_the_token_is_stored(town_a_officer):
    raw = _token(town_a_officer)["token"]
    stored = ApiToken.objects.get(user=town_a_officer)
    assert stored.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(list(ApiToken.objects.values()))
    assert raw not in str(list(AuditEntry.objects.values()))


def test_an_expired_token_is_refused(town_a_officer):
    raw = _token(town_a_officer)["token"]
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _me(raw) == 401


def test_logout_revokes_the_token_and_ends_the_users_sessions(town_a_officer):
    raw, other = _token(town_a_officer)["token"], _token(town_a_officer)["token"]
    browser = _web_session(town_a_officer)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.post("/api/v1/auth/logout/").status_code == 204
    assert _me(raw) == 401 and _me(other) == 401
    assert browser.get("/todo/").status_code == 302
    assert AuditEntry.objects.filter(
        action="auth.logout", object_id=str(town_a_officer.pk)
    ).exists()
    assert AuditEntry.objects.filter(action="auth.token_revoke").count() == 2


def test_web_logout_ends_the_users_tokens_and_other_sessions(town_a_officer):
    raw = _token(town_a_officer)["token"]
    phone, desk = _web_session(town_a_officer), _web_session(town_a_officer)
    assert desk.post("/logout/").status_code == 302
    assert _me(raw) == 401
    assert phone.get("/todo/").status_code == 302


def test_logout_needs_a_login():
    assert APIClient().post("/api/v1/auth/logout/").status_code == 401


def test_deactivation_ends_tokens_and_sessions(town_a_officer, county_admin):
    raw = _token(town_a_officer)["token"]
    browser = _web_session(town_a_officer)
    user_set_active(actor=county_admin, user=town_a_officer, active=False)
    assert _me(raw) == 401
    assert browser.get("/todo/").status_code == 302
    assert not Session.objects.exists()
    assert not ApiToken.objects.filter(user=town_a_officer).exists()


def test_only_a_county_admin_deactivates(town_a_officer, town_b_officer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        user_set_active(actor=town_b_officer, user=town_a_officer, active=False)


def test_token_issue_is_audited_without_the_token(town_a_officer):
    raw = _token(town_a_officer)["token"]
    entry = AuditEntry.objects.get(action="auth.token_issue")
    assert entry.username == town_a_officer.username
    assert raw not in str(entry.changes)
    assert AuditEntry.objects.filter(action="auth.login", via="api").exists()


def test_clear_tokens_left_by_the_old_design_become_digests(town_a_officer):
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    migration = import_module("anjian.accounts.migrations.0004_identity_tokens_passwords")
    with connection.cursor() as cursor:
        stamp = "timestamp with time zone" if connection.vendor == "postgresql" else "datetime"
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            f"created {stamp}, user_id bigint)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token VALUES (%s, %s, %s)",
            ["a" * 40, timezone.now(), town_a_officer.pk],
        )
    editor = type("Editor", (), {"connection": connection})()
    migration.hash_clear_tokens(apps, editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0
        cursor.execute("DROP TABLE authtoken_token")
    assert _me("a" * 40) == 200  # the client keeps working until the digest expires
