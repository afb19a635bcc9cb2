"""Strict parsing of the ANJIAN_* environment: a bad value stops start-up with a clear message."""

import os
from pathlib import Path

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


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: str) -> Path:
    return Path(os.environ.get(name) or default).expanduser().resolve()


def database_config(url: str, data_dir: Path) -> dict:
    """The DATABASES['default'] entry for ANJIAN_DATABASE_URL (SQLite in the data dir by default)."""
    if not url:
        return sqlite_config(data_dir / "anjian.sqlite3")
    if url.startswith("sqlite:"):
        import dj_database_url

        config = dj_database_url.parse(url)
        return sqlite_config(Path(config["NAME"]))
    if url.startswith(("postgres://", "postgresql://")):
        import dj_database_url

        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        config["ENGINE"] = "django.db.backends.postgresql"
        return config
    raise ImproperlyConfigured(
        f"ANJIAN_DATABASE_URL must start with postgres://, postgresql:// or sqlite:, got {url!r}"
    )


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
