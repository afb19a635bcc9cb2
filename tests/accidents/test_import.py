"""`anjian import accidents`: the contract's template, loss in 万元, all rows or none."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from anjian.accidents.imports import COLUMNS, AccidentImporter
from anjian.accidents.models import Accident
from anjian.core.actors import SYSTEM
from anjian.core.excel import run_import

HEADERS = [c.header for c in COLUMNS]
GOOD = [
    [
        "国道两车相撞",
        "2024-03-05 14:30",
        "2024/3/5 15:10",
        "town_a",
        "道路交通",
        "车辆伤害",
        "",
        1,
        0,
        2,
        3,
        12.5,
        "两车相撞",
    ],
    [
        "工地坠落",
        dt.datetime(2024, 3, 8, 9, 0),
        dt.datetime(2024, 3, 8, 11, 0),
        "甲镇",
        "construction",
        "09",
        "",
        0,
        0,
        1,
        0,
        3,
        "",
    ],
]


def _xlsx(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_import_converts_wan_to_yuan_and_computes_grade(tmp_path, town_a, sectors):
    result = run_import(AccidentImporter(actor=SYSTEM), _xlsx(tmp_path / "a.xlsx", GOOD))
    assert result.ok and result.created == 2
    road = Accident.objects.get(title="国道两车相撞")
    assert road.direct_loss == Decimal("125000.00") and road.accident_type == "02"
    fall = Accident.objects.get(title="工地坠落")
    assert fall.report_late is True and fall.accident_type == "09"


@pytest.mark.parametrize(
    "column,value,header",
    [
        (7, -1, "死亡人数"),
        (3, "无名镇", "所属镇"),
        (4, "不存在", "行业领域"),
        (5, "坠落", "事故类别"),
        (2, "2024-03-05 14:00", "报告时间"),
        (6, "没有这家公司", "单位名称"),
        (1, "昨天", "发生时间"),
    ],
)
def test_one_bad_row_saves_nothing(tmp_path, town_a, sectors, column, value, header):
    bad = list(GOOD[1])
    bad[column] = value
    result = run_import(AccidentImporter(actor=SYSTEM), _xlsx(tmp_path / "b.xlsx", [GOOD[0], bad]))
    assert not result.ok
    assert (result.errors[0].row, result.errors[0].column) == (3, header)
    assert Accident.objects.count() == 0


def test_command_exits_1_on_errors(tmp_path, town_a, sectors):
    path = _xlsx(tmp_path / "c.xlsx", [[*GOOD[0][:7], -2, *GOOD[0][8:]]])
    with pytest.raises(SystemExit) as exited:
        call_command("import", "accidents", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert exited.value.code == 1 and Accident.objects.count() == 0


def test_export_round_trips_through_import(tmp_path, town_a, sectors):
    run_import(AccidentImporter(actor=SYSTEM), _xlsx(tmp_path / "a.xlsx", GOOD))
    out = tmp_path / "ledger.xlsx"
    call_command("export", "accidents", "-o", str(out), stdout=io.StringIO())
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS and len(rows) == 3
    assert rows[1][11] == 12.5 and rows[1][5] == "车辆伤害"
    Accident.objects.all().delete()
    result = run_import(AccidentImporter(actor=SYSTEM), out)
    assert result.ok and Accident.objects.get(title="国道两车相撞").direct_loss == Decimal("125000")
