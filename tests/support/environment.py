"""Which real parts this machine has, and whether a missing one is a skip or a failure.

The README's test command skips browser and PostgreSQL tests with a visible reason where
Chromium or PostgreSQL is absent; `.ci/run` sets ANJIAN_TEST_STRICT=1, which turns those
skips into failures.
"""

import os
import shutil

import pytest

STRICT = os.environ.get("ANJIAN_TEST_STRICT") == "1"


def missing(reason: str):
    """Skip (or, under .ci/run, fail) a test whose real part is not on this machine."""
    if STRICT:
        pytest.fail(f"required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("ANJIAN_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def postgres_url() -> str | None:
    """A PostgreSQL server URL for tests that need one beside the suite's own database."""
    url = os.environ.get("ANJIAN_TEST_POSTGRES_URL", "")
    if url:
        return url
    db = os.environ.get("ANJIAN_DATABASE_URL", "")
    return db if db.startswith(("postgres://", "postgresql://")) else None
