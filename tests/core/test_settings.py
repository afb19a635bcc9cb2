"""Settings read the environment strictly: a bad value stops start-up with a message naming the
variable and what it accepts (and never printing a password)."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from anjian.env import database_config, env_bool, env_choice, env_int, env_list, redact_url

SETUP = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'hosts': s.ALLOWED_HOSTS, "
    "'session': s.SESSION_COOKIE_AGE, 'hsts': s.SECURE_HSTS_SECONDS}))"
)


def start(tmp_path, **env) -> subprocess.CompletedProcess:
    """Start Django in a fresh interpreter with only these ANJIAN_* variables set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_")}
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "anjian.settings",
            "ANJIAN_DATA_DIR": str(tmp_path / "var"),
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", SETUP], env=clean, capture_output=True, text=True, timeout=120
    )


def refused(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, result.stdout
    assert "ImproperlyConfigured" in result.stderr
    return result.stderr.strip().splitlines()[-1]


# --- start-up refuses bad values ----------------------------------------------------------------


def test_bad_debug_value_stops_start_up(tmp_path):
    message = refused(start(tmp_path, ANJIAN_DEBUG="maybe"))
    assert "ANJIAN_DEBUG" in message and "'maybe'" in message


def test_unknown_database_scheme_stops_start_up_without_showing_the_password(tmp_path):
    message = refused(start(tmp_path, ANJIAN_DATABASE_URL="mysql://anjian:s3cret@db/anjian"))
    assert "ANJIAN_DATABASE_URL" in message and "postgres://" in message
    assert "s3cret" not in message
    assert "mysql://anjian:***@db/anjian" in message


def test_bad_integer_stops_start_up(tmp_path):
    message = refused(start(tmp_path, ANJIAN_HSTS_SECONDS="one year"))
    assert "ANJIAN_HSTS_SECONDS must be an integer" in message


def test_too_short_session_stops_start_up(tmp_path):
    message = refused(start(tmp_path, ANJIAN_SESSION_IDLE_SECONDS="0"))
    assert "ANJIAN_SESSION_IDLE_SECONDS must be at least 60" in message


def test_production_without_secret_key_stops_start_up(tmp_path):
    message = refused(start(tmp_path, ANJIAN_PRODUCTION="1"))
    assert "ANJIAN_SECRET_KEY" in message


def test_good_values_are_taken(tmp_path):
    import json

    result = start(
        tmp_path,
        ANJIAN_DEBUG="yes",
        ANJIAN_ALLOWED_HOSTS=" a.example , b.example ",
        ANJIAN_DATABASE_URL="postgres://anjian:pw@db.internal:5433/anjian",
        ANJIAN_SESSION_IDLE_SECONDS="900",
        ANJIAN_HSTS_SECONDS="31536000",
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen == {
        "debug": True,
        "engine": "django.db.backends.postgresql",
        "name": "anjian",
        "hosts": ["a.example", "b.example"],
        "session": 900,
        "hsts": 31536000,
    }


def test_defaults_are_sqlite_in_the_data_dir_and_no_debug(tmp_path):
    import json

    result = start(tmp_path)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["debug"] is False
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["name"] == str((tmp_path / "var" / "anjian.sqlite3").resolve())
    assert seen["session"] == 1800


# --- the parsers, value by value -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,value",
    [
        ("1", True),
        ("true", True),
        ("YES", True),
        (" on ", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("off", False),
        ("", False),
    ],
)
def test_booleans(monkeypatch, raw, value):
    monkeypatch.setenv("ANJIAN_X", raw)
    assert env_bool("ANJIAN_X") is value


@pytest.mark.parametrize("raw", ["2", "y", "enabled", "真"])
def test_anything_else_is_not_a_boolean(monkeypatch, raw):
    monkeypatch.setenv("ANJIAN_X", raw)
    with pytest.raises(ImproperlyConfigured, match="ANJIAN_X must be one of"):
        env_bool("ANJIAN_X")


def test_unset_boolean_takes_its_default(monkeypatch):
    monkeypatch.delenv("ANJIAN_X", raising=False)
    assert env_bool("ANJIAN_X", True) is True


@pytest.mark.parametrize(
    "raw,minimum,ok",
    [
        ("5", 1, True),
        ("1", 1, True),
        ("0", 1, False),
        ("-3", 0, False),
        ("3.5", None, False),
        ("5 minutes", None, False),
    ],
)
def test_integers(monkeypatch, raw, minimum, ok):
    monkeypatch.setenv("ANJIAN_N", raw)
    if ok:
        assert env_int("ANJIAN_N", 7, minimum=minimum) == int(raw)
    else:
        with pytest.raises(ImproperlyConfigured, match="ANJIAN_N must be"):
            env_int("ANJIAN_N", 7, minimum=minimum)


def test_empty_integer_takes_its_default(monkeypatch):
    monkeypatch.setenv("ANJIAN_N", " ")
    assert env_int("ANJIAN_N", 7) == 7


def test_lists_drop_blanks(monkeypatch):
    monkeypatch.setenv("ANJIAN_L", "a.example,, b.example ,")
    assert env_list("ANJIAN_L", []) == ["a.example", "b.example"]


def test_choices_ignore_case_and_refuse_the_rest(monkeypatch):
    monkeypatch.setenv("ANJIAN_C", "info")
    assert env_choice("ANJIAN_C", "WARNING", ("INFO", "WARNING")) == "INFO"
    monkeypatch.setenv("ANJIAN_C", "verbose")
    with pytest.raises(ImproperlyConfigured, match="ANJIAN_C must be one of INFO, WARNING"):
        env_choice("ANJIAN_C", "WARNING", ("INFO", "WARNING"))


@pytest.mark.parametrize(
    "url,message",
    [
        ("mysql://u:pw@h/db", "must start with postgres://"),
        ("postgres://u:pw@h:port/db", "not a valid URL"),
        ("postgres://u:pw@h/", "names no database"),
        ("sqlite:", "needs a file path"),
    ],
)
def test_bad_database_urls(tmp_path, url, message):
    with pytest.raises(ImproperlyConfigured, match=message) as exc:
        database_config(url, tmp_path)
    assert "pw" not in str(exc.value)


def test_database_urls(tmp_path):
    pg = database_config("postgresql://anjian:pw@db:5433/anjian", tmp_path)
    assert (pg["ENGINE"], pg["HOST"], pg["PORT"], pg["NAME"], pg["USER"]) == (
        "django.db.backends.postgresql",
        "db",
        5433,
        "anjian",
        "anjian",
    )
    lite = database_config(f"sqlite:///{tmp_path}/x.sqlite3", tmp_path)
    assert lite["ENGINE"] == "django.db.backends.sqlite3"
    assert lite["NAME"] == f"{tmp_path}/x.sqlite3"
    assert database_config("", tmp_path)["NAME"] == str(tmp_path / "anjian.sqlite3")


def test_redact_url_hides_only_the_password():
    assert redact_url("postgres://anjian:pw@db/anjian") == "postgres://anjian:***@db/anjian"
    assert redact_url("postgres://db/anjian") == "postgres://db/anjian"


# --- identity settings (docs/configuration.md "Security") ---------------------------------------


@pytest.mark.parametrize(
    "name,value,words",
    [
        ("ANJIAN_TOKEN_HOURS", "0", "ANJIAN_TOKEN_HOURS must be at least 1"),
        ("ANJIAN_TOKEN_HOURS", "12h", "ANJIAN_TOKEN_HOURS must be an integer"),
        ("ANJIAN_PASSWORD_MAX_DAYS", "ninety", "ANJIAN_PASSWORD_MAX_DAYS must be an integer"),
        ("ANJIAN_LOGIN_ADDRESS_LIMIT", "5", "ANJIAN_LOGIN_ADDRESS_LIMIT must be at least 30"),
        ("ANJIAN_TWO_FACTOR_ROLES", "county_admin,admin", "ANJIAN_TWO_FACTOR_ROLES must list only"),
    ],
)
def test_bad_identity_setting_stops_start_up(tmp_path, name, value, words):
    message = refused(start(tmp_path, **{name: value}))
    assert words in message


def test_two_factor_roles_take_every_government_role(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(sorted(s.TWO_FACTOR_ROLES), s.TOKEN_HOURS, s.PASSWORD_MAX_DAYS)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_")}
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "anjian.settings",
            "ANJIAN_DATA_DIR": str(tmp_path / "var"),
            "ANJIAN_TOKEN_HOURS": "8",
            "ANJIAN_TWO_FACTOR_ROLES": "county_admin, department_officer,town_officer,"
            "leader,audit_admin",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("]")[0].count("'") == 10
    assert result.stdout.strip().endswith("8 0")
