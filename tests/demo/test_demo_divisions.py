"""The demo region: 示例县 beside 邻县 in 示例市; the city admin adds up both counties and
示例县's admin sees none of 邻县 (API, statistics)."""

import pytest

from anjian.accounts.models import User
from anjian.core import clock
from anjian.demo import loader


@pytest.fixture
def demo(db):
    loader.load()
    return {u.username: u for u in User.objects.all()}


def _count(api, path, **params):
    response = api.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()["count"]


@pytest.mark.slow
def test_the_demo_city_adds_up_its_two_counties(api_as, demo):
    city = api_as(demo["city_admin"])
    county = api_as(demo["county_admin"])
    neighbour = api_as(demo[loader.NEIGHBOUR_ADMIN])
    for path in ("/api/v1/enterprises/", "/api/v1/accidents/", "/api/v1/hazards/"):
        assert _count(city, path) == _count(county, path) + _count(neighbour, path), path
    assert _count(neighbour, "/api/v1/enterprises/") == 30
    names = {e["name"] for e in county.get("/api/v1/enterprises/", {"q": "邻县"}).json()["results"]}
    assert not names
    assert county.get("/api/v1/enterprises/", {"division": "990122"}).status_code == 404

    year = clock.today().year - 1
    stats = city.get("/api/v1/stats/accidents/", {"period": year}).json()
    by_county = {r["name"]: r["count"] for r in stats["by_county"]}
    assert set(by_county) == {"示例县", "邻县"} and sum(by_county.values()) == stats["count"]
    own = county.get("/api/v1/stats/accidents/", {"period": year}).json()
    assert own["count"] == by_county["示例县"] and "by_county" not in own

    me = city.get("/api/v1/me/").json()
    assert me["role"] == "city_admin"
    assert me["unit"]["division"] == {"code": "990100", "name": "示例市", "level": "city"}
    assert county.get("/api/v1/me/").json()["unit"]["division"]["name"] == "示例县"
