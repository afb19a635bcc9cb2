"""`anjian import risk-points` and the export: real .xlsx files, all rows or none."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from anjian.core import excel
from anjian.core.models import AuditEntry
from anjian.risks.imports import COLUMNS, RiskPointImporter
from anjian.risks.models import RiskPoint

HEADERS = [c.header for c in COLUMNS]


def _row(**values) -> list:
    return [values.get(h) for h in HEADERS]


def _write(path, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _good_rows(enterprise_a, enterprise_b):
    return [
        _row(
            **{
                "统一社会信用代码": enterprise_a.credit_code,
                "风险点名称": "储罐区",
                "事故类型": "火灾、17",
                "评价方法": "LEC",
                "L": 6,
                "E": 6,
                "C": 15,
                "管控措施": "液位报警",
                "下次评估日期": "2025-03-01",
            }
        ),
        _row(
            **{
                "单位名称": enterprise_b.name,
                "风险点名称": "粉尘涉爆区域",
                "事故类型": "其他爆炸",
                "评价方法": "LS",
                "L": 3,
                "S": 4,
                "管控层级": "公司级",
            }
        ),
        _row(
            **{
                "所属镇": "甲镇",
                "行业领域": "waterway",
                "风险点名称": "河道游泳区",
                "位置": "大桥下",
                "经度": 108.3,
                "纬度": 22.8,
                "事故类型": "06",
                "评价方法": "ls",
                "L": 4,
                "S": 5,
            }
        ),
        _row(
            **{
                "统一社会信用代码": enterprise_a.credit_code,
                "风险点名称": "叉车作业",
                "事故类型": "车辆伤害",
                "L": 0.5,
                "E": 6,
                "C": 15,
            }
        ),
    ]


def test_import_creates_every_row_graded_and_audited(
    tmp_path, enterprise_a, enterprise_b, town_a, county_admin
):
    path = _write(tmp_path / "points.xlsx", _good_rows(enterprise_a, enterprise_b))
    result = excel.run_import(RiskPointImporter(actor=county_admin), path)
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == 4
    levels = dict(RiskPoint.objects.values_list("name", "level"))
    assert levels == {
        "储罐区": "major",
        "粉尘涉爆区域": "general",
        "河道游泳区": "major",
        "叉车作业": "low",
    }
    tank = RiskPoint.objects.get(name="储罐区")
    assert tank.accident_types == ["08", "17"] and str(tank.review_on) == "2025-03-01"
    assert RiskPoint.objects.get(name="粉尘涉爆区域").control_level == "enterprise"
    assert RiskPoint.objects.get(name="河道游泳区").enterprise is None
    assert (
        AuditEntry.objects.filter(
            model="riskpoint", action="riskpoint.create", via="import"
        ).count()
        == 4
    )


def test_one_bad_row_saves_nothing_and_names_row_and_column(
    tmp_path, enterprise_a, enterprise_b, town_a, county_admin
):
    rows = _good_rows(enterprise_a, enterprise_b)
    rows.append(
        _row(
            **{
                "统一社会信用代码": enterprise_a.credit_code,
                "风险点名称": "坏行",
                "事故类型": "坠落",
                "L": 4,
                "E": 6,
                "C": 15,
            }
        )
    )
    rows.append(
        _row(
            **{
                "所属镇": "甲镇",
                "行业领域": "waterway",
                "风险点名称": "无坐标",
                "事故类型": "06",
                "评价方法": "LS",
                "L": 2,
                "S": 2,
            }
        )
    )
    path = _write(tmp_path / "points.xlsx", rows)
    result = excel.run_import(RiskPointImporter(actor=county_admin), path)
    assert not result.ok and result.created == 0
    cells = {(e.row, e.column) for e in result.errors}
    assert {(6, "事故类型"), (6, "L"), (7, "经度"), (7, "纬度"), (7, "位置")} <= cells
    assert not RiskPoint.objects.exists()


def test_import_refuses_units_outside_the_scope(
    tmp_path, enterprise_a, enterprise_b, town_a, town_b_officer
):
    path = _write(tmp_path / "points.xlsx", _good_rows(enterprise_a, enterprise_b))
    result = excel.run_import(RiskPointImporter(actor=town_b_officer), path)
    assert not result.ok
    assert {e.row for e in result.errors} == {2, 4, 5}
    assert not RiskPoint.objects.exists()


def test_command_exits_1_on_errors_and_imports_when_clean(
    tmp_path, enterprise_a, enterprise_b, town_a
):
    bad = _write(tmp_path / "bad.xlsx", [_row(**{"风险点名称": "x", "L": 3})])
    with pytest.raises(SystemExit) as exc:
        call_command("import", "risk-points", str(bad))
    assert exc.value.code == 1
    good = _write(tmp_path / "good.xlsx", _good_rows(enterprise_a, enterprise_b))
    call_command("import", "risk-points", str(good), "--dry-run")
    assert not RiskPoint.objects.exists()
    call_command("import", "risk-points", str(good))
    assert RiskPoint.objects.count() == 4


def test_export_has_the_template_columns_and_round_trips(tmp_path, points, county_admin):
    out = tmp_path / "export.xlsx"
    call_command("export", "risk-points", "-o", str(out))
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS and len(rows) == 5
    tank = next(r for r in rows if r[4] == "甲化工储罐区")
    assert tank[8] == "火灾、容器爆炸" and tank[9:13] == ("LEC", 6, 6, 15)
    RiskPoint.objects.all().delete()
    result = excel.run_import(RiskPointImporter(actor=county_admin), out)
    assert result.ok, [str(e) for e in result.errors]
    assert RiskPoint.objects.count() == 4


def test_web_import_shows_row_errors(tmp_path, enterprise_a, login, town_a_officer):
    path = _write(
        tmp_path / "p.xlsx",
        [
            _row(
                **{
                    "统一社会信用代码": enterprise_a.credit_code,
                    "风险点名称": "x",
                    "事故类型": "火灾",
                    "L": 7,
                    "E": 6,
                    "C": 15,
                }
            )
        ],
    )
    with open(path, "rb") as handle:
        response = login(town_a_officer).post(reverse("risks:point_import"), {"file": handle})
    html = response.content.decode()
    assert 'id="import-errors"' in html and "请从表中取值" in html
    assert not RiskPoint.objects.exists()


def test_web_export_is_scoped(points, login, enterprise_user):
    response = login(enterprise_user).get(reverse("risks:point_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[4] for r in rows[1:]] == ["甲化工储罐区"]
