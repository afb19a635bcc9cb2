"""Each persona sees exactly its part of the registry, on the web and over the API."""

import pytest
from django.urls import reverse


@pytest.fixture
def world(enterprise_a, enterprise_a_road, enterprise_b):
    return {"a": enterprise_a, "a_road": enterprise_a_road, "b": enterprise_b}


def _names(response):
    return {row["name"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "persona,expected",
    [
        ("county_admin", {"a", "a_road", "b"}),
        ("leader", {"a", "a_road", "b"}),
        ("town_a_officer", {"a", "a_road"}),
        ("town_b_officer", {"b"}),
        ("traffic_officer", {"a_road"}),
        ("enterprise_user", {"a"}),
    ],
)
def test_api_list_shows_exactly_the_scope(persona, expected, world, api_as, request):
    user = request.getfixturevalue(persona)
    response = api_as(user).get("/api/v1/enterprises/")
    assert response.status_code == 200
    assert _names(response) == {world[k].name for k in expected}


def test_town_b_officer_gets_404_for_town_a_unit(world, api_as, town_b_officer, login):
    assert api_as(town_b_officer).get(f"/api/v1/enterprises/{world['a'].pk}/").status_code == 404
    page = login(town_b_officer).get(reverse("registry:enterprise_detail", args=[world["a"].pk]))
    assert page.status_code == 404


def test_traffic_officer_gets_404_for_a_chemicals_unit(world, api_as, traffic_officer):
    assert api_as(traffic_officer).get(f"/api/v1/enterprises/{world['a'].pk}/").status_code == 404


def test_enterprise_user_gets_404_for_a_neighbour(world, api_as, enterprise_user):
    response = api_as(enterprise_user).get(f"/api/v1/enterprises/{world['a_road'].pk}/")
    assert response.status_code == 404


def test_leader_cannot_write(world, api_as, leader, login):
    response = api_as(leader).patch(
        f"/api/v1/enterprises/{world['a'].pk}/", {"phone": "1"}, format="json"
    )
    assert response.status_code == 403
    page = login(leader).post(
        reverse("registry:enterprise_edit", args=[world["a"].pk]), {"phone": "1"}
    )
    assert page.status_code == 403


def test_anonymous_api_gets_401(world, api_as):
    assert api_as(None).get("/api/v1/enterprises/").status_code == 401


def test_anonymous_page_redirects_to_login(world, client):
    response = client.get(reverse("registry:enterprise_list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    "persona,expected",
    [
        ("town_a_officer", {"a", "a_road"}),
        ("traffic_officer", {"a_road"}),
        ("enterprise_user", {"a"}),
    ],
)
def test_web_list_shows_exactly_the_scope(persona, expected, world, login, request):
    user = request.getfixturevalue(persona)
    html = login(user).get(reverse("registry:enterprise_list")).content.decode()
    for key, enterprise in world.items():
        assert (enterprise.name in html) == (key in expected), enterprise.name
