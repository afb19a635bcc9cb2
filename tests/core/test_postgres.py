"""The real server on its two databases: the demo county on PostgreSQL chosen by
ANJIAN_DATABASE_URL alone, and the embedded SQLite taking many concurrent writes."""

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from anjian.demo.loader import PASSWORD as DEMO_PASSWORD
from tests.support.server import (
    anjian,
    load_demo,
    running_server,
    server_env,
    server_log,
    shell_json,
)


def call(base: str, path: str, *, token: str = "", method: str = "GET", body=None):
    """(status, parsed JSON body) of one API request."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def token_for(base: str, username: str, password: str) -> str:
    status, body = call(base, "/api/v1/auth/token/", method="POST",
                        body={"username": username, "password": password})
    assert status == 200, body
    return body["token"]


def all_pages(base: str, path: str, token: str) -> list[dict]:
    rows, url = [], path
    while url:
        status, body = call(base, url, token=token)
        assert status == 200, body
        rows += body["results"]
        url = body["next"] and body["next"].replace(base, "", 1)
    return rows


# --- PostgreSQL --------------------------------------------------------------------------------


TOWN_OFFICER_FACTS = """
import json
from django.db import connection
from anjian.accounts.models import User
from anjian.registry.models import Enterprise
officer = User.objects.get(username="town_officer")
print(json.dumps({"vendor": connection.vendor, "town": officer.town.code,
                  "in_town": Enterprise.objects.filter(town=officer.town).count(),
                  "all": Enterprise.objects.count()}))
"""


@pytest.mark.postgres
@pytest.mark.slow
def test_demo_runs_on_postgresql_by_the_database_url_alone(fresh_pg_database, tmp_path):
    data_dir = tmp_path / "data"
    env = server_env(data_dir, fresh_pg_database)
    load_demo(env)
    facts = shell_json(TOWN_OFFICER_FACTS, env=env)
    assert facts["vendor"] == "postgresql"
    assert not list(data_dir.glob("*.sqlite3")), "no SQLite database may be created"
    assert 0 < facts["in_town"] < facts["all"]

    anjian(["demo", "--no-serve"], env=env, timeout=300)  # a second run keeps the first's data
    assert shell_json(TOWN_OFFICER_FACTS, env=env) == facts

    with running_server(env) as base:
        token = token_for(base, "town_officer", DEMO_PASSWORD)
        status, me = call(base, "/api/v1/me/", token=token)
        assert status == 200
        assert me["role"] == "town_officer"
        assert me["unit"]["kind"] == "town" and me["unit"]["code"] == facts["town"]
        rows = all_pages(base, "/api/v1/enterprises/", token)
        assert {row["town"] for row in rows} == {facts["town"]}
        assert len(rows) == facts["in_town"]


# --- SQLite under concurrent writes --------------------------------------------------------------

ADMIN_PASSWORD = "Conc#2024pw"
SETUP = """
import json
from anjian.accounts.models import Department, Role, Sector, Town
from anjian.accounts.services import user_create
from anjian.core.identifiers import credit_code_check_char
from anjian.registry.models import Enterprise
town = Town.objects.create(code="t_conc", name="并发镇")
sector = Sector.objects.get(code="industry_trade")
dept = Department.objects.create(code="d_conc", name="并发局")
dept.sectors.set([sector])
user_create(actor=None, username="admin_conc", password="PASSWORD", role=Role.COUNTY_ADMIN,
            must_change_password=False)
ids = []
for n in range(40):
    body = f"91450000{n + 100:09d}"
    ids.append(Enterprise.objects.create(
        name=f"并发测试{n}号有限公司", credit_code=body + credit_code_check_char(body),
        town=town, sector=sector, department=dept, phone="0771-0000000", employees=10).pk)
print(json.dumps(ids))
""".replace("PASSWORD", ADMIN_PASSWORD)


@pytest.mark.slow
def test_sqlite_server_takes_concurrent_writes_without_errors(tmp_path):
    env = server_env(tmp_path / "data")  # no ANJIAN_DATABASE_URL: the embedded SQLite
    anjian(["migrate", "--noinput"], env=env, timeout=600)
    ids = shell_json(SETUP, env=env)
    with running_server(env, workers=2, threads=4) as base:
        token = token_for(base, "admin_conc", ADMIN_PASSWORD)
        writes = [(pk, {"phone": f"0771-{5000000 + i}"}) for i, pk in enumerate(ids)]
        # Ten more on one record at once: they queue on its row, none may fail.
        writes += [(ids[0], {"employees": 100 + i}) for i in range(10)]
        start = threading.Barrier(len(writes))

        def patch(item):
            pk, body = item
            start.wait(timeout=60)
            return call(base, f"/api/v1/enterprises/{pk}/", token=token, method="PATCH",
                        body=body)

        with ThreadPoolExecutor(max_workers=len(writes)) as pool:
            results = list(pool.map(patch, writes))

        failures = [(status, body) for status, body in results if status != 200]
        assert not failures, failures[:3]
        for i, pk in enumerate(ids[1:], start=1):
            status, row = call(base, f"/api/v1/enterprises/{pk}/", token=token)
            assert status == 200 and row["phone"] == f"0771-{5000000 + i}"
        status, first = call(base, f"/api/v1/enterprises/{ids[0]}/", token=token)
        assert first["employees"] in range(100, 110)
    log = server_log(env).read_text(errors="replace")
    assert "database is locked" not in log
    assert "Traceback" not in log
