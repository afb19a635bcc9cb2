"""The demo county's non-coal mines: every register has realistic records."""

import pytest

from anjian.demo import loader
from anjian.mines.models import FloodCheck, MinedOutArea, MinePlan, Quarry, TailingsPond

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_fills_the_mines_registers():
    loader.load()
    assert TailingsPond.objects.filter(overhead=True).exists()
    assert FloodCheck.objects.exclude(routed_on=None).exists()
    untreated = MinedOutArea.objects.get(treatment="untreated")
    assert untreated.hazard_id and MinedOutArea.objects.filter(treatment="filled").exists()
    banned = Quarry.objects.get(blasting="one_wall")
    assert banned.hazard.grade == "major"
    assert Quarry.objects.filter(blasting="deep_hole").exists()
    assert MinePlan.objects.count() == 1
