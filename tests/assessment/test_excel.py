"""Excel: the assignments export in the template's columns and import all rows or none, with
errors by row and column, through the shared import page and `anjian import`."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from anjian.assessment import services
from anjian.assessment.imports import COLUMNS
from anjian.assessment.models import Responsibility
from anjian.core.models import AuditEntry

HEADERS = [c.header for c in COLUMNS]


def workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("r.xlsx", content, content_type="application/vnd.ms-excel")


def test_export_has_the_template_columns_and_the_rows(login, county_admin, sectors, town_a):
    services.responsibility_create(
        actor=county_admin,
        data={
            "person": "李明华",
            "title": "副县长",
            "year": 2026,
            "sectors": [sectors["road_traffic"], sectors["fire"]],
            "towns": [town_a],
        },
    )
    response = login(county_admin).get("/assessment/responsibilities/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert list(rows[0]) == HEADERS
    assert list(rows[1]) == [2026, "李明华", "副县长", "道路交通、消防（人员密集场所）", "甲镇"]
    assert AuditEntry.objects.filter(action="export.responsibilities").exists()


def test_enterprise_user_may_not_export(login, enterprise_user):
    assert login(enterprise_user).get("/assessment/responsibilities/export.xlsx").status_code == 403


def test_import_page_saves_every_row(login, county_admin, sectors, town_a, town_b):
    content = workbook(
        [
            [2026, "李明华", "副县长", "道路交通、fire", "甲镇"],
            [2026, "张卫东", "副县长", "工贸", "town_b"],
        ]
    )
    response = login(county_admin).post(
        "/assessment/responsibilities/import/", {"file": upload(content)}
    )
    assert response.status_code == 302
    assert Responsibility.objects.count() == 2
    first = Responsibility.objects.get(person="李明华")
    assert sorted(first.sectors.values_list("code", flat=True)) == ["fire", "road_traffic"]


def test_import_with_one_bad_row_saves_nothing_and_names_row_and_column(
    login, county_admin, sectors, town_a
):
    content = workbook(
        [
            [2026, "李明华", "副县长", "道路交通", "甲镇"],
            [2026, "张卫东", "副县长", "捕鱼业", "甲镇"],
            ["", "王五", "副县长", "", "火星镇"],
        ]
    )
    response = login(county_admin).post(
        "/assessment/responsibilities/import/", {"file": upload(content)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert Responsibility.objects.count() == 0
    assert "分管行业领域" in page and "包联镇" in page and "年度" in page
    assert "捕鱼业" in page and "火星镇" in page


def test_import_page_refuses_other_roles(login, leader, town_a_officer):
    assert login(leader).get("/assessment/responsibilities/import/").status_code == 403
    assert login(town_a_officer).get("/assessment/responsibilities/import/").status_code == 403


def test_cli_import_and_export_round_trip(tmp_path, county_admin, sectors, town_a):
    source = tmp_path / "in.xlsx"
    source.write_bytes(workbook([[2026, "李明华", "副县长", "道路交通", "甲镇"]]))
    call_command("import", "responsibilities", str(source))
    assert Responsibility.objects.get().person == "李明华"
    out = tmp_path / "out.xlsx"
    call_command("export", "responsibilities", "-o", str(out))
    rows = list(load_workbook(out).active.values)
    assert list(rows[1]) == [2026, "李明华", "副县长", "道路交通", "甲镇"]


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1"])
def test_export_never_writes_a_formula(login, county_admin, cell, db):
    services.responsibility_create(
        actor=county_admin, data={"person": cell, "title": "副县长", "year": 2026}
    )
    response = login(county_admin).get("/assessment/responsibilities/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 2).data_type == "s"
