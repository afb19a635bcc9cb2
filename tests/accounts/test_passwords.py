"""Passwords: the rules Chinese habits need, the last five never again, a change page and API,
a forced change for new and expired accounts; the demo accounts log in as they are."""

import datetime as dt
import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from anjian.accounts.identity import password_change
from anjian.accounts.models import ApiToken, Role, User
from anjian.accounts.services import user_create
from anjian.core.models import AuditEntry
from tests.conftest import PASSWORD

NEW = "Huai#shu7Lin"


@pytest.mark.parametrize(
    "password,ok",
    [
        ("Admin@123", False),  # admin + a sequence
        ("Abc@12345", False),  # two sequences
        ("Qwer@1234", False),  # a keyboard row + a sequence
        ("1qaz@WSX", False),  # keyboard columns (1qaz2wsx with shift)
        ("1qaz2wsX", False),
        ("P@ssw0rd", False),  # password in leetspeak
        ("Zxcv#0987", False),  # bottom row, digits backwards
        ("Asdf!ghjk", False),  # middle row
        ("Woaini@1314", False),  # pinyin 我爱你 + 一生一世
        ("Beijing#2008", False),  # pinyin + a year
        ("Zhongguo@1949", False),
        ("Aaaa@8888", False),  # repeats
        ("Test@2024", False),  # word + year
        ("Demo@2024", False),  # the demo password: not for new passwords
        ("wang_wei@Home", False),  # the user name (wang_wei)
        ("Zq7mwxkp", True),  # no pattern
        ("zq7#mwxkp", True),
        ("Huai#shu7Lin", True),
        ("Tq8#Nm4x", True),
        ("Strong#Pass24", True),  # a word, but enough of its own
        ("Lw3$bird9Fern", True),
    ],
)
def test_pattern_rule_table(password, ok):
    user = User(username="wang_wei", role=Role.TOWN_OFFICER)
    if ok:
        validate_password(password, user)
    else:
        with pytest.raises(ValidationError):
            validate_password(password, user)


def test_pattern_rule_names_what_it_found_in_chinese():
    with pytest.raises(ValidationError) as exc:
        validate_password("Qwer@1234", User(username="someone", role=Role.LEADER))
    message = " ".join(exc.value.messages)
    assert "键盘" in message and re.search(r"[\u4e00-\u9fff]", message)


def _change(user, old, new):
    return password_change(actor=user, old_password=old, new_password=new, via="test")


def test_the_last_five_passwords_cannot_come_back(town_a_officer):
    history = [PASSWORD, "Huai#shu7Lin", "Lw3$bird9Fern", "Tq8#Nm4xKv", "Pz5%river2Mo"]
    for old, new in zip(history, history[1:], strict=False):
        _change(town_a_officer, old, new)
    current = history[-1]
    for earlier in history[1:]:  # the current one and the three before it
        with pytest.raises(ValidationError) as exc:
            _change(town_a_officer, current, earlier)
        assert "new_password" in exc.value.message_dict
    _change(town_a_officer, current, "Gx4&maple8Ru")
    town_a_officer.refresh_from_db()
    assert town_a_officer.check_password("Gx4&maple8Ru")


def test_sixth_password_back_is_allowed(town_a_officer):
    chain = [
        PASSWORD,
        "Huai#shu7Lin",
        "Lw3$bird9Fern",
        "Tq8#Nm4xKv",
        "Pz5%river2Mo",
        "Gx4&maple8Ru",
        "Jm2*cloud5Te",
    ]
    for old, new in zip(chain, chain[1:], strict=False):
        _change(town_a_officer, old, new)
    with pytest.raises(ValidationError):
        _change(town_a_officer, chain[-1], chain[2])  # five back: refused
    _change(town_a_officer, chain[-1], chain[1])  # six back: allowed


def test_api_password_change_answers_204_and_ends_every_token(town_a_officer, api_as):
    api, other = api_as(town_a_officer), api_as(town_a_officer)
    response = api.post(
        "/api/v1/auth/password/", {"old_password": PASSWORD, "new_password": NEW}, format="json"
    )
    assert response.status_code == 204
    assert not ApiToken.objects.filter(user=town_a_officer).exists()
    assert other.get("/api/v1/me/").status_code == 401
    town_a_officer.refresh_from_db()
    assert town_a_officer.check_password(NEW)
    entry = AuditEntry.objects.get(action="auth.password_change")
    assert entry.changes == {"password": ["changed", "changed"]}
    assert town_a_officer.password not in str(entry.changes)


