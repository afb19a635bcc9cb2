"""五定 (domain rules §2): all five are stated before a rectification goes for acceptance."""

import datetime as dt
from decimal import Decimal

import pytest

from anjian.hazards.models import Hazard
from anjian.hazards.workflow import hazard_transition, missing_five_fixes


def post(api, hazard, action):
    return api.post(f"/api/v1/hazards/{hazard.pk}/transitions/", {"action": action}, format="json")


@pytest.mark.parametrize(
    ("field", "blank"),
    [
        ("responsible_person", ""),
        ("measures", "  "),
        ("funds", None),
        ("contingency_plan", ""),
    ],
)
def test_submit_without_one_of_the_five_is_400_naming_it(
    api_as, enterprise_user, gov_hazard, field, blank
):
    hazard_transition(actor=enterprise_user, hazard=gov_hazard, action="acknowledge")
    Hazard.objects.filter(pk=gov_hazard.pk).update(**{field: blank})
    response = post(api_as(enterprise_user), gov_hazard, "submit")
    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]
    gov_hazard.refresh_from_db()
    assert gov_hazard.status == "rectifying"


def test_submit_names_every_missing_field(api_as, enterprise_user, gov_hazard):
    hazard_transition(actor=enterprise_user, hazard=gov_hazard, action="acknowledge")
    Hazard.objects.filter(pk=gov_hazard.pk).update(funds=None, contingency_plan="")
    response = post(api_as(enterprise_user), gov_hazard, "submit")
    assert response.status_code == 400
    assert set(response.json()) == {"funds", "contingency_plan"}


def test_funds_of_zero_are_stated(api_as, enterprise_user, gov_hazard):
    hazard_transition(actor=enterprise_user, hazard=gov_hazard, action="acknowledge")
    Hazard.objects.filter(pk=gov_hazard.pk).update(funds=Decimal("0"))
    assert post(api_as(enterprise_user), gov_hazard, "submit").status_code == 201


@pytest.mark.parametrize(
    ("values", "missing"),
    [
        ({}, []),
        ({"deadline": None}, ["deadline"]),
        ({"funds": None, "contingency_plan": ""}, ["funds", "contingency_plan"]),
        ({"funds": Decimal("0")}, []),
    ],
)
def test_missing_five_fixes_table(values, missing):
    hazard = Hazard(
        responsible_person="李四",
        measures="清理",
        funds=Decimal("100"),
        deadline=dt.date(2026, 1, 1),
        contingency_plan="值守",
    )
    for key, value in values.items():
        setattr(hazard, key, value)
    assert missing_five_fixes(hazard) == missing


def test_web_submit_flash_names_the_missing_field(login, enterprise_user, gov_hazard):
    hazard_transition(actor=enterprise_user, hazard=gov_hazard, action="acknowledge")
    Hazard.objects.filter(pk=gov_hazard.pk).update(contingency_plan="")
    response = login(enterprise_user).post(
        f"/hazards/{gov_hazard.pk}/transition/", {"action": "submit"}, follow=True
    )
    flashes = [str(m) for m in response.context["messages"]]
    assert flashes == ["提交验收前须写明应急预案。"]
    gov_hazard.refresh_from_db()
    assert gov_hazard.status == "rectifying"
