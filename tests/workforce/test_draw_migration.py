"""Draws kept before the inspector register drew platform users: the migration makes each drawn
or candidate user an inspector of their unit (linked to the account) and rewrites the draw's ids,
and the kept draw still replays to the same inspectors.

It runs on a database of its own through the real command line."""

import pytest

from tests.support.server import anjian, server_env, shell_json

pytestmark = pytest.mark.slow

BEFORE = """
import json
from anjian.accounts.models import Role, Town, User
from anjian.inspections import draws
from anjian.inspections.draw_models import InspectionDraw
town = Town.objects.create(code="mig_town", name="迁移镇")
users = [User.objects.create(username=f"mig_{n}", role=Role.TOWN_OFFICER, town=town,
                             last_name="王", first_name=f"{n}号") for n in range(4)]
ids = [u.pk for u in users]
units, people = draws.draw(seed=7, enterprises=[101, 102, 103], inspectors=ids,
                           enterprise_count=1, inspector_count=2, conflicts={str(ids[0]): [101]})
record = InspectionDraw.objects.create(
    unit_key=f"town:{town.pk}", unit_name="迁移镇", quarter="2025Q2", seed=7,
    enterprise_count=1, inspector_count=2, candidate_enterprises=[101, 102, 103],
    candidate_inspectors=ids, conflicts={str(ids[0]): [101]}, enterprises=units,
    inspectors=people)
print(json.dumps({"people": people, "ids": ids}))
"""

AFTER = """
import json
from anjian.inspections import draws
from anjian.inspections.draw_models import InspectionDraw
from anjian.workforce.models import Inspector
record = InspectionDraw.objects.get()
inspectors = {i.pk: [i.user_id, i.name, i.unit_code] for i in Inspector.objects.all()}
print(json.dumps({"drawn": record.inspectors, "candidates": record.candidate_inspectors,
                  "conflicts": record.conflicts, "inspectors": inspectors,
                  "replay": list(draws.draw_replay(record)[1])}))
"""


def test_old_draws_point_at_inspectors_made_from_the_drawn_officers(tmp_path):
    env = server_env(tmp_path)
    anjian(["migrate", "--noinput", "-v", "0"], env=env)
    anjian(["migrate", "workforce", "zero", "--noinput", "-v", "0"], env=env)
    before = shell_json(BEFORE, env=env)
    anjian(["migrate", "--noinput", "-v", "0"], env=env)
    after = shell_json(AFTER, env=env)
    inspectors = {int(k): v for k, v in after["inspectors"].items()}
    user_of = {pk: row[0] for pk, row in inspectors.items()}
    assert sorted(user_of.values()) == sorted(before["ids"])
    assert [user_of[pk] for pk in after["drawn"]] == before["people"]
    assert [user_of[pk] for pk in after["candidates"]] == before["ids"]
    assert {str(user_of[int(k)]): v for k, v in after["conflicts"].items()} == {
        str(before["ids"][0]): [101]
    }
    assert after["replay"] == after["drawn"]
    assert {row[2] for row in inspectors.values()} == {"mig_town"}
    assert "王0号" in {row[1] for row in inspectors.values()}
