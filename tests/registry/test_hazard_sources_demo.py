"""The demo county carries three major hazard sources and one published draw (`anjian demo`
run as the operator runs it, on the real clock: the demo's users are dated by the real time,
which the plausibility checks refuse against the tests' frozen 2025 "today")."""

import json

import pytest

from tests.support.server import anjian, server_env

CHECK = """
import json
from anjian.core import clock
from anjian.inspections.draw_models import InspectionDraw
from anjian.registry.hazard_sources.models import MajorHazardSource
sources = MajorHazardSource.objects.select_related("enterprise__sector")
draw = InspectionDraw.objects.get()
print(json.dumps({
    "sectors": sorted({s.enterprise.sector.code for s in sources}), "count": sources.count(),
    "graded": all(s.is_major and s.level for s in sources),
    "due": sum(1 for s in sources if s.review_due and s.review_due < clock.today()),
    "drawn": len(draw.enterprises), "inspectors": len(draw.inspectors)}))
"""


@pytest.mark.slow
def test_demo_has_three_graded_sources_and_a_published_draw(tmp_path):
    env = server_env(tmp_path / "data")
    env.pop("ANJIAN_TEST_CLOCK"), env.pop("ANJIAN_FROZEN_NOW")
    anjian(["demo", "--no-serve"], env=env, timeout=600)
    found = json.loads(anjian(["shell", "-c", CHECK], env=env).stdout.strip().splitlines()[-1])
    assert found == {
        "sectors": ["gas", "hazardous_chemicals"],
        "count": 3,
        "graded": True,
        "due": 1,
        "drawn": 5,
        "inspectors": 1,
    }
