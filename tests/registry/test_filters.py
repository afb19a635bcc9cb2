"""One read path: the registry's pages and the API give the same rows for the same filter."""

import datetime as dt

import pytest
from django.utils import timezone

from anjian.registry.models import Licence


@pytest.fixture
def licences(enterprise_a, enterprise_a_road, enterprise_b):
    today = timezone.localdate()
    rows = [
        (enterprise_a, "危险化学品经营许可证", -3),
        (enterprise_a_road, "道路运输经营许可证", 20),
        (enterprise_b, "危险化学品经营许可证", 200),
    ]
    return [
        Licence.objects.create(
            enterprise=e,
            kind=kind,
            number=f"N{i}",
            issued_on=today - dt.timedelta(days=400),
            expires_on=today + dt.timedelta(days=days),
        )
        for i, (e, kind, days) in enumerate(rows)
    ]


@pytest.mark.parametrize(
    "query",
    [
        "licence=expired",
        "licence=30",
        "town=town_a",
        "sector=road_traffic",
        "status=operating",
        "credit_code=914500000000000020",
        "q=运输",
        "department=transport&licence=90",
    ],
)
def test_the_unit_list_and_the_api_give_the_same_rows(query, licences, login, api_as, county_admin):
    from tests.conftest import make_credit_code

    query = query.replace("914500000000000020", make_credit_code(2))
    api = sorted(
        r["id"] for r in api_as(county_admin).get(f"/api/v1/enterprises/?{query}").json()["results"]
    )
    page = login(county_admin).get(f"/registry/enterprises/?{query}")
    assert page.status_code == 200
    assert sorted(e.pk for e in page.context["page"]) == api


@pytest.mark.parametrize(
    "query",
    [
        "state=expired",
        "state=30",
        "expired=1",
        "expired=false",
        "town=town_b",
        "kind=危险化学品经营许可证",
        "sector=road_traffic&expired=0",
    ],
)
def test_the_licence_page_and_the_api_give_the_same_rows(
    query, licences, login, api_as, county_admin
):
    api = sorted(
        r["id"] for r in api_as(county_admin).get(f"/api/v1/licences/?{query}").json()["results"]
    )
    page = login(county_admin).get(f"/registry/licences/?{query}")
    assert page.status_code == 200
    assert sorted(licence.pk for licence in page.context["page"]) == api
