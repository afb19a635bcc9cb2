"""Publicity activities: recorded by the organising unit, seen by its town/sector, audited."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.alerts import services
from anjian.alerts.models import PublicityActivity
from anjian.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def data(**extra) -> dict:
    values = {
        "title": "安全生产月宣传咨询日",
        "held_on": dt.date(2024, 6, 16),
        "place": "人民广场",
        "participants": 300,
        "material": "宣传册500份",
        "description": "现场咨询",
    }
    values.update(extra)
    return values


@pytest.fixture
def activities(
    county_admin, town_a_officer, town_b_officer, traffic_officer, enterprise_user, sectors, town_a
):
    return {
        "county": services.publicity_create(
            actor=county_admin, data=data(title="县广场咨询日", town=town_a)
        ),
        "town_a": services.publicity_create(actor=town_a_officer, data=data(title="甲镇宣讲")),
        "town_b": services.publicity_create(actor=town_b_officer, data=data(title="乙镇宣讲")),
        "traffic": services.publicity_create(
            actor=traffic_officer, data=data(title="交通警示教育", sector=sectors["road_traffic"])
        ),
        "enterprise": services.publicity_create(
            actor=enterprise_user, data=data(title="企业应急演示")
        ),
    }


@pytest.mark.parametrize(
    "persona,expected",
    [
        ("county_admin", {"county", "town_a", "town_b", "traffic", "enterprise"}),
        ("leader", {"county", "town_a", "town_b", "traffic", "enterprise"}),
        ("town_a_officer", {"county", "town_a", "enterprise"}),
        ("town_b_officer", {"town_b"}),
        ("traffic_officer", {"traffic"}),
        ("enterprise_user", {"enterprise"}),
    ],
)
def test_each_persona_sees_its_part(persona, expected, request, activities, login):
    user = request.getfixturevalue(persona)
    html = login(user).get(reverse("alerts:publicity_list")).content.decode()
    for key, activity in activities.items():
        assert (activity.title in html) == (key in expected), activity.title


def test_the_organiser_comes_from_the_actors_unit(activities, town_a, enterprise_a):
    assert activities["town_a"].organiser == town_a
    assert activities["enterprise"].organiser == enterprise_a
    assert activities["enterprise"].town == town_a
    assert activities["county"].organiser is None


def test_a_town_officer_cannot_record_for_another_town(town_a_officer, town_b):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.publicity_create(actor=town_a_officer, data=data(town=town_b))


def test_a_department_cannot_pick_a_sector_it_does_not_supervise(traffic_officer, sectors):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.publicity_create(
            actor=traffic_officer, data=data(sector=sectors["hazardous_chemicals"])
        )
    assert "sector" in exc.value.message_dict


def test_creating_is_audited(town_a_officer):
    activity = services.publicity_create(actor=town_a_officer, data=data())
    entry = AuditEntry.objects.get(model="publicityactivity", object_id=str(activity.pk))
    assert entry.action == "publicityactivity.create" and entry.username == town_a_officer.username


def test_town_officer_records_through_the_form(login, town_a_officer, town_a):
    client = login(town_a_officer)
    assert client.get(reverse("alerts:publicity_create")).status_code == 200
    response = client.post(
        reverse("alerts:publicity_create"),
        {
            "title": "防溺水宣传进校园",
            "held_on": "2024-06-20",
            "place": "甲镇中心小学",
            "participants": 420,
            "material": "告家长书",
            "description": "",
        },
    )
    assert response.status_code == 302
    assert PublicityActivity.objects.get().town == town_a


def test_leader_cannot_record(login, leader):
    assert login(leader).get(reverse("alerts:publicity_create")).status_code == 403


def test_publicity_list_query_count_is_flat(
    login, county_admin, activities, django_assert_max_num_queries
):
    client = login(county_admin)
    # (+1: the 禁火 banner's check of today's fire-danger levels, on every page)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("alerts:publicity_list")).status_code == 200
