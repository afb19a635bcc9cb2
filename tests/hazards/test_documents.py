"""Word documents and Excel files, opened with python-docx / openpyxl (and LibreOffice if present)."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from anjian.core import clock
from anjian.hazards.imports import import_hazards_upload
from anjian.hazards.models import Hazard, HazardCriterion
from anjian.hazards.workflow import hazard_transition

PLAN = {"plan_objectives": "消除泄漏风险", "plan_methods": "更换阀门",
        "plan_funds_materials": "资金二十万元", "plan_organisation": "设备部",
        "plan_time_limit": "三十日内", "plan_safety_measures": "设置警戒区"}


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _libreoffice_converts(content: bytes, suffix: str, tmp_path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return  # python-docx/openpyxl checks above are the required part
    source = tmp_path / f"doc{suffix}"
    source.write_bytes(content)
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=120)
    assert (tmp_path / "doc.pdf").stat().st_size > 0


def test_rectification_order_holds_the_record(login, town_a_officer, enterprise_a, make_hazard,
                                              leader, town_b_officer, tmp_path):
    hazard = make_hazard(town_a_officer, enterprise=enterprise_a, description="储罐区报警器失效",
                         measures="更换报警器", responsible_person="王责任", funds=12000)
    response = login(town_a_officer).get(f"/hazards/{hazard.pk}/order.docx")
    assert response.status_code == 200
    text = _text(response.content)
    for expected in ("责令限期整改指令书", "甲镇化工有限公司", "储罐区报警器失效", "王责任", "更换报警器",
                     "12,000.00", "甲镇人民政府", f"{hazard.deadline.year}年{hazard.deadline.month}月"
                     f"{hazard.deadline.day}日", "第六十五条"):
        assert expected in text, expected
    _libreoffice_converts(response.content, ".docx", tmp_path)
    assert login(leader).get(f"/hazards/{hazard.pk}/order.docx").status_code == 200
    assert login(town_b_officer).get(f"/hazards/{hazard.pk}/order.docx").status_code == 404


def test_supervision_notice_holds_plan_and_criterion(login, town_a_officer, enterprise_a,
                                                     make_hazard, enterprise_user, tmp_path):
    criterion = HazardCriterion.objects.get(code="chem-15")
    hazard = make_hazard(town_a_officer, enterprise=enterprise_a, criterion=criterion,
                         description="安全阀未投用", **PLAN)
    response = login(enterprise_user).get(f"/hazards/{hazard.pk}/supervision.docx")
    assert response.status_code == 200
    text = _text(response.content)
    for expected in ("挂牌督办通知书", hazard.supervision.number, "安全阀未投用", criterion.text,
                     "更换阀门", "设置警戒区", "甲镇化工有限公司"):
        assert expected in text, expected
    _libreoffice_converts(response.content, ".docx", tmp_path)


def test_general_hazard_has_no_supervision_notice(login, town_a_officer, gov_hazard):
    assert login(town_a_officer).get(f"/hazards/{gov_hazard.pk}/supervision.docx").status_code \
        == 404


def test_ledger_export_is_scoped_and_holds_the_records(login, gov_hazard, enterprise_b,
                                                       county_admin, town_a_officer, make_hazard):
    other = make_hazard(county_admin, enterprise=enterprise_b, description="乙镇的隐患")
    sheet = load_workbook(io.BytesIO(login(town_a_officer).get(
        "/hazards/export.xlsx").content)).active
    rows = list(sheet.values)
    assert rows[0][:11] == ("单位名称", "统一社会信用代码", "所属镇", "行业领域", "隐患地点", "隐患描述",
                            "隐患等级", "发现日期", "发现人", "隐患来源", "整改期限")
    assert [r[5] for r in rows[1:]] == ["消防通道堵塞"]
    assert rows[1][0] == "甲镇化工有限公司" and rows[1][6] == "一般" and rows[1][9] == "政府检查"
    all_rows = list(load_workbook(io.BytesIO(login(county_admin).get(
        "/hazards/export.xlsx").content)).active.values)
    assert {r[5] for r in all_rows[1:]} == {"消防通道堵塞", other.description}


def test_quarterly_statistics(login, town_a_officer, enterprise_a, enterprise_user, make_hazard,
                              town_b_officer):
    today = clock.today()
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    found = [make_hazard(town_a_officer, enterprise=enterprise_a, description=f"季度{i}",
                         grade="major" if i == 0 else "general", **(PLAN if i == 0 else {}))
             for i in range(3)]
    for action in ("acknowledge", "submit"):
        hazard_transition(actor=enterprise_user, hazard=found[1], action=action)
    hazard_transition(actor=town_a_officer, hazard=found[1], action="accept")
    Hazard.objects.filter(pk=found[2].pk).update(found_on=quarter_start,
                                                 deadline=quarter_start)
    label = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    response = login(town_a_officer).get(f"/hazards/quarterly.xlsx?quarter={label}")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][4:] == ("本季度排查隐患", "已整改", "整改率（%）", "逾期未整改", "重大隐患")
    expected_overdue = 1 if quarter_start < today else 0
    assert rows[1][0] == "甲镇化工有限公司"
    assert rows[1][4:] == (3, 1, 33.3, expected_overdue, 1)
    empty = list(load_workbook(io.BytesIO(login(town_b_officer).get(
        f"/hazards/quarterly.xlsx?quarter={label}").content)).active.values)
    assert len(empty) == 1


HEADERS = ["单位名称", "统一社会信用代码", "所属镇", "行业领域", "隐患地点", "隐患描述", "隐患等级",
           "发现日期", "发现人", "隐患来源", "整改期限"]


def _workbook(rows) -> io.BytesIO:
    from django.core.files.uploadedfile import SimpleUploadedFile

    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("hazards.xlsx", buffer.getvalue())


def test_import_is_all_or_nothing_with_row_errors(county_admin, enterprise_a, town_a):
    good = ["甲镇化工有限公司", enterprise_a.credit_code, "", "", "", "动火作业无票", "一般",
            "2024-03-05", "张三", "政府检查", "2024/3/20"]
    public = ["", "", "甲镇", "消防（人员密集场所）", "甲镇集市", "疏散通道堵塞", "重大", "2024-03-06",
              "李四", "群众举报", "2024-04-06"]
    bad = ["某公司", "91450000000000099X", "", "", "", "无", "特大", "2024-03-05", "王五",
           "随便", "2024-03-01"]
    result = import_hazards_upload(actor=county_admin, upload=_workbook([good, public, bad]),
                                   dry_run=False)
    assert not result.ok and not Hazard.objects.exists()
    assert {(e.row, e.column) for e in result.errors} >= {(4, "统一社会信用代码"), (4, "隐患等级"),
                                                          (4, "隐患来源")}
    result = import_hazards_upload(actor=county_admin, upload=_workbook([good, public]),
                                   dry_run=False)
    assert result.ok and result.created == 2
    imported = Hazard.objects.get(location="甲镇集市")
    assert imported.grade == "major" and imported.supervised and imported.source == "public_report"
    assert Hazard.objects.get(enterprise=enterprise_a).deadline == dt.date(2024, 3, 20)


def test_import_outside_scope_is_a_row_error(town_b_officer, enterprise_a):
    row = ["甲镇化工有限公司", enterprise_a.credit_code, "", "", "", "动火作业无票", "一般",
           "2024-03-05", "张三", "政府检查", "2024-03-20"]
    result = import_hazards_upload(actor=town_b_officer, upload=_workbook([row]), dry_run=False)
    assert [(e.row, e.column) for e in result.errors] == [(2, "统一社会信用代码")]


@pytest.mark.parametrize("view", ["/hazards/export.xlsx", "/hazards/template.xlsx"])
def test_leader_may_download_excel(login, leader, view):
    assert login(leader).get(view).status_code == 200


def test_command_line_export_then_import_round_trip(county_admin, gov_hazard, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "hazards.xlsx"
    call_command("export", "hazards", "-o", str(path))
    Hazard.objects.all().delete()
    call_command("import", "hazards", str(path), "--dry-run")
    assert not Hazard.objects.exists()
    call_command("import", "hazards", str(path))
    copy = Hazard.objects.get()
    assert (copy.description, copy.enterprise_id, copy.deadline) == (
        gov_hazard.description, gov_hazard.enterprise_id, gov_hazard.deadline)
