"""One read path: the risk point list and the API give the same rows for the same filter."""

import pytest

from anjian.risks import services


@pytest.fixture
def points(enterprise_a, town_a, sectors, county_admin):
    base = {"accident_types": ["02"], "method": "LEC", "measures": "加强巡查"}
    services.risk_point_create(
        actor=county_admin,
        data={**base, "enterprise": enterprise_a, "name": "储罐区", "l": 6, "e": 6, "c": 40},
    )
    services.risk_point_create(
        actor=county_admin,
        data={**base, "enterprise": enterprise_a, "name": "配电室", "l": 1, "e": 1, "c": 1},
    )
    services.risk_point_create(
        actor=county_admin,
        data={
            **base,
            "town": town_a,
            "sector": sectors["road_traffic"],
            "name": "急弯路段",
            "location": "县道X101第3公里",
            "lng": "108.3",
            "lat": "22.8",
            "l": 3,
            "e": 6,
            "c": 15,
        },
    )


@pytest.mark.parametrize(
    "query",
    [
        "public=1",
        "public=true",
        "public=0",
        "public=false",
        "level=low",
        "method=LEC",
        "q=储罐",
        "town=town_a&public=0",
    ],
)
def test_the_risk_point_list_and_the_api_give_the_same_rows(
    query, points, login, api_as, county_admin
):
    api = [
        r["name"]
        for r in api_as(county_admin).get(f"/api/v1/risk-points/?{query}").json()["results"]
    ]
    page = login(county_admin).get(f"/risks/points/?{query}")
    assert page.status_code == 200
    assert [p.name for p in page.context["page"]] == api
