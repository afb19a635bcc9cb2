"""汛前检查 (domain-rules §12; GB 39496-2020 §6.4.2): the year's flood routing and checklist per
pond, the county's flood-season start as a changeable rule, and the sweep that makes a pond
without routing at the start a hazard, once."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anjian.core import clock
from anjian.core.models import AuditEntry
from anjian.core.rules import rule_setting_change
from anjian.hazards.models import Hazard
from anjian.mines import rules, services, sweep
from anjian.mines.models import FloodCheck

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SEASON = {"start": "04-01", "end": "09-30"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("today", "routed_on", "missing"),
    [
        (dt.date(2025, 3, 31), None, False),  # the day before the season: not yet
        (dt.date(2025, 4, 1), None, True),  # the start day itself: due
        (dt.date(2025, 4, 2), None, True),
        (dt.date(2025, 4, 1), dt.date(2025, 3, 20), False),
        (dt.date(2025, 12, 31), None, True),
    ],
)
def test_routing_is_missing_from_the_season_start(today, routed_on, missing):
    start = rules.flood_season_start(today.year, SEASON)
    assert rules.flood_routing_missing(today=today, start=start, routed_on=routed_on) is missing


@pytest.mark.parametrize(
    ("year", "start", "expected"),
    [
        (2025, "04-01", dt.date(2025, 4, 1)),
        (2025, "05-15", dt.date(2025, 5, 15)),
        (2025, "02-29", dt.date(2025, 3, 1)),  # common year
        (2024, "02-29", dt.date(2024, 2, 29)),
    ],
)
def test_the_season_start_comes_from_the_rule(year, start, expected):
    assert rules.flood_season_start(year, {"start": start, "end": "09-30"}) == expected


def test_the_open_checklist_items_in_order():
    assert rules.flood_check_open_items({"drainage_clear": True}) == [
        "freeboard_beach_ok",
        "materials_ready",
        "monitoring_working",
    ]
    assert rules.flood_check_open_items(dict.fromkeys(rules.CHECKLIST, True)) == []


def test_a_pond_without_routing_at_the_start_becomes_a_hazard_once(county_admin, make_pond):
    pond = make_pond()
    done = make_pond(name="已演算尾矿库")
    services.flood_check_save(
        actor=county_admin,
        pond=done,
        year=2025,
        data={"routed_on": dt.date(2025, 3, 20), "routed_by": "某设计院"},
    )
    now = clock.now()  # 2025-06-18, in the season
    assert sweep.run(now=now) == {"flood_routing_hazards": 1}
    assert sweep.run(now=now) == {"flood_routing_hazards": 0}  # idempotent
    check = FloodCheck.objects.get(pond=pond, year=2025)
    hazard = Hazard.objects.get(pk=check.hazard_id)
    assert hazard.grade == "general" and hazard.deadline > clock.today()
    assert "调洪演算" in hazard.description
    assert not FloodCheck.objects.get(pond=done).hazard_id
    # Recording the routing afterwards keeps the hazard (closed through the hazard loop).
    services.flood_check_save(
        actor=county_admin,
        pond=pond,
        year=2025,
        data={"routed_on": clock.today(), "routed_by": "某设计院"},
    )
    assert sweep.run(now=now) == {"flood_routing_hazards": 0}
    assert Hazard.objects.count() == 1


def test_before_the_season_nothing_is_raised(make_pond):
    make_pond()
    assert sweep.run(now=clock.now().replace(month=3, day=31)) == {"flood_routing_hazards": 0}
    assert not Hazard.objects.exists()


def test_the_county_admin_moves_the_season_start(county_admin, make_pond):
    make_pond()
    rule_setting_change(
        actor=county_admin,
        key="mines.flood_season",
        value={"start": "07-01", "end": "09-30"},
        effective_from=dt.date(2025, 1, 1),
        note="县防汛指挥部通知",
    )
    assert sweep.run(now=clock.now()) == {"flood_routing_hazards": 0}  # 06-18 < 07-01
    assert sweep.run(now=clock.now().replace(month=7, day=1)) == {"flood_routing_hazards": 1}


@pytest.fixture
def pond(county_admin, make_pond):
    return make_pond()


def _form(**extra):
    return {
        "routed_on": "2025-03-25",
        "routed_by": "广西某矿山设计院",
        "control_water_level": "312.50",
        "beach_length": "120",
        "freeboard": "1.8",
        "drainage_clear": "on",
        "freeboard_beach_ok": "on",
        "materials_ready": "on",
        "monitoring_working": "on",
        **extra,
    }


def test_an_officer_records_the_check_with_its_report_and_the_page_shows_it(
    login, town_a_officer, pond
):
    client = login(town_a_officer)
    url = reverse("mines:flood_check", args=[pond.pk, 2025])
    response = client.post(url, _form(upload=SimpleUploadedFile("调洪演算报告.pdf", PDF)))
    assert response.status_code == 302, response.context["form"].errors
    check = FloodCheck.objects.get(pond=pond, year=2025)
    assert check.report_name == "调洪演算报告.pdf" and check.drainage_clear
    assert AuditEntry.objects.filter(action="floodcheck.create", object_id=str(check.pk)).exists()
    html = client.get(pond.get_absolute_url()).content.decode()
    assert 'data-missing="no"' in html and "广西某矿山设计院" in html
    report = client.get(check.report_url)
    assert report.status_code == 200 and b"".join(report.streaming_content) == PDF
    # A second save completes the same year's record, audited as a change.
    client.post(url, _form(materials_ready=""))
    check.refresh_from_db()
    assert not check.materials_ready and FloodCheck.objects.count() == 1
    assert AuditEntry.objects.filter(action="floodcheck.update", object_id=str(check.pk)).exists()


def test_the_detail_page_says_when_the_routing_is_missing(login, county_admin, pond):
    sweep.run(now=clock.now())
    html = login(county_admin).get(pond.get_absolute_url()).content.decode()
    assert 'data-missing="yes"' in html and 'id="flood-hazard"' in html
    assert "汛前检查" in html


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("routed_on", "2025-02-30"),
        ("routed_on", "2025-06-19"),  # tomorrow
        ("routed_by", "设计院\x00"),
        ("freeboard", "1e400"),
        ("control_water_level", "99999999"),
        ("beach_length", "-1"),
    ],
)
def test_hostile_form_input_is_refused_at_the_field(login, county_admin, pond, field, value):
    response = login(county_admin).post(
        reverse("mines:flood_check", args=[pond.pk, 2025]), _form(**{field: value})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not FloodCheck.objects.exists()


def test_a_report_whose_content_is_not_its_type_is_refused(login, county_admin, pond):
    response = login(county_admin).post(
        reverse("mines:flood_check", args=[pond.pk, 2025]),
        _form(upload=SimpleUploadedFile("报告.pdf", b"<script>alert(1)</script>")),
    )
    assert response.status_code == 200
    assert (
        "upload" in response.context["form"].errors or response.context["form"].non_field_errors()
    )
    assert not FloodCheck.objects.exists()


def test_another_towns_pond_and_report_are_404(login, town_b_officer, county_admin, pond):
    check = services.flood_check_save(
        actor=county_admin,
        pond=pond,
        year=2025,
        data={"routed_on": dt.date(2025, 3, 1), "routed_by": "设计院"},
        upload=SimpleUploadedFile("r.pdf", PDF),
    )
    client = login(town_b_officer)
    assert client.get(reverse("mines:flood_check", args=[pond.pk, 2025])).status_code == 404
    assert client.get(check.report_url).status_code == 404


def test_a_year_far_away_is_404(login, county_admin, pond):
    assert (
        login(county_admin).get(reverse("mines:flood_check", args=[pond.pk, 1990])).status_code
        == 404
    )


def test_the_api_records_and_lists_the_check(api_as, county_admin, town_b_officer, pond):
    api = api_as(county_admin)
    body = {"pond": pond.pk, "year": 2025, "routed_on": "2025-03-10", "routed_by": "设计院"}
    created = api.post("/api/v1/flood-checks/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["open_items"] == list(rules.CHECKLIST)
    listed = api.get(f"/api/v1/flood-checks/?pond={pond.pk}&year=2025").json()
    assert [row["id"] for row in listed["results"]] == [created.json()["id"]]
    outsider = api_as(town_b_officer).get(f"/api/v1/flood-checks/{created.json()['id']}/")
    assert outsider.status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("routed_on", "2025-13-01"),
        ("routed_on", "2099-01-01"),
        ("routed_by", "x\x07"),
        ("freeboard", "NaN"),
        ("year", 10**9),
        ("pond", 10**20),
    ],
)
def test_hostile_api_input_is_a_400_naming_the_field(api_as, county_admin, pond, field, value):
    body = {"pond": pond.pk, "year": 2025, "routed_on": "2025-03-10", "routed_by": "设计院"}
    response = api_as(county_admin).post(
        "/api/v1/flood-checks/", {**body, field: value}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not FloodCheck.objects.exists()
