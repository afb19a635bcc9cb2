"""Two allocations that each fit but together would overspend the fund, sent at the same moment
to a real server: one is recorded, the other refused (400), on SQLite and on PostgreSQL."""

import json
import threading
import urllib.error
import urllib.request

import pytest

from tests.support.server import anjian, running_server, server_env

SETUP = """
import json
from anjian.accounts.identity import token_issue
from anjian.accounts.models import Role, User
from anjian.funds.services import fund_create
admin = User.objects.create(username="admin", role=Role.COUNTY_ADMIN)
fund = fund_create(actor=admin, data={"year": 2025, "name": "专项资金", "source": "县级财政",
                                       "amount": 1000000})
tokens = [token_issue(user=User.objects.create(username=f"admin{i}", role=Role.COUNTY_ADMIN))[0]
          for i in range(2)]
print(json.dumps({"fund": fund.pk, "tokens": tokens}))
"""

CHECK = """
from django.db.models import Sum
from anjian.funds.models import Allocation
print(Allocation.objects.count(), int(Allocation.objects.aggregate(s=Sum("amount"))["s"]))
"""


def _race(env: dict) -> None:
    with running_server(env, workers=2, threads=4) as base:
        made = json.loads(anjian(["shell", "-c", SETUP], env=env).stdout.strip().splitlines()[-1])
        barrier = threading.Barrier(2)
        answers = []

        def allocate(token, project):
            request = urllib.request.Request(
                f"{base}/api/v1/funds/{made['fund']}/allocations/",
                data=json.dumps({"project": project, "amount": "600000"}).encode(),
                method="POST",
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
            barrier.wait(timeout=10)
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    answers.append((response.status, json.loads(response.read())))
            except urllib.error.HTTPError as exc:
                answers.append((exc.code, json.loads(exc.read())))

        threads = [
            threading.Thread(target=allocate, args=(token, project))
            for token, project in zip(made["tokens"], ("equipment", "training"), strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        count, total = anjian(["shell", "-c", CHECK], env=env).stdout.split()[-2:]
    assert sorted(status for status, _ in answers) == [201, 400], answers
    refused = next(body for status, body in answers if status == 400)
    assert "amount" in refused
    assert (count, total) == ("1", "600000")


@pytest.mark.slow
def test_concurrent_allocations_over_a_real_server_never_overspend(tmp_path):
    _race(server_env(tmp_path))


@pytest.mark.slow
@pytest.mark.postgres
def test_concurrent_allocations_on_postgresql_never_overspend(tmp_path, fresh_pg_database):
    _race(server_env(tmp_path, fresh_pg_database))
