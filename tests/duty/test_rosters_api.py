"""duty-rosters/: the contract's shape, computed gaps, nested shifts, and who may file what."""

import pytest

from anjian.accounts.units import Unit
from anjian.duty.models import DutyRoster
from anjian.duty.services import roster_create
from tests.duty.conftest import local

URL = "/api/v1/duty-rosters/"


def _payload(unit="town_a", **extra):
    body = {
        "unit": unit,
        "title": "元旦值班表",
        "starts_at": "2026-12-31T20:00:00+08:00",
        "ends_at": "2027-01-02T08:00:00+08:00",
        "shifts": [
            {
                "starts_at": "2026-12-31T20:00:00+08:00",
                "ends_at": "2027-01-01T08:00:00+08:00",
                "leader": "韦局长",
                "staff": "李明、王芳",
                "phone": "0771-5123456",
            },
            {
                "starts_at": "2027-01-01T08:00:00+08:00",
                "ends_at": "2027-01-01T20:00:00+08:00",
                "leader": "",
                "staff": "张伟",
                "phone": "0771-5123456",
            },
        ],
    }
    body.update(extra)
    return body


@pytest.fixture
def roster_a(county_admin, town_a):
    return roster_create(
        actor=county_admin,
        unit=Unit.of_town(town_a),
        title="甲镇元旦值班表",
        starts_at=local(2027, 1, 1),
        ends_at=local(2027, 1, 2),
        shifts=[
            {
                "starts_at": local(2027, 1, 1),
                "ends_at": local(2027, 1, 1, 12),
                "leader": "韦",
                "staff": "李",
                "phone": "1",
            }
        ],
    )


@pytest.fixture
def roster_b(county_admin, town_b):
    return roster_create(
        actor=county_admin,
        unit=Unit.of_town(town_b),
        title="乙镇值班表",
        starts_at=local(2027, 1, 1),
        ends_at=local(2027, 1, 2),
        shifts=[],
    )


@pytest.fixture
def roster_traffic(county_admin, traffic_dept):
    return roster_create(
        actor=county_admin,
        unit=Unit.of_department(traffic_dept),
        title="交通局值班表",
        starts_at=local(2027, 1, 1),
        ends_at=local(2027, 1, 2),
        shifts=[],
    )


@pytest.fixture
def roster_county(county_admin):
    return roster_create(
        actor=county_admin,
        unit=Unit.county(),
        title="县值班表",
        starts_at=local(2027, 1, 1),
        ends_at=local(2027, 1, 2),
        shifts=[],
    )


