"""Small open-pit quarries (小型露天采石场, 原安监总局令第39号; domain-rules §12): at most
500,000 t a year, 浅孔 blasting only with its 论证 record, banned methods recorded as a major
hazard under county supervision, once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from anjian.core import clock
from anjian.core.models import AuditEntry
from anjian.hazards.models import Hazard
from anjian.mines import rules, services
from anjian.mines.models import Quarry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("output", "small"), [(0, True), (499_999, True), (500_000, True), (500_001, False)]
)
def test_a_small_quarry_produces_at_most_500000_t(output, small):
    assert rules.is_small_quarry(output) is small


@pytest.mark.parametrize(
    ("method", "demonstration", "problem"),
    [
        ("deep_hole", "", None),
        ("shallow_hole", "2025-03-01 县应急局组织专家论证", None),
        ("shallow_hole", "  ", "needs_demonstration"),
        ("pot_hole", "", "banned"),
        ("undercut", "论证", "banned"),
        ("undermining", "", "banned"),
        ("one_wall", "", "banned"),
    ],
)
def test_blasting_methods(method, demonstration, problem):
    assert rules.blasting_problem(method, demonstration) == problem


def _data(**extra):
    return {
        "name": "石岭采石场",
        "licence_number": "C4500002010047120001",
        "expires_on": clock.today() + dt.timedelta(days=400),
        "annual_output": 200_000,
        "blasting": "deep_hole",
        "safety_manager": True,
        "principal_certified": True,
        **extra,
    }


def test_more_than_500000_t_is_refused_in_chinese(api_as, county_admin, enterprise_a):
    body = {**_data(annual_output=500_001), "enterprise": enterprise_a.pk}
    body["expires_on"] = body["expires_on"].isoformat()
    response = api_as(county_admin).post("/api/v1/quarries/", body, format="json")
    assert response.status_code == 400
    assert "不属于小型露天采石场" in response.json()["annual_output"][0]
    assert not Quarry.objects.exists()


def test_shallow_hole_without_its_demonstration_is_refused(county_admin, enterprise_a):
    with pytest.raises(ValidationError) as exc:
        services.quarry_create(
            actor=county_admin, enterprise=enterprise_a, data=_data(blasting="shallow_hole")
        )
    assert "demonstration" in exc.value.message_dict and not Quarry.objects.exists()


def test_a_banned_method_is_recorded_and_becomes_a_major_hazard_once(county_admin, enterprise_a):
    quarry = services.quarry_create(
        actor=county_admin, enterprise=enterprise_a, data=_data(blasting="pot_hole")
    )
    hazard = Hazard.objects.get(pk=quarry.hazard_id)
    assert (hazard.grade, hazard.supervised) == ("major", True)
    assert "扩壶爆破" in hazard.description
    services.quarry_update(actor=county_admin, quarry=quarry, data={"blasting": "one_wall"})
    assert Hazard.objects.count() == 1
    assert AuditEntry.objects.filter(action="quarry.raise_hazard").count() == 1


def test_a_lawful_quarry_raises_nothing(county_admin, enterprise_a):
    services.quarry_create(actor=county_admin, enterprise=enterprise_a, data=_data())
    assert not Hazard.objects.exists()


@pytest.fixture
def quarry(county_admin, enterprise_a):
    return services.quarry_create(actor=county_admin, enterprise=enterprise_a, data=_data())


def test_the_pages_list_show_create_and_edit(login, town_a_officer, enterprise_a, quarry):
    client = login(town_a_officer)
    html = client.get(reverse("mines:quarry_list")).content.decode()
    assert "石岭采石场" in html and "中深孔爆破" in html
    assert "石岭" not in client.get(reverse("mines:quarry_list") + "?expired=yes").content.decode()
    assert "石岭采石场" in client.get(quarry.get_absolute_url()).content.decode()
    form = {**_data(name="新村采石场", blasting="one_wall"), "enterprise": enterprise_a.pk}
    form["expires_on"] = form["expires_on"].isoformat()
    response = client.post(reverse("mines:quarry_create"), form)
    created = Quarry.objects.get(name="新村采石场")
    assert response.status_code == 302 and created.hazard_id
    detail = client.get(created.get_absolute_url()).content.decode()
    assert 'id="quarry-banned"' in detail and created.hazard.get_absolute_url() in detail
    edit = {**form, "annual_output": "300000"}
    del edit["enterprise"]
    assert client.post(reverse("mines:quarry_edit", args=[created.pk]), edit).status_code == 302
    created.refresh_from_db()
    assert created.annual_output == 300_000
    assert AuditEntry.objects.filter(action="quarry.update", object_id=str(created.pk)).exists()


def test_the_page_refuses_a_large_quarry_at_the_field(login, county_admin, enterprise_a):
    form = {**_data(annual_output=600_000), "enterprise": enterprise_a.pk}
    form["expires_on"] = form["expires_on"].isoformat()
    response = login(county_admin).post(reverse("mines:quarry_create"), form)
    assert response.status_code == 200
    assert "不属于小型露天采石场" in str(response.context["form"].errors["annual_output"])
    assert not Quarry.objects.exists()


def test_the_list_queries_stay_flat(
    login, county_admin, enterprise_a, django_assert_max_num_queries
):
    for n in range(20):
        services.quarry_create(
            actor=county_admin, enterprise=enterprise_a, data=_data(name=f"采石场{n}")
        )
    client = login(county_admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("mines:quarry_list")).status_code == 200


def test_another_towns_quarry_is_a_404(login, api_as, town_b_officer, quarry):
    assert login(town_b_officer).get(quarry.get_absolute_url()).status_code == 404
    assert api_as(town_b_officer).get(f"/api/v1/quarries/{quarry.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "采石场\x00"),
        ("annual_output", 10**20),
        ("annual_output", -1),
        ("expires_on", "2025-02-30"),
        ("expires_on", "1800-01-01"),
        ("blasting", "nuclear"),
        ("demonstration", "论证\x1b"),
    ],
)
def test_hostile_api_input_is_a_400_naming_the_field(
    api_as, county_admin, enterprise_a, field, value
):
    body = {**_data(), "enterprise": enterprise_a.pk}
    body["expires_on"] = body["expires_on"].isoformat()
    response = api_as(county_admin).post("/api/v1/quarries/", {**body, field: value}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Quarry.objects.exists()


def test_the_api_lists_with_the_problem(api_as, county_admin, enterprise_a):
    services.quarry_create(
        actor=county_admin, enterprise=enterprise_a, data=_data(blasting="undercut")
    )
    rows = api_as(county_admin).get("/api/v1/quarries/?blasting=undercut").json()["results"]
    assert [r["problem"] for r in rows] == ["banned"]
