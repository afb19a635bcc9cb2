"""One clock: tests run on a frozen today; a real server gets it only when the tests allow it."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from anjian.core import clock
from anjian.env import env_datetime
from tests.conftest import NOW
from tests.support.server import anjian, server_env, shell_json

TODAY = "import json; from anjian.core import clock; print(json.dumps(str(clock.today())))"


def test_the_tests_run_on_the_frozen_today():
    assert clock.now() == NOW
    assert clock.today() == dt.date(2025, 6, 18)


def test_a_test_can_move_the_clock_for_a_block():
    with clock.frozen(dt.date(2024, 12, 31)) as moment:
        assert clock.today() == dt.date(2024, 12, 31) and clock.now() == moment
    assert clock.now() == NOW


@pytest.mark.parametrize("raw,expected", [
    ("2025-06-18T10:00:00+08:00", dt.datetime(2025, 6, 18, 2, 0, tzinfo=dt.UTC)),
    ("", None),
])
def test_frozen_now_is_an_iso_datetime_with_its_offset(monkeypatch, raw, expected):
    monkeypatch.setenv("ANJIAN_FROZEN_NOW", raw)
    assert env_datetime("ANJIAN_FROZEN_NOW") == expected


@pytest.mark.parametrize("raw", ["2025-06-18T10:00:00", "tomorrow"])
def test_a_frozen_now_without_offset_or_unreadable_stops_startup(monkeypatch, raw):
    monkeypatch.setenv("ANJIAN_FROZEN_NOW", raw)
    with pytest.raises(ImproperlyConfigured):
        env_datetime("ANJIAN_FROZEN_NOW")


@pytest.mark.slow
def test_a_server_started_by_the_tests_runs_on_their_today_and_no_other_does(tmp_path):
    env = server_env(tmp_path)
    assert shell_json(TODAY, env=env) == "2025-06-18"
    real = {k: v for k, v in env.items() if k != "ANJIAN_TEST_CLOCK"}
    assert shell_json(TODAY, env=real) != "2025-06-18"
    production = {**env, "ANJIAN_PRODUCTION": "1"}
    result = anjian(["check"], env=production, check=False, timeout=120)
    assert result.returncode != 0 and "ANJIAN_TEST_CLOCK" in result.stderr
