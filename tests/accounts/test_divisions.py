"""Divisions: a city sees its counties' records added together, a county none of its
neighbour's (API, pages, exports, statistics), `divisions/`, `me/`, `towns/` and `?division=`."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from anjian.accidents import services as accidents
from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.registry.models import Enterprise
from tests.conftest import make_enterprise


@pytest.fixture
def units(region, enterprise_a, enterprise_b, sectors, emergency_dept):
    """Two units in county X (A and B's towns), one in county Y, and an accident in each."""
    enterprise_c = make_enterprise(
        name="丙镇机械厂",
        n=9,
        town=region.town_c,
        sector=sectors["industry_trade"],
        department=emergency_dept,
    )
    made = {}
    for key, town in (("x", enterprise_a.town), ("y", region.town_c)):
        occurred = clock.now() - dt.timedelta(days=20)
        made[key] = accidents.accident_report(
            actor=SYSTEM,
            data={
                "title": f"{town.name}车辆碰撞事故",
                "occurred_at": occurred,
                "reported_at": occurred + dt.timedelta(minutes=30),
                "town": town,
                "sector": sectors["road_traffic"],
                "accident_type": "02",
                "deaths": 1 if key == "x" else 0,
            },
        )
    return {"c": enterprise_c, **made}


def _count(api, path, **params):
    response = api.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()["count"]


def test_city_admin_counts_what_both_counties_count(
    api_as, units, city_admin, county_x_admin, other_county_admin
):
    city, x, y = api_as(city_admin), api_as(county_x_admin), api_as(other_county_admin)
    for path in ("/api/v1/enterprises/", "/api/v1/accidents/"):
        assert _count(city, path) == _count(x, path) + _count(y, path)
    assert _count(x, "/api/v1/enterprises/") == 2 and _count(y, "/api/v1/enterprises/") == 1


def test_a_county_admin_reads_none_of_the_other_county_through_the_api(
    api_as, units, county_x_admin
):
    api = api_as(county_x_admin)
    names = [e["name"] for e in api.get("/api/v1/enterprises/").json()["results"]]
    assert "丙镇机械厂" not in names
    assert api.get(f"/api/v1/enterprises/{units['c'].pk}/").status_code == 404
    assert api.get(f"/api/v1/accidents/{units['y'].pk}/").status_code == 404
    assert api.get(f"/api/v1/accidents/{units['x'].pk}/").status_code == 200


def test_a_county_admin_sees_none_of_the_other_county_on_pages_and_exports(
    login, units, county_x_admin
):
    client = login(county_x_admin)
    page = client.get(reverse("registry:enterprise_list")).content.decode()
    assert "甲镇化工有限公司" in page and "丙镇机械厂" not in page
    assert client.get(units["c"].get_absolute_url()).status_code == 404
    assert client.get(units["y"].get_absolute_url()).status_code == 404
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("registry:enterprise_export")).content)
    )
    cells = {str(c.value) for row in book.active.iter_rows() for c in row}
    assert "甲镇化工有限公司" in cells and "丙镇机械厂" not in cells
    accidents_page = client.get(reverse("accidents:accident_list")).content.decode()
    assert "甲镇车辆碰撞事故" in accidents_page and "丙镇车辆碰撞事故" not in accidents_page


def test_a_county_admins_statistics_leave_out_the_other_county(api_as, units, county_x_admin):
    year = clock.today().year
    data = api_as(county_x_admin).get("/api/v1/stats/accidents/", {"period": year}).json()
    assert data["count"] == 1 and [t["town"] for t in data["by_town"]] == ["town_a"]
    assert "by_county" not in data


def test_city_statistics_break_down_by_county_and_add_up(api_as, units, city_admin):
    year = clock.today().year
    data = api_as(city_admin).get("/api/v1/stats/accidents/", {"period": year}).json()
    by_county = {r["county"]: r for r in data["by_county"]}
    assert set(by_county) == {"990121", "990122"}
    assert sum(r["count"] for r in by_county.values()) == data["count"] == 2
    assert sum(r["deaths"] for r in by_county.values()) == data["deaths"] == 1
    assert by_county["990121"]["name"] == "甲县"


def test_division_narrows_lists_and_statistics_and_refuses_what_lies_outside(
    api_as, units, city_admin, county_x_admin
):
    city = api_as(city_admin)
    assert _count(city, "/api/v1/enterprises/", division="990122") == 1
    assert _count(city, "/api/v1/enterprises/", division="town_a") == 1
    year = clock.today().year
    narrowed = city.get("/api/v1/stats/accidents/", {"period": year, "division": "990121"})
    assert narrowed.json()["count"] == 1 and "by_county" not in narrowed.json()
    county = api_as(county_x_admin)
    assert county.get("/api/v1/enterprises/", {"division": "990122"}).status_code == 404
    assert county.get("/api/v1/enterprises/", {"division": "town_c"}).status_code == 404
    assert county.get("/api/v1/enterprises/", {"division": "nowhere"}).status_code == 404


def test_divisions_show_the_subtree_and_the_chain_above(api_as, units, county_x_admin, city_admin):
    rows = api_as(county_x_admin).get("/api/v1/divisions/").json()["results"]
    assert [(r["code"], r["level"], r["parent"]) for r in rows] == [
        ("990100", "city", None),
        ("990121", "county", "990100"),
        ("town_a", "town", "990121"),
        ("town_b", "town", "990121"),
    ]
    codes = {r["code"] for r in api_as(city_admin).get("/api/v1/divisions/").json()["results"]}
    assert {"990122", "town_c", "990121"} <= codes


def test_me_names_the_division_and_towns_name_their_county(
    api_as, units, city_admin, town_a_officer
):
    me = api_as(city_admin).get("/api/v1/me/").json()
    assert me["role"] == "city_admin"
    assert me["unit"]["kind"] == "city"
    assert me["unit"]["division"] == {"code": "990100", "name": "甲市", "level": "city"}
    officer = api_as(town_a_officer).get("/api/v1/me/").json()
    assert officer["unit"]["division"] == {"code": "town_a", "name": "甲镇", "level": "town"}
    towns = api_as(city_admin).get("/api/v1/towns/").json()["results"]
    assert {t["code"]: t["county"] for t in towns} == {
        "town_a": "990121",
        "town_b": "990121",
        "town_c": "990122",
    }


def test_a_county_without_divisions_keeps_v1_answers(api_as, county_admin, enterprise_a):
    me = api_as(county_admin).get("/api/v1/me/").json()
    assert me["unit"]["kind"] == "county" and me["unit"]["division"] is None
    assert api_as(county_admin).get("/api/v1/towns/").json()["results"][0]["county"] is None
    assert Enterprise.objects.count() == _count(api_as(county_admin), "/api/v1/enterprises/")


def test_a_city_bulletin_speaks_of_its_counties(units, city_admin, county_x_admin):
    from anjian.accidents.bulletin import build_bulletin
    from anjian.core.periods import parse_period

    period = parse_period(str(clock.today().year))
    document, data = build_bulletin(actor=city_admin, period=period)
    text = document.text()
    assert "甲市" in document.title and "我市" in text
    assert "从县（市、区）看" in text and "甲县" in text and "乙县" in text
    document, _data = build_bulletin(actor=county_x_admin, period=period)
    text = document.text()
    assert "甲县" in document.title and "我县" in text and "乙县" not in text
