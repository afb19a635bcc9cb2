"""Excel import of plans: all rows or none, errors by row and column, in the importer's scope."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from anjian.core import excel
from anjian.emergency.imports import COLUMNS, PlanImporter
from anjian.emergency.models import EmergencyPlan

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in COLUMNS]


def workbook(path, rows) -> str:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def test_all_rows_are_imported_when_all_are_good(tmp_path, county_admin, town_a, enterprise_a):
    path = workbook(
        tmp_path / "plans.xlsx",
        [
            [
                "town_a",
                None,
                "综合应急预案",
                "甲镇总体预案",
                dt.date(2025, 9, 26),
                dt.date(2025, 10, 31),
                "备2025-01",
                None,
            ],
            [
                None,
                enterprise_a.credit_code,
                "onsite",
                "储罐现场处置方案",
                "2025-03-03",
                None,
                None,
                None,
            ],
        ],
    )
    result = excel.run_import(PlanImporter(actor=county_admin), path)
    assert result.ok and result.created == 2
    town_plan = EmergencyPlan.objects.get(title="甲镇总体预案")
    assert town_plan.town == town_a and town_plan.filing_late_on(dt.date(2026, 1, 1))
    assert EmergencyPlan.objects.get(title="储罐现场处置方案").enterprise == enterprise_a


def test_one_bad_row_saves_nothing_and_is_named_by_row_and_column(
    tmp_path, town_a_officer, enterprise_b
):
    path = workbook(
        tmp_path / "plans.xlsx",
        [
            [None, None, "综合应急预案", "甲镇总体预案", "2025-09-26", None, None, None],
            [None, None, "总体预案", "甲镇专项预案", "2025-09-26", None, None, None],
            [None, None, "专项应急预案", "甲镇防汛预案", "2025-09-26", "2025-09-01", None, None],
            [
                None,
                enterprise_b.credit_code,
                "专项应急预案",
                "乙镇企业预案",
                "2025-09-26",
                None,
                None,
                None,
            ],
        ],
    )
    result = excel.run_import(PlanImporter(actor=town_a_officer), path)
    assert not result.ok and EmergencyPlan.objects.count() == 0
    found = {(e.row, e.column) for e in result.errors}
    assert found == {(3, "预案类型"), (4, "备案日期"), (5, "企业统一社会信用代码")}


def test_the_import_page_and_its_template(login, county_admin, town_a, tmp_path):
    client = login(county_admin)
    response = client.get(reverse("emergency:plan_template"))
    book = load_workbook(__import__("io").BytesIO(response.content))
    assert [c.value for c in book.active[1]] == HEADERS
    path = workbook(
        tmp_path / "plans.xlsx",
        [["county", None, "综合应急预案", "县总体预案", "2024-01-05", None, None, None]],
    )
    with open(path, "rb") as handle:
        upload = SimpleUploadedFile("plans.xlsx", handle.read())
    response = client.post(reverse("emergency:plan_import"), {"file": upload})
    assert response.status_code == 302
    assert EmergencyPlan.objects.get().unit_kind == "county"


def test_the_leader_cannot_import(login, leader):
    assert login(leader).get(reverse("emergency:plan_import")).status_code == 403


def test_the_import_command_knows_emergency_plans(tmp_path, town_a, capsys):
    from django.core.management import call_command

    path = workbook(
        tmp_path / "plans.xlsx",
        [["town_a", None, "专项应急预案", "甲镇防汛预案", "2025-05-06", None, None, None]],
    )
    call_command("import", "emergency-plans", path)
    assert EmergencyPlan.objects.get().title == "甲镇防汛预案"
