"""`anjian demo` on a fresh data directory: creates the county once, prints the logins, is idempotent."""

import pytest

from tests.support.server import anjian, server_env

COUNTS = """
from anjian.accounts.models import Town, User
from anjian.core.models import AuditEntry
from anjian.registry.models import Enterprise, Licence
print(Town.objects.count(), Enterprise.objects.count(), Licence.objects.count(),
      Enterprise.objects.values("sector").distinct().count(),
      Licence.objects.expired().count(), Licence.objects.expiring_within(90).count(),
      sorted(User.objects.values_list("username", flat=True)), AuditEntry.objects.count())
"""

LOGIN = """
from django.contrib.auth import authenticate
from django.test import RequestFactory
ok = [bool(authenticate(RequestFactory().post("/login/"), username=n, password="Demo@2024"))
      for n in ["county_admin", "dept_officer", "town_officer", "enterprise_user", "leader",
                "auditor"]]
print(ok)
"""


def _last_line(output: str) -> str:
    return output.strip().splitlines()[-1]


@pytest.mark.slow
def test_demo_creates_the_county_once_and_keeps_it(tmp_path):
    env = server_env(tmp_path / "data")
    first = anjian(["demo", "--no-serve"], env=env, timeout=600)
    assert "http://127.0.0.1:8000/" in first.stdout and "Demo@2024" in first.stdout
    for username in (
        "county_admin",
        "dept_officer",
        "town_officer",
        "enterprise_user",
        "leader",
        "auditor",
    ):
        assert username in first.stdout
    counts = _last_line(anjian(["shell", "-c", COUNTS], env=env).stdout).split(" ", 6)
    towns, enterprises, licences, sectors, expired, expiring = map(int, counts[:6])
    assert towns >= 8 and enterprises >= 300 and sectors >= 12
    assert licences > 0 and expired > 0 and expiring > 0

    second = anjian(["demo", "--no-serve"], env=env, timeout=600)
    assert "保留" in second.stdout or "keeping" in second.stdout
    assert _last_line(anjian(["shell", "-c", COUNTS], env=env).stdout).split(" ", 6) == counts

    assert (
        _last_line(anjian(["shell", "-c", LOGIN], env=env).stdout)
        == "[True, True, True, True, True, True]"
    )
