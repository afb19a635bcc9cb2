"""The demo county carries three major hazard sources and one published draw."""

import pytest

from anjian.core import clock
from anjian.demo import loader
from anjian.inspections.draw_models import InspectionDraw
from anjian.registry.hazard_sources.models import MajorHazardSource


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_has_three_graded_sources_and_a_published_draw():
    loader.load()
    sources = MajorHazardSource.objects.select_related("enterprise__sector")
    assert sources.count() == 3
    assert {s.enterprise.sector.code for s in sources} == {"hazardous_chemicals", "gas"}
    assert all(s.is_major and s.level for s in sources)
    assert any(s.review_due and s.review_due < clock.today() for s in sources)
    draw = InspectionDraw.objects.get()
    assert len(draw.enterprises) == 5 and draw.inspectors
