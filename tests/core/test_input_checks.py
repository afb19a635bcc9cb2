"""Control characters are refused at input (API: 400 naming the field; pages: a form error on
the field; imports: the row and column), and a deeply nested JSON body is a 400, not a 500."""

import pytest
from django.urls import reverse

from anjian.registry.models import Enterprise

pytestmark = pytest.mark.django_db

BAD = ["甲\x00厂", "甲\x07厂", "甲\x0b厂", "甲\x0c厂", "甲\x1f厂", "甲\x0e厂"]


@pytest.mark.parametrize("name", BAD)
def test_api_refuses_control_characters_naming_the_field(
    api_as, county_admin, name, sectors, town_a, emergency_dept
):
    response = api_as(county_admin).post(
        "/api/v1/enterprises/",
        {
            "name": name,
            "credit_code": "91450100MA5KXXXX1X",
            "sector": "hazardous_chemicals",
            "town": "town_a",
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["name"]
    assert not Enterprise.objects.exists()


def test_api_refuses_control_characters_in_a_nested_list(api_as, county_admin):
    response = api_as(county_admin).post(
        "/api/v1/duty-rosters/",
        {"title": "国庆值班", "shifts": [{"leader": "王\x01五"}]},
        format="json",
    )
    assert response.status_code == 400
    assert "shifts" in response.json()


def test_api_refuses_control_characters_in_a_form_body(api_as, county_admin):
    response = api_as(county_admin).post("/api/v1/enterprises/", {"name": "甲\x02厂"})
    assert response.status_code == 400
    assert list(response.json()) == ["name"]


def test_tab_and_newline_are_ordinary_text(api_as, county_admin, enterprise_a):
    response = api_as(county_admin).patch(
        f"/api/v1/enterprises/{enterprise_a.pk}/", {"address": "甲镇\t工业园\r\n1号"}, format="json"
    )
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deeply_nested_json_is_a_400(api_as, county_admin, depth):
    body = "[" * depth + "]" * depth
    response = api_as(county_admin).post(
        "/api/v1/enterprises/", body, content_type="application/json"
    )
    assert response.status_code == 400


def test_page_form_shows_the_error_on_the_field(
    login, county_admin, sectors, town_a, emergency_dept
):
    response = login(county_admin).post(
        reverse("registry:enterprise_create"),
        {"name": "甲\x03厂", "credit_code": "91450100MA5KXXXX1X"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "control characters" in " ".join(form.errors["name"]) or form.errors["name"]
    assert not Enterprise.objects.exists()
