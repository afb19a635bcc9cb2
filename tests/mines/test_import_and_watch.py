"""The Excel import of readings (all rows or none) and the watch-list's pond entries."""

import datetime as dt

import pytest
from openpyxl import Workbook

from anjian.core import clock
from anjian.core.excel import run_import
from anjian.inspections.models import Inspection
from anjian.mines.imports import COLUMNS, ReadingImporter
from anjian.mines.models import PondReading
from anjian.mines.watch import watch_entries

pytestmark = pytest.mark.django_db


def _workbook(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in COLUMNS])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_an_import_stores_every_row_with_its_alarm(tmp_path, county_admin, make_pond, make_point):
    pond = make_pond()
    make_point(pond, "JR1")
    make_point(pond, "WY1", item="displacement", blue=10, yellow=20, orange=30, red=40)
    path = _workbook(
        tmp_path / "r.xlsx",
        [
            [pond.pk, "JR1", "浸润线埋深", 7.5, "m", "2025-06-17 08:00"],
            [pond.pk, "WY1", "displacement", 35, "mm", "2025/6/17 08:00"],
        ],
    )
    result = run_import(ReadingImporter(actor=county_admin), path)
    assert result.ok, [str(e) for e in result.errors]
    assert dict(PondReading.objects.values_list("point__code", "alarm")) == {
        "JR1": "blue",
        "WY1": "orange",
    }


def test_one_bad_row_stores_nothing_and_names_row_and_column(
    tmp_path, county_admin, make_pond, make_point
):
    pond = make_pond()
    make_point(pond, "JR1")
    future = (dt.datetime.now() + dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    path = _workbook(
        tmp_path / "r.xlsx",
        [
            [pond.pk, "JR1", "浸润线埋深", 7.5, "m", "2025-06-17 08:00"],
            [pond.pk, "JR1", "浸润线埋深", 7.5, "m", future],
            [pond.pk, "JR1", "浸润线埋深", 7.5, "mm", "2025-06-17 09:00"],
            [pond.pk, "XX", "浸润线埋深", 7.5, "m", "2025-06-17 10:00"],
        ],
    )
    result = run_import(ReadingImporter(actor=county_admin), path)
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "监测时间"),
        (4, "单位"),
        (5, "监测点编号"),
    ]
    assert PondReading.objects.count() == 0


def test_another_towns_pond_cannot_be_imported_into(
    tmp_path, town_b_officer, make_pond, make_point
):
    pond = make_pond()
    make_point(pond, "JR1")
    path = _workbook(tmp_path / "r.xlsx", [[pond.pk, "JR1", "浸润线埋深", 7, "m", "2025-06-17"]])
    result = run_import(ReadingImporter(actor=town_b_officer), path)
    assert not result.ok and PondReading.objects.count() == 0


def test_head_top_and_dangerous_ponds_are_on_the_watch_list(
    county_admin, town_b_officer, make_pond, enterprise_a, town_a_officer, checklist_for_watch
):
    make_pond(name="头顶库", downstream_within_1km=40)
    make_pond(
        name="二号库",
        downstream_within_1km=5,
        safety_degree="risky",
        assessed_on=dt.date(2025, 3, 1),
    )
    make_pond(name="正常库")
    entries = watch_entries(actor=county_admin)
    assert sorted(e["reason"] for e in entries) == ["dangerous_pond", "overhead_pond"]
    for entry in entries:
        assert set(entry) == {
            "enterprise",
            "reason",
            "since",
            "last_inspection",
            "inspection_due",
            "overdue",
        }
        assert entry["enterprise"] == enterprise_a
        assert entry["last_inspection"] is None and entry["overdue"] is True
    assert {e["since"] for e in entries if e["reason"] == "dangerous_pond"} == {dt.date(2025, 3, 1)}
    assert watch_entries(actor=town_b_officer) == []


def test_an_inspection_within_the_flood_season_week_keeps_the_pond_off_overdue(
    county_admin, make_pond, enterprise_a, checklist_for_watch
):
    make_pond(downstream_within_1km=40)
    Inspection.objects.create(
        enterprise=enterprise_a,
        town=enterprise_a.town,
        sector=enterprise_a.sector,
        checklist=checklist_for_watch,
        inspected_on=clock.today() - dt.timedelta(days=6),
        inspectors="张三",
    )
    (entry,) = watch_entries(actor=county_admin)
    # 18 June lies in the flood season (04-01 to 09-30): weekly.
    assert entry["inspection_due"] == clock.today() + dt.timedelta(days=1)
    assert entry["overdue"] is False
    (late,) = watch_entries(actor=county_admin, today=clock.today() + dt.timedelta(days=2))
    assert late["overdue"] is True


@pytest.fixture
def checklist_for_watch(sectors):
    from anjian.inspections.models import Checklist

    return Checklist.objects.create(name="尾矿库检查表", sector=sectors["non_coal_mine"])


def test_the_watch_list_api_shows_the_head_top_pond_beside_the_fireworks_plants(
    county_admin, make_pond, enterprise_a, api_as
):
    make_pond(downstream_within_1km=40)
    rows = api_as(county_admin).get("/api/v1/watch-list/?reason=overhead_pond").json()
    assert [(r["enterprise"], r["enterprise_name"], r["reason"]) for r in rows] == [
        (enterprise_a.pk, enterprise_a.name, "overhead_pond")
    ]
