"""一企一档: an enterprise's whole file in tabs, a town's and a department's file for their scope;
scoped (outside → 404), paginated, in a bounded number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.core import clock
from anjian.registry import services as registry_services
from anjian.registry.services import licence_create
from tests.accidents.conftest import make_accident  # noqa: F401 - fixtures, found by name
from tests.hazards.conftest import gov_hazard, make_hazard  # noqa: F401
from tests.risks.conftest import make_point  # noqa: F401

TABS = [
    "basic",
    "risks",
    "hazards",
    "inspections",
    "accidents",
    "plans",
    "sources",
    "certificates",
    "chemicals",
    "history",
]


@pytest.fixture
def file_of_a(
    county_admin,
    enterprise_a,
    town_a,
    town_b,
    gov_hazard,  # noqa: F811
    make_point,  # noqa: F811
    make_accident,  # noqa: F811
):
    """Enterprise A with one record of most kinds and a change in its history."""
    make_point(enterprise=enterprise_a)
    make_accident(
        town=town_a,
        enterprise=enterprise_a,
        occurred_at=clock.now() - dt.timedelta(days=1),
        title="甲镇化工灼烫事故",
    )
    registry_services.enterprise_update(
        actor=county_admin, enterprise=enterprise_a, data={"status": "suspended"}, via="web"
    )
    return enterprise_a


def _get(client, url, **params):
    return client.get(url, params)


def test_the_enterprise_file_has_every_tab_with_its_count_and_opens_each(
    file_of_a, county_admin, login, django_assert_max_num_queries
):
    client = login(county_admin)
    url = reverse("reports:enterprise_file", args=[file_of_a.pk])
    for tab in TABS:
        # Session, user, enterprise, one COUNT per tab, the open tab's rows and its lookups.
        with django_assert_max_num_queries(25):
            response = _get(client, url, tab=tab)
        assert response.status_code == 200, tab
        html = response.content.decode()
        assert f'data-tab="{tab}"' in html
        for other in TABS:
            assert f'id="tab-{other}"' in html
    hazards = _get(client, url, tab="hazards").content.decode()
    assert "隐患" in hazards and 'id="file-rows"' in hazards
    accidents = _get(client, url, tab="accidents").content.decode()
    assert "甲镇化工灼烫事故" in accidents
    history = _get(client, url, tab="history").content.decode()
    assert "停产" in history and "suspended" not in history


def test_a_tab_is_paginated(enterprise_a, county_admin, login):
    today = clock.today()
    for i in range(23):
        licence_create(
            actor=county_admin,
            enterprise=enterprise_a,
            data={
                "kind": "安全生产许可证",
                "number": f"（桂）WH安许证字〔2025〕{i:04d}",
                "issued_on": today - dt.timedelta(days=100),
                "expires_on": today + dt.timedelta(days=300 + i),
            },
        )
    client = login(county_admin)
    url = reverse("reports:enterprise_file", args=[enterprise_a.pk])
    first = _get(client, url, tab="basic").content.decode()
    second = _get(client, url, tab="basic", page=2).content.decode()
    assert first.count("<tr class=") == 20
    assert second.count("<tr class=") == 3
    assert 'id="tab-basic"' in first and "23" in first


def test_the_outsider_gets_404_and_the_enterprise_sees_only_its_own_file(
    file_of_a, enterprise_b, town_a, town_b_officer, enterprise_user, login
):
    url = reverse("reports:enterprise_file", args=[file_of_a.pk])
    assert login(town_b_officer).get(url).status_code == 404
    client = login(enterprise_user)
    assert client.get(url).status_code == 200
    assert client.get(reverse("reports:enterprise_file", args=[enterprise_b.pk])).status_code == 404
    assert client.get(reverse("reports:town_file", args=[town_a.pk])).status_code == 404


def test_a_town_file_shows_its_own_records_to_its_officers_and_the_county(
    file_of_a,
    enterprise_b,
    town_a,
    town_b,
    town_a_officer,
    town_b_officer,
    leader,
    login,
    django_assert_max_num_queries,
):
    url = reverse("reports:town_file", args=[town_a.pk])
    for user in (town_a_officer, leader):
        client = login(user)
        with django_assert_max_num_queries(25):
            page = _get(client, url, tab="enterprises")
        html = page.content.decode()
        assert file_of_a.name in html and enterprise_b.name not in html
        hazards = _get(client, url, tab="hazards").content.decode()
        assert 'data-tab="hazards"' in hazards and "No hazards" not in hazards
    assert login(town_b_officer).get(url).status_code == 404
    assert (
        login(town_a_officer).get(reverse("reports:town_file", args=[town_b.pk])).status_code == 404
    )


def test_a_department_file_covers_its_sectors_county_wide(
    enterprise_a, enterprise_a_road, traffic_dept, emergency_dept, traffic_officer, login
):
    client = login(traffic_officer)
    html = client.get(reverse("reports:department_file", args=[traffic_dept.pk])).content.decode()
    assert enterprise_a_road.name in html and enterprise_a.name not in html
    other = client.get(reverse("reports:department_file", args=[emergency_dept.pk]))
    assert other.status_code == 404


def test_the_enterprise_file_lists_its_personnel_certificates(
    enterprise_a, enterprise_user, county_admin, login
):
    from anjian.certificates.services import certificate_create
    from tests.certificates.conftest import cert_data

    certificate_create(actor=enterprise_user, data=cert_data(holder="王电工"))
    url = reverse("reports:enterprise_file", args=[enterprise_a.pk])
    html = _get(login(county_admin), url, tab="certificates").content.decode()
    assert "王电工" in html and "电工作业" in html
