"""Strict parsing of the ANJIAN_* environment: a bad value stops start-up with a clear message."""

import os
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {raw!r}")
    return value


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    by_lower = {choice.lower(): choice for choice in choices}
    try:
        return by_lower[raw.strip().lower()]
    except KeyError:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(choices)}, got {raw!r}") from None


def env_datetime(name: str) -> datetime | None:
    """An ISO 8601 date-time with its UTC offset (e.g. 2025-03-14T09:00:00+08:00), or None."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an ISO date-time, got {raw!r}") from exc
    if value.tzinfo is None:
        raise ImproperlyConfigured(f"{name} must name its UTC offset, got {raw!r}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice_list(name: str, choices: tuple[str, ...]) -> list[str]:
    """A comma-separated list whose every item is one of `choices` (empty by default)."""
    items = env_list(name, [])
    wrong = [item for item in items if item not in choices]
    if wrong:
        raise ImproperlyConfigured(
            f"{name} must list only {', '.join(choices)}, got {', '.join(map(repr, wrong))}")
    return items


def env_path(name: str, default: str) -> Path:
    return Path(os.environ.get(name) or default).expanduser().resolve()


def redact_url(url: str) -> str:
    """The URL with its password replaced by *** (for error messages and logs)."""
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    return url.replace(f":{password}@", ":***@", 1) if password else url


def database_config(url: str, data_dir: Path) -> dict:
    """The DATABASES['default'] entry for ANJIAN_DATABASE_URL (SQLite in the data dir by default)."""
    url = url.strip()
    if not url:
        return sqlite_config(data_dir / "anjian.sqlite3")
    if not url.startswith(("sqlite:", "postgres://", "postgresql://")):
        raise ImproperlyConfigured(
            "ANJIAN_DATABASE_URL must start with postgres://, postgresql:// or sqlite:, "
            f"got {redact_url(url)!r}")
    import dj_database_url

    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, dj_database_url.ParseError) as exc:
        raise ImproperlyConfigured(
            f"ANJIAN_DATABASE_URL is not a valid URL ({exc}): {redact_url(url)!r}") from exc
    if url.startswith("sqlite:"):
        if config["NAME"] in ("", ":memory:"):
            raise ImproperlyConfigured(
                "ANJIAN_DATABASE_URL sqlite: needs a file path, e.g. "
                "sqlite:////srv/anjian/anjian.sqlite3")
        return sqlite_config(Path(config["NAME"]))
    if not config["NAME"]:
        raise ImproperlyConfigured(
            "ANJIAN_DATABASE_URL names no database, e.g. postgres://anjian:PASSWORD@db/anjian; "
            f"got {redact_url(url)!r}")
    config["ENGINE"] = "django.db.backends.postgresql"
    return config


def sqlite_config(path: Path) -> dict:
    # WAL plus IMMEDIATE transactions and a busy timeout let the threaded demo server take
    # concurrent writes without "database is locked" reaching users.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
            ),
        },
        "TEST": {"NAME": None},
    }
