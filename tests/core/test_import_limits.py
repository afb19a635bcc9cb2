"""Import files are checked by content and bounded: size (ANJIAN_IMPORT_MAX_MB), rows, columns,
zip bombs, and a worker's memory stays under 300 MB on the largest file accepted (issue 8)."""

import os
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from anjian.core import excel, excel_checks
from anjian.registry.imports import COLUMNS
from anjian.registry.models import Enterprise
from tests.support.xlsx_files import chinese_strings, write_workbook_parts, zip_bomb

HEADERS = [c.header for c in COLUMNS]
MB = 1024 * 1024

PROBE = """
import re, sys, django
# A forked child starts with its parent's peak RSS (a long pytest run is large): reset the
# high-water mark (Linux >= 4.0) so the figure is this worker's own.
with open("/proc/self/clear_refs", "w") as refs:
    refs.write("5")
django.setup()
from anjian.core import excel
from anjian.registry.imports import COLUMNS

class Reader(excel.Importer):
    kind = "probe"
    columns = COLUMNS

    def build(self, values, row):
        return values

result = excel.run_import(Reader(actor=None), sys.argv[1], dry_run=True)
print(result.rows)
print(" | ".join(str(e) for e in result.errors[:3]))
with open("/proc/self/status") as status:
    print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1)) // 1024)
"""


def probe(path, tmp_path) -> tuple[int, str, int]:
    """Import `path` (a dry run that reads every row) in a fresh worker: rows, errors, peak MB."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_")}
    env.update(DJANGO_SETTINGS_MODULE="anjian.settings", ANJIAN_DATA_DIR=str(tmp_path / "var"))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    rows, errors, peak = done.stdout.strip().splitlines()[-3:]
    return int(rows), errors, int(peak)


def sheet(path, rows, headers=HEADERS):
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_the_limits_are_those_documented(settings):
    assert settings.IMPORT_MAX_MB == 20
    assert (excel_checks.MAX_ROWS, excel_checks.MAX_COLUMNS) == (50_000, 100)


def test_the_largest_file_accepted_keeps_the_worker_under_300_mb(tmp_path):
    import random

    headers = [h.encode() for h in HEADERS]
    # As many distinct 12-character texts as fit in 20 MB of file next to 50,000 rows.
    count = 420_000

    rng = random.Random(3)
    total = len(headers) + count
    rows = [list(range(len(headers)))] + [
        [rng.randrange(total) for _ in headers] for _ in range(excel_checks.MAX_ROWS)
    ]
    path = write_workbook_parts(
        tmp_path / "big.xlsx", strings=[*headers, *chinese_strings(count, 12)], rows=rows
    )
    path = write_workbook_parts(
        tmp_path / "big.xlsx",
        strings=[*headers, *chinese_strings(count, 12)],
        rows=rows,
        padding=max(0, 20 * MB - 64 * 1024 - path.stat().st_size),
    )
    assert 19 * MB < path.stat().st_size <= 20 * MB
    rows_read, errors, peak = probe(path, tmp_path)
    print(f"peak RSS {peak} MB")
    assert (rows_read, errors) == (excel_checks.MAX_ROWS, "")
    assert peak < 300, f"peak RSS {peak} MB"


def test_a_shared_string_flood_is_refused_before_it_fills_memory(tmp_path):
    strings = (b"%x" % n for n in range(2_700_000))
    path = write_workbook_parts(tmp_path / "flood.xlsx", strings=strings, rows=[[0]])
    assert path.stat().st_size < 20 * MB
    _rows, errors, peak = probe(path, tmp_path)
    assert errors
    assert peak < 300, f"peak RSS {peak} MB"


def test_more_shared_strings_than_the_limit_are_refused(tmp_path):
    strings = (b"%x" % n for n in range(excel_checks.MAX_SHARED_STRINGS + 1))
    path = write_workbook_parts(tmp_path / "many.xlsx", strings=strings, rows=[[0]])
    with pytest.raises(excel_checks.ImportFileError, match="600000"):
        excel_checks.check_workbook_file(str(path))


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(tmp_path):
    path = zip_bomb(tmp_path / "bomb.xlsx", megabytes=300)
    assert path.stat().st_size < 2 * MB
    with pytest.raises(excel_checks.ImportFileError):
        excel_checks.check_workbook_file(str(path))
    _rows, errors, peak = probe(path, tmp_path)
    assert errors and peak < 300


def test_a_highly_compressed_member_is_refused(tmp_path):
    path = zip_bomb(tmp_path / "ratio.xlsx", megabytes=20)  # 20 MB of blanks: ratio ~1000
    with pytest.raises(excel_checks.ImportFileError):
        excel_checks.check_workbook_file(str(path))


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_a_form_error_naming_it(login, county_admin, settings):
    settings.IMPORT_MAX_MB = 1
    upload = SimpleUploadedFile("大文件.xlsx", b"PK\x03\x04" + b"\x00" * (MB + 10))
    response = login(county_admin).post(reverse("registry:enterprise_import"), {"file": upload})
    error = response.context["form"].errors["file"][0]
    assert "大文件.xlsx" in error and "1 MB" in error


@pytest.mark.django_db
def test_more_rows_than_the_limit_are_refused(monkeypatch, tmp_path, county_admin):
    from anjian.registry.imports import EnterpriseImporter

    monkeypatch.setattr(excel, "MAX_ROWS", 3)
    path = sheet(tmp_path / "rows.xlsx", [[f"x{n}"] for n in range(4)])
    result = excel.run_import(EnterpriseImporter(actor=county_admin), path, dry_run=True)
    assert any(
        "3" in e.message and "rows" in e.message.lower() or "行" in e.message for e in result.errors
    )


@pytest.mark.django_db
def test_more_columns_than_the_limit_are_refused(tmp_path, county_admin):
    from anjian.registry.imports import EnterpriseImporter

    path = sheet(tmp_path / "wide.xlsx", [], headers=HEADERS + [f"c{n}" for n in range(100)])
    result = excel.run_import(EnterpriseImporter(actor=county_admin), path, dry_run=True)
    assert [e.row for e in result.errors] == [1]
    assert "100" in result.errors[0].message
    assert not Enterprise.objects.exists()


@pytest.mark.parametrize("raw", ["abc", "0", "-5", "1.5"])
def test_a_bad_import_size_setting_stops_start_up(tmp_path, raw):
    from tests.core.test_settings import refused, start

    message = refused(start(tmp_path, ANJIAN_IMPORT_MAX_MB=raw))
    assert "ANJIAN_IMPORT_MAX_MB" in message


def test_the_import_size_setting_is_taken(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_")}
    env.update(
        DJANGO_SETTINGS_MODULE="anjian.settings",
        ANJIAN_DATA_DIR=str(tmp_path / "v"),
        ANJIAN_IMPORT_MAX_MB="7",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf"
            " import settings; print(settings.IMPORT_MAX_MB)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.strip() == "7"
