import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from anjian.hazards.models import HazardCriterion, HazardGrade, HazardSource, SupervisionNotice
from tests.hazards.conftest import hazard_data


def test_town_officer_registers_hazard_owned_by_its_town(gov_hazard, town_a, sectors):
    assert gov_hazard.town == town_a
    assert gov_hazard.sector == sectors["hazardous_chemicals"]
    assert gov_hazard.owner_town == town_a
    assert gov_hazard.status == "pending"
    assert gov_hazard.original_deadline == gov_hazard.deadline
    assert not gov_hazard.supervised


def test_enterprise_user_always_registers_a_self_check(self_hazard, enterprise_a):
    assert self_hazard.source == HazardSource.SELF_CHECK
    assert self_hazard.enterprise == enterprise_a
    assert self_hazard.owner_town is None and self_hazard.owner_department is None


def test_matching_a_criterion_grades_major_and_supervises(
    town_a_officer, enterprise_a, make_hazard
):
    criterion = HazardCriterion.objects.get(code="chem-12")
    hazard = make_hazard(
        town_a_officer, enterprise=enterprise_a, criterion=criterion, grade="general"
    )
    assert hazard.grade == HazardGrade.MAJOR
    assert hazard.supervised
    assert SupervisionNotice.objects.get(hazard=hazard).number


def test_public_place_hazard_needs_town_sector_and_location(
    town_a_officer, town_a, sectors, make_hazard
):
    with pytest.raises(ValidationError) as exc:
        make_hazard(town_a_officer, town=town_a)
    assert "sector" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        make_hazard(town_a_officer, town=town_a, sector=sectors["fire"])
    assert "location" in exc.value.message_dict
    hazard = make_hazard(town_a_officer, town=town_a, sector=sectors["fire"], location="甲镇集市")
    assert hazard.enterprise is None and hazard.town == town_a


def test_officer_cannot_register_outside_scope(town_b_officer, enterprise_a, make_hazard):
    with pytest.raises(ValidationError) as exc:
        make_hazard(town_b_officer, enterprise=enterprise_a)
    assert "enterprise" in exc.value.message_dict


def test_deadline_before_found_on_is_refused(town_a_officer, enterprise_a, make_hazard):
    today = hazard_data()["found_on"]
    with pytest.raises(ValidationError) as exc:
        make_hazard(town_a_officer, enterprise=enterprise_a, deadline=today - dt.timedelta(days=1))
    assert "deadline" in exc.value.message_dict
