"""The pages: responsibilities, the department–sector matrix, gaps, accountability."""

import datetime as dt

import pytest

from anjian.accounts.models import Department
from anjian.assessment import services
from anjian.assessment.models import AccountabilityRecord, Responsibility, SectorDuty


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


@pytest.mark.parametrize(
    "path",
    [
        "/assessment/responsibilities/",
        "/assessment/sectors/",
        "/assessment/gaps/",
        "/assessment/accountability/",
    ],
)
@pytest.mark.parametrize(
    "persona,status",
    [
        ("county_admin", 200),
        ("leader", 200),
        ("town_a_officer", 200),
        ("traffic_officer", 200),
        ("enterprise_user", 403),
    ],
)
def test_read_pages_persona(path, persona, status, request, login, sectors):
    assert login(request.getfixturevalue(persona)).get(path).status_code == status


@pytest.mark.parametrize(
    "path",
    [
        "/assessment/responsibilities/new/",
        "/assessment/sectors/{fire}/edit/",
        "/assessment/accountability/new/",
    ],
)
@pytest.mark.parametrize(
    "persona,status",
    [("county_admin", 200), ("leader", 403), ("town_a_officer", 403), ("enterprise_user", 403)],
)
def test_write_pages_persona(path, persona, status, request, login, sectors):
    path = path.format(fire=sectors["fire"].pk)
    assert login(request.getfixturevalue(persona)).get(path).status_code == status


def test_county_admin_records_an_assignment_on_the_page(login, county_admin, sectors, town_a):
    response = login(county_admin).post(
        "/assessment/responsibilities/new/",
        {
            "year": 2026,
            "person": "李明华",
            "title": "副县长",
            "sectors": [sectors["road_traffic"].pk],
            "towns": [town_a.pk],
        },
    )
    assert response.status_code == 302
    assert list(Responsibility.objects.get().towns.all()) == [town_a]


def test_town_b_officer_does_not_see_town_a_assignment(login, town_b_officer, assignment):
    assert (
        "李明华" not in login(town_b_officer).get("/assessment/responsibilities/").content.decode()
    )


def test_edit_page_of_an_unknown_assignment_is_404(login, county_admin, db):
    assert login(county_admin).get("/assessment/responsibilities/999/edit/").status_code == 404


def test_sector_matrix_sets_lead_and_cooperating_and_keeps_v1_sectors(
    login, county_admin, sectors, traffic_dept, emergency_dept, api_as
):
    response = login(county_admin).post(
        f"/assessment/sectors/{sectors['fire'].pk}/edit/",
        {"lead": traffic_dept.pk, "cooperating": [emergency_dept.pk]},
    )
    assert response.status_code == 302
    assert SectorDuty.objects.get(sector=sectors["fire"], part="lead").department == traffic_dept
    # The v1 departments/ API shows the sector under both departments.
    rows = {
        d["code"]: d["sectors"]
        for d in api_as(county_admin).get("/api/v1/departments/").json()["results"]
    }
    assert "fire" in rows["transport"] and "fire" in rows["emergency"]
    page = login(county_admin).get("/assessment/sectors/").content.decode()
    assert traffic_dept.name in page


def test_sector_matrix_removal_takes_the_sector_from_the_department(
    county_admin, sectors, traffic_dept
):
    services.sector_duty_set(
        actor=county_admin, sector=sectors["road_traffic"], lead=None, cooperating=[]
    )
    assert sectors["road_traffic"] not in Department.objects.get(pk=traffic_dept.pk).sectors.all()


def test_unknown_sector_edit_page_is_404(login, county_admin, sectors):
    assert login(county_admin).get("/assessment/sectors/999999/edit/").status_code == 404


def test_gap_page_links_to_the_fix(login, county_admin, enterprise_a_road):
    page = login(county_admin).get("/assessment/gaps/").content.decode()
    assert enterprise_a_road.name in page
    assert f"/inspections/new/?enterprise={enterprise_a_road.pk}" in page
    assert "/assessment/responsibilities/new/" in page


def test_county_admin_records_accountability_on_the_page(login, county_admin, town_a):
    response = login(county_admin).post(
        "/assessment/accountability/new/",
        {
            "unit": f"town:{town_a.pk}",
            "kind": "interview",
            "reason": "事故迟报",
            "date": "2026-03-01",
            "decided_by": "县安委会",
        },
    )
    assert response.status_code == 302
    assert AccountabilityRecord.objects.get().town == town_a


def test_accountability_form_names_the_accident_outside_scope(login, county_admin, town_a):
    response = login(county_admin).post(
        "/assessment/accountability/new/",
        {
            "unit": f"town:{town_a.pk}",
            "kind": "interview",
            "reason": "x",
            "date": "2026-03-01",
            "decided_by": "x",
            "accident": 999999,
        },
    )
    assert response.status_code == 200
    assert AccountabilityRecord.objects.count() == 0
    assert "is-invalid" in response.content.decode()


def test_accountability_list_per_year(login, county_admin, town_a):
    from anjian.accounts.units import Unit

    for day in (dt.date(2025, 4, 1), dt.date(2026, 4, 1)):
        services.accountability_create(
            actor=county_admin,
            unit=Unit.of_town(town_a),
            data={
                "kind": "circular",
                "reason": f"通报{day.year}",
                "date": day,
                "decided_by": "县政府",
            },
        )
    page = login(county_admin).get("/assessment/accountability/?year=2025").content.decode()
    assert "通报2025" in page and "通报2026" not in page
