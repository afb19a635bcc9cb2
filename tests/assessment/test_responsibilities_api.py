"""responsibilities/: county admin writes, government roles read in scope, enterprises 403."""

import pytest

from anjian.assessment import services
from anjian.assessment.models import Responsibility


@pytest.fixture
def assignment(county_admin, sectors, town_a):
    return services.responsibility_create(
        actor=county_admin,
        data={
            "person": "李明华",
            "title": "副县长",
            "year": 2026,
            "sectors": [sectors["road_traffic"]],
            "towns": [town_a],
        },
    )


@pytest.fixture
def assignment_b(county_admin, sectors, town_b):
    return services.responsibility_create(
        actor=county_admin,
        data={
            "person": "张卫东",
            "title": "副县长",
            "year": 2026,
            "sectors": [sectors["industry_trade"]],
            "towns": [town_b],
        },
    )


def test_county_admin_records_an_assignment(api_as, county_admin, sectors, town_a):
    response = api_as(county_admin).post(
        "/api/v1/responsibilities/",
        {
            "person": "李明华",
            "title": "副县长",
            "year": 2026,
            "sectors": ["road_traffic", "waterway"],
            "towns": ["town_a"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert sorted(body["sectors"]) == ["road_traffic", "waterway"]
    assert body["towns"] == ["town_a"]
    assert Responsibility.objects.get().person == "李明华"


def test_unknown_sector_code_is_a_400_naming_sectors(api_as, county_admin, sectors, town_a):
    response = api_as(county_admin).post(
        "/api/v1/responsibilities/",
        {
            "person": "李明华",
            "title": "副县长",
            "year": 2026,
            "sectors": ["no_such_sector"],
            "towns": ["town_a"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "sectors" in response.json()


def test_unknown_town_is_a_400_naming_towns(api_as, county_admin, sectors, town_a):
    response = api_as(county_admin).post(
        "/api/v1/responsibilities/",
        {"person": "李明华", "title": "副县长", "year": 2026, "towns": ["atlantis"]},
        format="json",
    )
    assert response.status_code == 400
    assert "towns" in response.json()


def test_a_town_outside_the_actors_jurisdiction_is_refused_naming_towns(town_a_officer, town_b):
    from django.core.exceptions import ValidationError

    # The service checks every town against the actor's unit (a town officer covers one).
    with pytest.raises(ValidationError) as exc:
        services._check_places(actor=town_a_officer, towns=[town_b], sectors=[])
    assert "towns" in exc.value.message_dict


def test_a_year_out_of_range_is_a_400_naming_year(api_as, county_admin, sectors):
    response = api_as(county_admin).post(
        "/api/v1/responsibilities/",
        {"person": "李明华", "title": "副县长", "year": 1066},
        format="json",
    )
    assert response.status_code == 400
    assert "year" in response.json()


@pytest.mark.parametrize("persona", ["town_a_officer", "traffic_officer", "leader"])
def test_government_roles_may_not_write(persona, request, api_as, sectors):
    user = request.getfixturevalue(persona)
    response = api_as(user).post(
        "/api/v1/responsibilities/", {"person": "x", "title": "y", "year": 2026}, format="json"
    )
    assert response.status_code == 403


def test_enterprise_user_gets_403(api_as, enterprise_user, assignment):
    api = api_as(enterprise_user)
    assert api.get("/api/v1/responsibilities/").status_code == 403
    assert api.get(f"/api/v1/responsibilities/{assignment.pk}/").status_code == 403


@pytest.mark.parametrize(
    "persona,sees",
    [
        ("county_admin", {"李明华", "张卫东"}),
        ("leader", {"李明华", "张卫东"}),
        ("town_a_officer", {"李明华"}),
        ("traffic_officer", {"李明华"}),
        ("town_b_officer", {"张卫东"}),
    ],
)
def test_each_role_reads_the_assignments_in_its_scope(
    persona, sees, request, api_as, assignment, assignment_b
):
    rows = api_as(request.getfixturevalue(persona)).get("/api/v1/responsibilities/").json()
    assert {r["person"] for r in rows["results"]} == sees


def test_town_b_officer_gets_404_for_town_a_assignment(api_as, town_b_officer, assignment):
    assert (
        api_as(town_b_officer).get(f"/api/v1/responsibilities/{assignment.pk}/").status_code == 404
    )


def test_update_replaces_sectors_and_is_audited(api_as, county_admin, assignment):
    from anjian.core.models import AuditEntry

    response = api_as(county_admin).patch(
        f"/api/v1/responsibilities/{assignment.pk}/", {"sectors": ["fire"]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["sectors"] == ["fire"]
    entry = AuditEntry.objects.filter(action="responsibility.assign").order_by("pk").last()
    assert entry.changes["sectors"] == [["road_traffic"], ["fire"]]


def test_filter_by_year_and_town(api_as, county_admin, assignment, assignment_b):
    api = api_as(county_admin)
    assert api.get("/api/v1/responsibilities/?year=2025").json()["count"] == 0
    rows = api.get("/api/v1/responsibilities/?town=town_b").json()["results"]
    assert [r["person"] for r in rows] == ["张卫东"]


def test_the_list_takes_the_same_queries_for_more_rows(api_as, county_admin, sectors, town_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = api_as(county_admin)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/responsibilities/").status_code == 200
        return len(queries)

    services.responsibility_create(
        actor=county_admin,
        data={
            "person": "甲",
            "title": "副县长",
            "year": 2026,
            "sectors": [sectors["fire"]],
            "towns": [town_a],
        },
    )
    one = count()
    for i in range(10):
        services.responsibility_create(
            actor=county_admin,
            data={
                "person": f"乙{i}",
                "title": "副县长",
                "year": 2026,
                "sectors": [sectors["road_traffic"], sectors["gas"]],
                "towns": [town_a],
            },
        )
    assert count() == one
