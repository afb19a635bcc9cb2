"""Every record with a page knows its address; templates and messages link through it."""

import pytest
from django.urls import resolve

from anjian.accidents.models import Accident
from anjian.alerts.models import Alert
from anjian.crowded.models import CrowdedPlace
from anjian.duty.models import DutyRoster
from anjian.hazards.models import Hazard, HazardEvidence
from anjian.inspections.models import Campaign, Checklist, Inspection
from anjian.registry.models import Enterprise
from anjian.risks.models import RiskPoint
from anjian.roads.models import RoadSection


@pytest.mark.parametrize(
    "model,view",
    [
        (Accident, "accidents:accident_detail"),
        (Alert, "alerts:alert_detail"),
        (DutyRoster, "duty:roster_detail"),
        (Hazard, "hazards:hazard_detail"),
        (HazardEvidence, "hazards:hazard_evidence_download"),
        (Campaign, "inspections:campaign_detail"),
        (Checklist, "inspections:checklist_detail"),
        (Inspection, "inspections:inspection_detail"),
        (Enterprise, "registry:enterprise_detail"),
        (RiskPoint, "risks:point_detail"),
        (RoadSection, "roads:section_detail"),
        (CrowdedPlace, "crowded:place_detail"),
    ],
)
def test_record_address_opens_its_page(model, view):
    match = resolve(model(pk=42).get_absolute_url())
    assert match.view_name == view and match.kwargs == {"pk": 42}
