"""On the demo county, through the real API of a real server: each town's hazard closure rate
is the count a user gets from `/api/v1/hazards/?town=…` by hand; one town is vetoed for a 较大
accident; the demo has the year's targets."""

import json
import urllib.request

import pytest

from tests.support.server import load_demo, running_server, server_env


def _get(base: str, token: str, path: str):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    env = server_env(tmp_path_factory.mktemp("demo-assessment"))
    load_demo(env)
    with running_server(env) as base:
        request = urllib.request.Request(
            base + "/api/v1/auth/token/",
            data=json.dumps({"username": "county_admin", "password": "Demo@2024"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            token = json.loads(response.read())["token"]
        yield base, token


@pytest.mark.slow
def test_each_towns_closure_rate_is_the_count_the_hazard_list_gives(demo):
    base, token = demo
    rows = _get(base, token, "/api/v1/assessment/results/?year=2025")
    towns = [r for r in rows if r["unit"]["kind"] == "town"]
    assert len(towns) >= 8
    for row in towns:
        code = row["unit"]["code"]
        found = _get(base, token, f"/api/v1/hazards/?town={code}&found=2025")["count"]
        closed = _get(base, token, f"/api/v1/hazards/?town={code}&found=2025&status=closed")[
            "count"
        ]
        item = next(i for i in row["items"] if i["code"] == "hazard_closure_rate")
        expected = round(100 * closed / found, 1) if found else None
        assert item["value"] == expected, (code, found, closed, item)
        assert f"发现隐患{found}项" in item["how"] and f"已整改销号{closed}项" in item["how"]


@pytest.mark.slow
def test_the_demo_has_a_town_vetoed_for_a_large_accident_and_targets(demo):
    base, token = demo
    rows = _get(base, token, "/api/v1/assessment/results/?year=2025")
    vetoed = [
        r
        for r in rows
        if r["unit"]["kind"] == "town" and any("较大事故" in v["reason"] for v in r["vetoes"])
    ]
    assert vetoed and all(r["grade"] == "fail" for r in vetoed)
    assert any("粉尘爆炸" in v["reason"] for r in vetoed for v in r["vetoes"])
    targets = _get(base, token, "/api/v1/assessment/targets/?year=2025")
    assert targets["count"] == len(rows)
    grades = {r["grade"] for r in rows}
    assert len(grades) >= 2  # the ranking separates the units
