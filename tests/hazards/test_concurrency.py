"""Two (or more) acceptances at the same moment: exactly one wins, the others get 409, and the
history holds one acceptance. Against a real multi-process server, on SQLite and PostgreSQL."""

import json
import threading
import urllib.error
import urllib.request

import pytest

from tests.support.server import running_server, server_env, shell_json

SETUP = """
import datetime as dt, json
from anjian.accounts.identity import token_issue
from anjian.core import clock
from django.utils import timezone
from rest_framework.authtoken.models import Token
from anjian.accounts.models import Department, Role, Sector, Town, User
from anjian.core.identifiers import credit_code_check_char
from anjian.hazards.services import hazard_create
from anjian.hazards.workflow import hazard_transition
from anjian.registry.models import Enterprise
town = Town.objects.create(code="town_a", name="甲镇")
dept = Department.objects.create(code="emergency", name="县应急管理局")
sector = Sector.objects.get(code="hazardous_chemicals")
dept.sectors.set([sector])
body = "91450000000000001"
enterprise = Enterprise.objects.create(name="甲镇化工", credit_code=body + credit_code_check_char(body),
                                       town=town, sector=sector, department=dept)
unit = User.objects.create(username="unit", role=Role.ENTERPRISE_USER, enterprise=enterprise)
officers = [User.objects.create(username=f"officer{i}", role=Role.TOWN_OFFICER, town=town)
            for i in range(6)]
admin = User.objects.create(username="admin", role=Role.COUNTY_ADMIN)
today = clock.today()
hazards = []
for n in range(2):
    hazard = hazard_create(actor=officers[0], data={
        "enterprise": enterprise, "description": f"并发验收{n}", "found_on": today,
        "found_by": "张三", "deadline": today + dt.timedelta(days=5),
        "responsible_person": "李四", "measures": "整改",
        "funds": 0, "contingency_plan": "值守"})
    for action in ("acknowledge", "submit"):
        hazard_transition(actor=unit, hazard=hazard, action=action)
    hazards.append(hazard.pk)
tokens = [token_issue(user=u)[0] for u in [*officers, admin]]
print(json.dumps({"hazards": hazards, "tokens": tokens}))
"""

CHECK = """
import json
from anjian.core.models import AuditEntry
from anjian.hazards.models import Hazard, HazardTransition
ids = %s
print(json.dumps([{
    "status": Hazard.objects.get(pk=pk).status,
    "steps": list(HazardTransition.objects.filter(hazard_id=pk).order_by("id")
                  .values_list("action", flat=True)),
    "audit": list(AuditEntry.objects.filter(model="hazard", object_id=str(pk))
                  .order_by("id").values_list("action", flat=True)),
} for pk in ids]))
"""


def _post(base: str, hazard: int, token: str, action: str, barrier) -> int:
    body = json.dumps({"action": action, "comment": "同时操作"}).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/hazards/{hazard}/transitions/", data=body, method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    barrier.wait(timeout=20)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _fire(base: str, jobs: list[tuple[int, str, str]]) -> list[int]:
    barrier = threading.Barrier(len(jobs))
    answers: list[int] = []
    lock = threading.Lock()

    def run(job):
        status = _post(base, *job, barrier)
        with lock:
            answers.append(status)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=90)
    return answers


def _race(env) -> None:
    with running_server(env, workers=3, threads=4) as base:
        made = shell_json(SETUP, env=env)
        first, second = made["hazards"]
        tokens = made["tokens"]
        # Seven officers of the owning side press 验收 on the same hazard at once.
        accepts = _fire(base, [(first, token, "accept") for token in tokens])
        # Accept and reject race on another hazard.
        mixed = _fire(base, [(second, tokens[i], "accept" if i % 2 else "reject")
                             for i in range(6)])
        result = shell_json(CHECK % made["hazards"], env=env)
    assert sorted(accepts) == [201] + [409] * (len(tokens) - 1)
    assert result[0]["status"] == "closed"
    assert result[0]["steps"] == ["acknowledge", "submit", "accept"]
    assert result[0]["audit"].count("hazard.accept") == 1
    assert sorted(mixed) == [201] + [409] * 5
    assert len(result[1]["steps"]) == 3 and result[1]["steps"][-1] in ("accept", "reject")
    assert result[1]["status"] == {"accept": "closed", "reject": "rectifying"}[
        result[1]["steps"][-1]]


@pytest.mark.slow
def test_simultaneous_acceptances_on_sqlite_one_wins(tmp_path):
    _race(server_env(tmp_path))


@pytest.mark.slow
@pytest.mark.postgres
def test_simultaneous_acceptances_on_postgresql_one_wins(tmp_path, fresh_pg_database):
    _race(server_env(tmp_path, fresh_pg_database))
