"""Fire-danger import (all rows or none) and the forest-fire pages: the day's levels, the 禁火
banner, patrol gaps, the phone patrol form and the offline map."""

import datetime as dt

import pytest
from openpyxl import Workbook

from anjian.core import clock, excel
from anjian.core.actors import SYSTEM
from anjian.forestfire import services
from anjian.forestfire.imports import COLUMNS, FireDangerImporter
from anjian.forestfire.models import FireDanger, Patrol

pytestmark = pytest.mark.django_db


def workbook(path, rows) -> str:
    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in COLUMNS])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def test_levels_are_imported_when_every_row_is_good(tmp_path, county_admin):
    today = clock.today()
    path = workbook(tmp_path / "d.xlsx", [[today, "town_a", 4], [today, "乙镇", 2]])
    result = excel.run_import(FireDangerImporter(actor=county_admin), path)
    assert result.ok and result.created == 2
    assert FireDanger.objects.get(town__code="town_a").alert is not None  # level 4: notice


@pytest.mark.parametrize(
    ("bad_row", "column"),
    [
        (["2025-06-18", "town_a", 6], "森林火险等级"),
        (["2025-06-18", "无此镇", 3], "乡镇"),
        (["not a date", "town_a", 3], "日期"),
        (["2030-01-01", "town_a", 3], "日期"),
        (["2025-06-18", "town_b", 3], "日期"),  # the same town and day twice
    ],
)
def test_one_bad_row_saves_nothing_and_names_row_and_column(
    tmp_path, county_admin, bad_row, column
):
    path = workbook(tmp_path / "d.xlsx", [["2025-06-18", "town_b", 3], bad_row])
    result = excel.run_import(FireDangerImporter(actor=county_admin), path)
    assert not result.ok
    assert any(e.row == 3 and e.column == column for e in result.errors), result.errors
    assert not FireDanger.objects.exists()


def test_a_town_officer_cannot_import_another_towns_level(tmp_path, town_a_officer):
    path = workbook(tmp_path / "d.xlsx", [["2025-06-18", "town_b", 3]])
    result = excel.run_import(FireDangerImporter(actor=town_a_officer), path)
    assert not result.ok and not FireDanger.objects.exists()


def test_the_fire_ban_banner_shows_to_the_town_and_the_county_only(
    login, town_a, town_a_officer, town_b_officer, county_admin
):
    services.danger_set(actor=SYSTEM, town=town_a, date=clock.today(), level=5)
    assert "fire-ban-banner" in login(town_a_officer).get("/forestfire/").content.decode()
    assert "fire-ban-banner" in login(county_admin).get("/todo/").content.decode()
    assert "fire-ban-banner" not in login(town_b_officer).get("/forestfire/").content.decode()


def test_the_home_page_shows_todays_gap_and_the_area_page_the_days(login, town_a_officer, area_a):
    page = login(town_a_officer).get("/forestfire/").content.decode()
    assert "gap-count" in page and "青山岭重点监测区" in page
    detail = login(town_a_officer).get(area_a.get_absolute_url()).content.decode()
    assert 'data-gap="1"' in detail and "黄护林" in detail


def test_a_patrol_logged_on_the_phone_form_clears_the_gap(login, town_a_officer, area_a):
    client = login(town_a_officer)
    form = client.get(f"/forestfire/patrols/new/?area={area_a.pk}").content.decode()
    assert "forestfire/patrol.js" in form
    answer = client.post(
        "/forestfire/patrols/new/",
        {
            "area": area_a.pk,
            "ranger": "黄护林",
            "at": clock.now().strftime("%Y-%m-%dT%H:%M"),
            "points": "108.31,22.82; 108.312,22.821",
            "findings": "",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    patrol = Patrol.objects.get()
    assert patrol.points == [[108.31, 22.82], [108.312, 22.821]]
    assert 'data-gap="0"' in client.get(area_a.get_absolute_url()).content.decode()


def test_typed_points_out_of_range_stay_on_the_form(login, town_a_officer, area_a):
    answer = login(town_a_officer).post(
        "/forestfire/patrols/new/",
        {"area": area_a.pk, "ranger": "黄护林",
         "at": clock.now().strftime("%Y-%m-%dT%H:%M"), "points": "208.31,22.82"},
    )  # fmt: skip
    assert answer.status_code == 200 and not Patrol.objects.exists()
    assert "is-invalid" in answer.content.decode()


def test_the_map_draws_areas_and_fires_without_tiles(login, county_admin, area_a, fire_a):
    page = login(county_admin).get("/forestfire/map/").content.decode()
    assert page.count('class="marker area-marker"') == 1
    assert page.count('class="marker fire-marker"') == 1
    assert "http" not in page.split('id="forest-map"')[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_the_county_approves_a_field_fire_on_the_page(login, county_admin, town_a):
    today = clock.today()
    tz = clock.now().tzinfo
    permit = services.permit_create(
        actor=county_admin,
        data={
            "applicant": "村民丙", "purpose": "烧田埂", "town": town_a,
            "starts_at": dt.datetime.combine(today, dt.time(8), tzinfo=tz),
            "ends_at": dt.datetime.combine(today, dt.time(9), tzinfo=tz), "measures": "隔离带",
        },
    )  # fmt: skip
    client = login(county_admin)
    client.post(f"/forestfire/permits/{permit.pk}/decide/", {"decision": "approve"})
    permit.refresh_from_db()
    assert permit.status == "approved"
