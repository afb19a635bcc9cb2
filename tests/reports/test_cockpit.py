"""The leader's cockpit: every chart drawn from the figures the statistics API gives."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from anjian.core import clock
from tests.accidents.conftest import at


def _figure(html: str, name: str) -> dict | None:
    match = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1)) if match else None


@pytest.fixture
def accidents(make_accident, town_a, town_b):
    make_accident(occurred_at=at(2025, 1, 10, 9), deaths=1)
    make_accident(occurred_at=at(2025, 6, 2, 9), sector="construction", town=town_b)
    make_accident(occurred_at=at(2025, 6, 12, 9))
    make_accident(occurred_at=at(2024, 6, 3, 9), deaths=2)
    make_accident(occurred_at=at(2024, 11, 3, 9))


def test_cockpit_charts_are_the_stats_api_figures(login, api_as, leader, accidents):
    html = login(leader).get(reverse("cockpit")).content.decode()
    api = api_as(leader)
    year = clock.today().year

    trend = _figure(html, "fig-trend")
    this_year = next(t for t in trend["data"] if t["name"] == f"{year}年")
    last_year = next(t for t in trend["data"] if t["name"] == f"{year - 1}年")
    for month in range(1, clock.today().month + 1):
        stats = api.get(f"/api/v1/stats/accidents/?period={year}-{month:02d}").json()
        assert this_year["y"][month - 1] == stats["count"]
        assert last_year["y"][month - 1] == stats["previous"]["count"]

    stats = api.get(f"/api/v1/stats/accidents/?period={year}").json()
    for name, rows in (("fig-sectors", stats["by_sector"]), ("fig-towns", stats["by_town"])):
        figure = _figure(html, name)
        bars = {t["name"]: dict(zip(t["x"], t["y"], strict=True)) for t in figure["data"]}
        assert bars["事故"] == {r["name"]: r["count"] for r in rows}
        assert bars["死亡"] == {r["name"]: r["deaths"] for r in rows}

    month = api.get(f"/api/v1/stats/accidents/?period={year}-{clock.today().month:02d}").json()
    assert re.search(rf'id="kpi-month-count"[^>]*>{month["count"]}<', html)
    assert re.search(rf'id="kpi-year-count"[^>]*>{sum(this_year["y"])}<', html)


def test_cockpit_without_accidents_shows_an_empty_state_not_empty_axes(login, leader):
    html = login(leader).get(reverse("cockpit")).content.decode()
    assert _figure(html, "fig-trend") is None and _figure(html, "fig-sectors") is None
    assert 'id="chart-trend-empty"' in html
    assert "plotly.min.js" not in html


def test_accident_statistics_without_accidents_shows_an_empty_state(login, county_admin):
    html = login(county_admin).get(reverse("accidents:accident_stats")).content.decode()
    assert 'id="chart-trend-empty"' in html and 'id="chart-sectors-empty"' in html
    assert _figure(html, "fig-trend") is None


def test_cockpit_lists_major_hazards_with_days_to_deadline(login, leader, enterprise_a):
    from anjian.hazards.models import Hazard

    today = clock.today()
    hazard = Hazard.objects.create(
        enterprise=enterprise_a,
        town=enterprise_a.town,
        sector=enterprise_a.sector,
        description="储罐区防火堤破损",
        grade="major",
        found_on=today - dt.timedelta(days=30),
        found_by="县应急局",
        source="inspection",
        deadline=today - dt.timedelta(days=4),
        status="rectifying",
        supervised=True,
    )
    html = login(leader).get(reverse("cockpit")).content.decode()
    section = html[html.index('id="major-hazards"') :]
    assert hazard.get_absolute_url() in section
    assert "逾期 4 天" in section


def test_cockpit_shows_who_is_on_duty_now(login, leader, town_a, town_a_officer):
    from anjian.accounts.units import Unit
    from anjian.duty import services

    now = clock.now()
    services.roster_create(
        actor=town_a_officer,
        unit=Unit.of_town(town_a),
        title="甲镇值班",
        starts_at=now - dt.timedelta(hours=2),
        ends_at=now + dt.timedelta(hours=22),
        shifts=[
            {
                "starts_at": now - dt.timedelta(hours=2),
                "ends_at": now + dt.timedelta(hours=22),
                "leader": "韦镇长",
                "staff": "李四",
                "phone": "0771-1234567",
            }
        ],
    )
    html = login(leader).get(reverse("cockpit")).content.decode()
    section = html[html.index('id="on-duty"') :]
    assert "韦镇长" in section and "0771-1234567" in section


@pytest.mark.parametrize("persona", ["town_a_officer", "traffic_officer", "enterprise_user"])
def test_the_cockpit_is_for_the_leader_and_the_county_admin(request, login, persona):
    response = login(request.getfixturevalue(persona)).get(reverse("cockpit"))
    assert response.status_code == 403


def test_county_admin_can_open_the_cockpit(login, county_admin, django_assert_max_num_queries):
    client = login(county_admin)
    # The figures (~40) and the live assessment ranking (one grouped query per indicator).
    with django_assert_max_num_queries(60):
        assert client.get(reverse("cockpit")).status_code == 200