@pytest.mark.parametrize(
    "body,field,words",
    [
        ({"old_password": "Wrong#pass99", "new_password": NEW}, "old_password", "当前密码"),
        ({"old_password": PASSWORD, "new_password": "Admin@123"}, "new_password", "规律"),
        ({"old_password": PASSWORD, "new_password": "abc"}, "new_password", "8"),
        ({"old_password": PASSWORD, "new_password": PASSWORD}, "new_password", "最近"),
    ],
)
def test_api_password_change_names_the_rule_broken(town_a_officer, api_as, body, field, words):
    response = api_as(town_a_officer).post("/api/v1/auth/password/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert words in " ".join(response.json()[field])
    town_a_officer.refresh_from_db()
    assert town_a_officer.check_password(PASSWORD)


def test_password_page_changes_the_password_and_keeps_this_session(town_a_officer):
    client = Client()
    client.post("/login/", {"username": town_a_officer.username, "password": PASSWORD})
    other = Client()
    other.post("/login/", {"username": town_a_officer.username, "password": PASSWORD})
    page = client.get("/accounts/password/")
    assert page.status_code == 200 and 'id="password-form"' in page.content.decode()
    response = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    assert client.get("/todo/").status_code == 200  # this browser stays logged in
    assert other.get("/todo/").status_code == 302  # the other session has ended


def test_password_page_shows_the_broken_rule(town_a_officer, login):
    client = login(town_a_officer)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password": "Qwer@1234", "new_password2": "Qwer@1234"},
    )
    assert response.status_code == 200
    assert "键盘" in response.content.decode()


def test_the_menu_links_to_the_password_page(town_a_officer, login):
    assert 'href="/accounts/password/"' in login(town_a_officer).get("/todo/").content.decode()


def test_an_account_an_admin_creates_must_change_its_password_first(county_admin, town_a):
    user_create(
        actor=county_admin,
        username="new_officer",
        password="Lw3$bird9Fern",
        role=Role.TOWN_OFFICER,
        town=town_a,
    )
    client = Client()
    response = client.post("/login/", {"username": "new_officer", "password": "Lw3$bird9Fern"})
    assert response.status_code == 302
    home = client.get("/registry/enterprises/")
    assert home.status_code == 302 and home["Location"].startswith("/accounts/password/")
    client.post(
        "/accounts/password/",
        {"old_password": "Lw3$bird9Fern", "new_password": NEW, "new_password2": NEW},
    )
    assert client.get("/registry/enterprises/").status_code == 200
    assert not User.objects.get(username="new_officer").must_change_password


def test_an_expired_password_forces_the_change_page(town_a_officer, settings):
    settings.PASSWORD_MAX_DAYS = 90
    User.objects.filter(pk=town_a_officer.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=91)
    )
    client = Client()
    client.post("/login/", {"username": town_a_officer.username, "password": PASSWORD})
    response = client.get("/todo/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/password/")
    assert "过期" in client.get(response["Location"]).content.decode()


def test_passwords_do_not_expire_by_default(town_a_officer):
    User.objects.filter(pk=town_a_officer.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=3650)
    )
    client = Client()
    client.post("/login/", {"username": town_a_officer.username, "password": PASSWORD})
    assert client.get("/todo/").status_code == 200


def test_demo_accounts_log_in_with_the_demo_password_as_they_are(db):
    user = user_create(
        actor=None, username="demo_officer", password="Demo@2024", role=Role.LEADER, via="demo"
    )
    assert not user.must_change_password
    client = Client()
    assert (
        client.post("/login/", {"username": "demo_officer", "password": "Demo@2024"}).status_code
        == 302
    )
    assert client.get("/todo/").status_code == 200


def test_account_creation_audits_that_a_password_was_set_but_not_its_hash(county_admin, town_a):
    user = user_create(
        actor=county_admin,
        username="new_officer",
        password="Lw3$bird9Fern",
        role=Role.TOWN_OFFICER,
        town=town_a,
    )
    entry = AuditEntry.objects.get(action="user.create", model="user", object_id=str(user.pk))
    assert entry.changes["password"] == [None, "changed"]
    assert user.password not in str(entry.changes)
    assert entry.changes["must_change_password"] == [None, True]


def test_web_login_and_logout_are_audited(town_a_officer):
    client = Client()
    client.post(
        "/login/",
        {"username": town_a_officer.username, "password": PASSWORD},
        REMOTE_ADDR="10.8.0.9",
    )
    client.post("/logout/")
    login = AuditEntry.objects.get(action="auth.login")
    assert (login.via, login.changes) == ("web", {"address": [None, "10.8.0.9"]})
    assert AuditEntry.objects.filter(action="auth.logout", via="web").exists()


def test_over_the_api_a_new_account_can_only_change_its_password(county_admin, town_a):
    user_create(
        actor=county_admin,
        username="new_officer",
        password="Lw3$bird9Fern",
        role=Role.TOWN_OFFICER,
        town=town_a,
    )
    api = APIClient()
    token = api.post(
        "/api/v1/auth/token/",
        {"username": "new_officer", "password": "Lw3$bird9Fern"},
        format="json",
    )
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token.json()['token']}")
    refused = api.get("/api/v1/me/")
    assert refused.status_code == 403 and "密码" in refused.json()["detail"]
    assert (
        api.post(
            "/api/v1/auth/password/",
            {"old_password": "Lw3$bird9Fern", "new_password": NEW},
            format="json",
        ).status_code
        == 204
    )
    fresh = APIClient().post(
        "/api/v1/auth/token/", {"username": "new_officer", "password": NEW}, format="json"
    )
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {fresh.json()['token']}")
    assert api.get("/api/v1/me/").status_code == 200
