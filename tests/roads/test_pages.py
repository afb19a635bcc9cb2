"""The dangerous-road-section pages (危险路段, domain-rules §17): the register with the tracking
hazard's status and deadline, a section's page with its joint acceptance, registration and
corrections through the services (the hazard follows)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from anjian.accounts.models import Department
from anjian.core import clock
from anjian.core.models import AuditEntry
from anjian.hazards import workflow
from anjian.hazards.models import Hazard
from anjian.roads import services
from anjian.roads.models import RoadSection

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(sectors):
    dept = Department.objects.create(code="police", name="县公安局交警大队")
    dept.sectors.set([sectors["road_traffic"]])
    return dept


def _section(actor, town, owner, police, road="X123", days=30, **extra):
    return services.section_create(
        actor=actor,
        data={
            "town": town,
            "road": road,
            "from_km": 3,
            "to_km": 4.5,
            "kind": "water_cliff",
            "owner": owner,
            "police": police,
            **extra,
        },
        deadline=clock.today() + dt.timedelta(days=days),
    )


@pytest.fixture
def section(county_admin, town_a, traffic_dept, police):
    return _section(county_admin, town_a, traffic_dept, police)


def _table(response) -> str:
    return response.content.decode().split('id="section-table"')[1]


def test_the_list_shows_town_road_chainage_owner_status_and_deadline(
    login, county_admin, town_a, town_b, traffic_dept, police
):
    _section(county_admin, town_a, traffic_dept, police, road="X123")
    with clock.frozen(clock.today() - dt.timedelta(days=10)):
        _section(county_admin, town_b, police, traffic_dept, road="G323", days=1)
    table = _table(login(county_admin).get(reverse("roads:section_list")))
    assert "X123" in table and "K3–K4.5<" in table and "临水临崖" in table
    assert traffic_dept.name in table and "待整改" in table
    assert "G323" in table and "逾期" in table


def test_the_list_filters_by_town_owner_and_status(
    login, county_admin, town_a, town_b, traffic_dept, police
):
    _section(county_admin, town_a, traffic_dept, police, road="X123")
    other = _section(county_admin, town_b, police, traffic_dept, road="G323")
    workflow.hazard_acknowledge(actor=county_admin, hazard=other.hazard)
    client = login(county_admin)
    url = reverse("roads:section_list")
    by_town = _table(client.get(url + f"?town={town_b.code}"))
    assert "G323" in by_town and "X123" not in by_town
    by_owner = _table(client.get(url + f"?owner={traffic_dept.code}"))
    assert "X123" in by_owner and "G323" not in by_owner
    by_status = _table(client.get(url + "?status=rectifying"))
    assert "G323" in by_status and "X123" not in by_status
    api = client.get("/api/v1/road-sections/?status=rectifying").json()
    assert [row["road"] for row in api["results"]] == ["G323"]  # page and API: same rows


def test_the_list_reads_a_page_in_a_fixed_number_of_queries(
    login, county_admin, town_a, traffic_dept, police, django_assert_max_num_queries
):
    for n in range(35):
        _section(county_admin, town_a, traffic_dept, police, road=f"X{n:03}")
    client = login(county_admin)
    # 14: the page, plus the accident clusters (the rule and one read of the fatal accidents).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("roads:section_list"))
    assert _table(response).count("<tr>") == 31  # the header and one page of 30


def test_an_officer_registers_a_section_and_its_hazard_tracks_it(
    login, county_admin, town_a, traffic_dept, police
):
    response = login(county_admin).post(
        reverse("roads:section_create"),
        {
            "town": town_a.pk,
            "road": "S210",
            "from_km": "12.4",
            "to_km": "13",
            "kind": "sharp_bend",
            "owner": traffic_dept.pk,
            "police": police.pk,
            "deadline": str(clock.today() + dt.timedelta(days=20)),
        },
    )
    section = RoadSection.objects.get()
    assert response.status_code == 302 and response["Location"] == section.get_absolute_url()
    assert section.hazard.location == "S210 K12.4–K13"
    assert section.hazard.owner_department == traffic_dept
    assert AuditEntry.objects.filter(action="roadsection.create", object_id=str(section.pk))


def test_a_correction_moves_the_hazards_location_and_is_audited(login, county_admin, section):
    response = login(county_admin).post(
        reverse("roads:section_edit", args=[section.pk]),
        {
            "road": "X123",
            "from_km": "3.2",
            "to_km": "4.8",
            "kind": "long_descent",
            "police": section.police_id,
        },
    )
    assert response.status_code == 302
    section.refresh_from_db()
    section.hazard.refresh_from_db()
    assert (section.kind, section.hazard.location) == ("long_descent", "X123 K3.2–K4.8")
    assert AuditEntry.objects.filter(action="roadsection.update", object_id=str(section.pk))


def test_a_closed_section_is_not_changed(login, county_admin, section):
    Hazard.objects.filter(pk=section.hazard_id).update(status="closed")
    client = login(county_admin)
    page = client.get(reverse("roads:section_detail", args=[section.pk])).content.decode()
    assert reverse("roads:section_edit", args=[section.pk]) not in page
    response = client.post(
        reverse("roads:section_edit", args=[section.pk]),
        {
            "road": "Y1",
            "from_km": "1",
            "to_km": "2",
            "kind": "crossing",
            "police": section.police_id,
        },
    )
    assert response.status_code == 200 and "alert-danger" in response.content.decode()
    section.refresh_from_db()
    assert section.road == "X123"


def test_both_departments_sign_on_the_page_and_the_hazard_closes(
    login, county_admin, section, traffic_officer, police
):
    from tests.conftest import _user

    hazard = section.hazard
    Hazard.objects.filter(pk=hazard.pk).update(
        responsible_person="李工", measures="加设护栏", funds=5000, contingency_plan="限速"
    )
    workflow.hazard_acknowledge(actor=county_admin, hazard=hazard)
    workflow.hazard_submit(actor=county_admin, hazard=hazard)
    url = reverse("roads:section_detail", args=[section.pk])
    client = login(traffic_officer)
    assert 'id="sign-off-form"' in client.get(url).content.decode()
    client.post(reverse("roads:section_sign_off", args=[section.pk]), {"comment": "护栏已装"})
    police_officer = _user("police_p", "department_officer", department=police)
    client = login(police_officer)
    client.post(reverse("roads:section_sign_off", args=[section.pk]), {"comment": ""})
    hazard.refresh_from_db()
    assert hazard.status == "closed"
    text = client.get(url).content.decode()
    assert "护栏已装" in text and 'id="sign-off-form"' not in text


@pytest.mark.parametrize(
    "field,value,label",
    [
        ("road", "X1\x07", "道路"),
        ("from_km", "1e30", "起点"),
        ("to_km", "99999999", "止点"),
        ("deadline", "9999-12-31", "整改期限"),
    ],
)
def test_hostile_input_is_a_form_error_naming_the_field_in_chinese(
    login, county_admin, town_a, traffic_dept, police, field, value, label
):
    data = {
        "town": town_a.pk,
        "road": "S210",
        "from_km": "1",
        "to_km": "2",
        "kind": "sharp_bend",
        "owner": traffic_dept.pk,
        "police": police.pk,
        "deadline": str(clock.today() + dt.timedelta(days=20)),
        field: value,
    }
    response = login(county_admin).post(reverse("roads:section_create"), data)
    assert response.status_code == 200
    text = response.content.decode()
    widget = re.search(rf'<input[^>]*name="{field}"[^>]*>', text).group(0)
    feedback = re.search(r'class="invalid-feedback[^"]*"[^>]*>([^<]+)<', text).group(1)
    assert "is-invalid" in widget and label in text
    assert re.search(r"[\u4e00-\u9fff]", feedback), feedback
    assert not RoadSection.objects.exists()


def test_another_towns_section_is_not_found(login, town_b_officer, section):
    client = login(town_b_officer)
    assert client.get(reverse("roads:section_detail", args=[section.pk])).status_code == 404
    assert client.get(reverse("roads:section_edit", args=[section.pk])).status_code == 404
    assert "X123" not in _table(client.get(reverse("roads:section_list")))


def test_the_api_refuses_an_unknown_status_and_the_page_ignores_it(login, county_admin, section):
    client = login(county_admin)
    assert client.get("/api/v1/road-sections/?status=%3Cscript%3E").status_code == 400
    page = client.get(reverse("roads:section_list") + "?status=%3Cscript%3E&town=%00&owner=x")
    assert page.status_code == 200 and "<script>" not in _table(page)


@pytest.mark.parametrize(
    "a,b,shown",
    [
        ("3.000", "4.500", "K3–K4.5"),
        ("10.000", "12.400", "K10–K12.4"),
        ("0.000", "0.001", "K0–K0.001"),
    ],
)
def test_the_chainage_reads_without_trailing_zeros(a, b, shown):
    from decimal import Decimal

    assert RoadSection(from_km=Decimal(a), to_km=Decimal(b)).chainage == shown
