"""The enterprise list (page and API) runs a fixed number of queries, whatever the page size
and however many rows there are: no query per row (N+1)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anjian.registry.models import Enterprise
from tests.conftest import make_credit_code

# Session/token and user, COUNT, page, the filter form's choices, the navigation: a ceiling that
# catches a per-row query even in the small case.
MAX_PAGE_QUERIES = 13  # incl. the 禁火 banner's check of today's fire-danger levels
MAX_API_QUERIES = 4


@pytest.fixture
def grow(town_a, town_b, sectors, traffic_dept, emergency_dept):
    """grow(n): add n enterprises spread over both towns and two departments' sectors."""
    counter = iter(range(1000, 100_000))

    def _grow(n: int) -> None:
        places = [
            (town_a, sectors["road_traffic"], traffic_dept),
            (town_b, sectors["road_traffic"], traffic_dept),
            (town_a, sectors["hazardous_chemicals"], emergency_dept),
            (town_b, sectors["industry_trade"], emergency_dept),
        ]
        rows = []
        for i in range(n):
            town, sector, department = places[i % len(places)]
            number = next(counter)
            rows.append(
                Enterprise(
                    name=f"测试单位{number}",
                    credit_code=make_credit_code(number),
                    town=town,
                    sector=sector,
                    department=department,
                )
            )
        Enterprise.objects.bulk_create(rows)

    return _grow


def _queries(get) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = get()
    assert response.status_code == 200
    return len(captured)


PERSONAS = ["county_admin", "town_a_officer", "traffic_officer", "leader"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_list_query_count_does_not_grow_with_page_size_or_rows(
    persona, grow, api_as, request, django_assert_num_queries
):
    user = request.getfixturevalue(persona)
    api = api_as(user)
    grow(3)
    small = _queries(lambda: api.get("/api/v1/enterprises/", {"page_size": 5}))
    assert small <= MAX_API_QUERIES
    grow(160)
    with django_assert_num_queries(small):
        response = api.get("/api/v1/enterprises/", {"page_size": 50})
    assert len(response.json()["results"]) == 50
    with django_assert_num_queries(small):
        response = api.get(
            "/api/v1/enterprises/", {"page_size": 20, "page": 2, "sector": "road_traffic"}
        )
    assert len(response.json()["results"]) == 20


@pytest.mark.parametrize("persona", PERSONAS)
def test_web_list_query_count_does_not_grow_with_rows(
    persona, grow, login, request, django_assert_num_queries
):
    user = request.getfixturevalue(persona)
    client = login(user)
    url = reverse("registry:enterprise_list")
    filtered = {"page": 2, "sector": "road_traffic"}
    grow(3)
    client.get(url)  # the first request of a session may write it; measure the steady state
    small = _queries(lambda: client.get(url))
    small_filtered = _queries(lambda: client.get(url, filtered))
    assert max(small, small_filtered) <= MAX_PAGE_QUERIES
    grow(160)
    with django_assert_num_queries(small):
        response = client.get(url)
    assert len(re.findall(r'href="/registry/enterprises/\d+/"', response.content.decode())) == 20
    with django_assert_num_queries(small_filtered):
        client.get(url, filtered)
