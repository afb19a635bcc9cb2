"""Excel import of certificates: all rows or none, errors by row and column, in scope; the
`anjian import certificates` command; the empty template."""

import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from anjian.certificates.imports import COLUMNS, CertificateImporter
from anjian.certificates.models import Certificate
from anjian.core import excel
from tests.certificates.conftest import days, id_number

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


def _row(code, **extra):
    row = {
        "enterprise": code,
        "holder": "李四",
        "id_number": id_number(2),
        "kind": "特种作业",
        "category": "焊接与热切割作业",
        "number": "T-0002",
        "issued_on": days(-30),
        "expires_on": None,
        "reviewed_on": None,
    }
    row.update(extra)
    return [row[c.field] for c in COLUMNS]


def test_all_rows_are_imported_with_the_default_validity(tmp_path, town_a_officer, enterprise_a):
    path = workbook(
        tmp_path / "c.xlsx",
        [
            _row(enterprise_a.credit_code),
            _row(enterprise_a.credit_code, kind="主要负责人", category="", number="A-1"),
        ],
    )
    result = excel.run_import(CertificateImporter(actor=town_a_officer), path)
    assert result.ok and result.created == 2
    welder = Certificate.objects.get(number="T-0002")
    assert (welder.expires_on - welder.issued_on).days in (2190, 2191)
    assert welder.review_on is not None


def test_one_bad_row_saves_nothing_and_names_row_and_column(
    tmp_path, town_a_officer, enterprise_a, enterprise_b
):
    path = workbook(
        tmp_path / "c.xlsx",
        [
            _row(enterprise_a.credit_code),
            _row(enterprise_a.credit_code, number="X-2", id_number="110105194912310021"),
            _row(enterprise_a.credit_code, number="X-3", expires_on=days(-60)),
            _row(enterprise_b.credit_code, number="X-4"),  # town B: outside the officer's town
            _row(enterprise_a.credit_code, number="X-5", kind="司机"),
            _row(enterprise_a.credit_code),  # the first row's number again
        ],
    )
    result = excel.run_import(CertificateImporter(actor=town_a_officer), path)
    assert not result.ok and not Certificate.objects.exists()
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (3, "身份证号"),
        (4, "有效期至"),
        (5, "企业统一社会信用代码"),
        (6, "证书类型"),
        (7, "证书编号"),
    }


def test_the_import_command_and_the_template(tmp_path, county_admin, enterprise_a, login, capsys):
    path = workbook(tmp_path / "c.xlsx", [_row(enterprise_a.credit_code)])
    call_command("import", "certificates", path)
    assert Certificate.objects.filter(number="T-0002").exists()
    response = login(county_admin).get("/certificates/import/template/")
    headers = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(headers) == HEADERS
