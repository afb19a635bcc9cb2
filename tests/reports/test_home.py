"""The landing pages: the leader lands on the cockpit, who acts on the workbench; the workbench
keeps the figures of the user's own scope, in a bounded number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.core import clock
from anjian.hazards.models import Hazard


@pytest.fixture
def hazards(enterprise_a, enterprise_b):
    today = clock.today()
    for enterprise, days in ((enterprise_a, -3), (enterprise_a, 5), (enterprise_b, -1)):
        Hazard.objects.create(
            enterprise=enterprise,
            town=enterprise.town,
            sector=enterprise.sector,
            description="隐患",
            grade="general",
            found_on=today - dt.timedelta(days=10),
            source="self_check",
            deadline=today + dt.timedelta(days=days),
            status="rectifying",
        )


def _overdue_text(html: str) -> str:
    start = html.index('id="overdue-hazards"')
    return html[start : html.index("</a>", start)]


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("leader", "cockpit"),
        ("county_admin", "todo"),
        ("town_a_officer", "todo"),
        ("traffic_officer", "todo"),
        ("enterprise_user", "todo"),
    ],
)
def test_each_role_lands_on_its_page(request, login, persona, landing):
    response = login(request.getfixturevalue(persona)).get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse(landing)


def test_town_officer_sees_its_own_overdue_count(login, town_a_officer, hazards):
    html = login(town_a_officer).get(reverse("todo")).content.decode()
    assert _overdue_text(html).endswith("逾期：1")


def test_county_admin_sees_the_whole_county(login, county_admin, hazards):
    html = login(county_admin).get(reverse("todo")).content.decode()
    assert _overdue_text(html).endswith("逾期：2")


def test_workbench_query_count_does_not_grow_with_data(
    login, county_admin, hazards, enterprise_a, django_assert_max_num_queries
):
    client = login(county_admin)
    # 41: one query per task kind, a county admin's warnings to confirm included (a city's).
    with django_assert_max_num_queries(41):
        assert client.get(reverse("todo")).status_code == 200


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_enterprise_workbench_links_no_page_it_may_not_open(login, enterprise_user):
    html = login(enterprise_user).get(reverse("todo")).content.decode()
    assert reverse("risks:map") not in html
    assert reverse("accidents:accident_stats") not in html