def test_town_officer_files_own_roster_and_gets_the_contract_shape(api_as, town_a_officer):
    response = api_as(town_a_officer).post(URL, _payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == {"id", "unit", "title", "starts_at", "ends_at", "shifts", "gaps"}
    assert body["unit"] == "town_a"
    assert body["starts_at"] == "2026-12-31T20:00:00+08:00"
    assert [set(s) for s in body["shifts"]] == [
        {"starts_at", "ends_at", "leader", "staff", "phone"}
    ] * 2
    assert body["gaps"] == [
        {
            "starts_at": "2027-01-01T08:00:00+08:00",
            "ends_at": "2027-01-01T20:00:00+08:00",
            "missing": "leader",
        },
        {
            "starts_at": "2027-01-01T20:00:00+08:00",
            "ends_at": "2027-01-02T08:00:00+08:00",
            "missing": "staff",
        },
    ]
    fetched = api_as(town_a_officer).get(f"{URL}{body['id']}/").json()
    assert fetched == body


@pytest.mark.parametrize(
    "persona,unit",
    [
        ("town_a_officer", "town_b"),
        ("town_a_officer", "county"),
        ("town_a_officer", "transport"),
        ("traffic_officer", "town_a"),
        ("traffic_officer", "emergency"),
    ],
)
def test_a_unit_cannot_file_another_units_roster(
    persona, unit, api_as, request, town_a, town_b, emergency_dept, traffic_dept
):
    user = request.getfixturevalue(persona)
    response = api_as(user).post(URL, _payload(unit=unit), format="json")
    assert response.status_code == 403
    assert not DutyRoster.objects.exists()


@pytest.mark.parametrize("unit", ["county", "town_b", "transport"])
def test_county_admin_files_for_any_unit(unit, api_as, county_admin, town_b, traffic_dept):
    assert api_as(county_admin).post(URL, _payload(unit=unit), format="json").status_code == 201


def test_department_officer_files_its_department(api_as, traffic_officer):
    response = api_as(traffic_officer).post(URL, _payload(unit="transport"), format="json")
    assert response.status_code == 201
    assert response.json()["unit"] == "transport"


@pytest.mark.parametrize("persona", ["leader", "enterprise_user"])
def test_leader_and_enterprise_cannot_file(persona, api_as, request, town_a):
    user = request.getfixturevalue(persona)
    assert api_as(user).post(URL, _payload(), format="json").status_code == 403


@pytest.mark.parametrize(
    "change,field,fragment",
    [
        ({"ends_at": "2026-12-31T10:00:00+08:00"}, "ends_at", "结束"),
        (
            {
                "shifts": [
                    {
                        "starts_at": "2026-12-31T10:00:00+08:00",
                        "ends_at": "2027-01-01T08:00:00+08:00",
                        "staff": "李明",
                    }
                ]
            },
            "shifts",
            "第1",
        ),
        (
            {
                "shifts": [
                    {
                        "starts_at": "2027-01-01T08:00:00+08:00",
                        "ends_at": "2027-01-01T07:00:00+08:00",
                        "staff": "李明",
                    }
                ]
            },
            "shifts",
            "第1",
        ),
        ({"unit": "nowhere"}, "unit", "编码"),
    ],
)
def test_bad_rosters_are_400_with_chinese_field_errors(
    change, field, fragment, api_as, town_a_officer
):
    response = api_as(town_a_officer).post(URL, _payload(**change), format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors and fragment in errors[field][0], errors
    assert not DutyRoster.objects.exists()


@pytest.mark.parametrize(
    "persona,expected",
    [
        ("county_admin", {"a", "b", "traffic", "county"}),
        ("leader", {"a", "b", "traffic", "county"}),
        ("town_a_officer", {"a"}),
        ("town_b_officer", {"b"}),
        ("traffic_officer", {"traffic"}),
        ("enterprise_user", set()),
    ],
)
def test_rosters_are_scoped_by_unit(
    persona, expected, api_as, request, roster_a, roster_b, roster_traffic, roster_county
):
    rosters = {"a": roster_a, "b": roster_b, "traffic": roster_traffic, "county": roster_county}
    response = api_as(request.getfixturevalue(persona)).get(URL)
    assert response.status_code == 200
    assert {r["id"] for r in response.json()["results"]} == {rosters[k].pk for k in expected}


def test_outsider_gets_404_on_another_units_roster(
    api_as, town_b_officer, traffic_officer, roster_a
):
    for user in (town_b_officer, traffic_officer):
        client = api_as(user)
        assert client.get(f"{URL}{roster_a.pk}/").status_code == 404
        assert client.put(f"{URL}{roster_a.pk}/", _payload(), format="json").status_code == 404
        assert client.delete(f"{URL}{roster_a.pk}/").status_code == 404
    assert DutyRoster.objects.filter(pk=roster_a.pk).exists()


def test_leader_reads_but_cannot_change(api_as, leader, roster_a):
    client = api_as(leader)
    assert client.get(f"{URL}{roster_a.pk}/").status_code == 200
    assert client.delete(f"{URL}{roster_a.pk}/").status_code == 403


def test_owner_updates_roster_and_shifts_are_replaced(api_as, town_a_officer, roster_a):
    response = api_as(town_a_officer).put(f"{URL}{roster_a.pk}/", _payload(), format="json")
    assert response.status_code == 200, response.json()
    assert len(response.json()["shifts"]) == 2
    assert roster_a.shifts.count() == 2


def test_a_rosters_unit_cannot_be_moved(api_as, county_admin, roster_a, town_b):
    response = api_as(county_admin).patch(f"{URL}{roster_a.pk}/", {"unit": "town_b"}, format="json")
    assert response.status_code == 400


def test_list_filters_by_unit(api_as, county_admin, roster_a, roster_b, roster_county):
    response = api_as(county_admin).get(f"{URL}?unit=county")
    assert [r["id"] for r in response.json()["results"]] == [roster_county.pk]


def test_roster_list_queries_do_not_grow_with_rosters(
    api_as, county_admin, town_a, django_assert_max_num_queries
):
    for i in range(15):
        roster_create(
            actor=county_admin,
            unit=Unit.of_town(town_a),
            title=f"r{i}",
            starts_at=local(2027, 1, 1),
            ends_at=local(2027, 1, 2),
            shifts=[
                {
                    "starts_at": local(2027, 1, 1),
                    "ends_at": local(2027, 1, 2),
                    "staff": "李",
                    "leader": "",
                }
            ],
        )
    client = api_as(county_admin)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
