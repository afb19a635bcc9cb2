"""Data stays private: no-store caching for logged-in answers and downloads, a Permissions-Policy,
a 0700 data directory with a 0600 database and uploads, and error messages that neither name nor
confirm a record outside the caller's scope (issue 8)."""

import datetime as dt
import os
import stat
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from anjian.core import clock
from anjian.hazards.imports import COLUMNS as HAZARD_COLUMNS
from tests.core.test_no_server_errors import PNG
from tests.hazards.conftest import hazard_data

pytestmark = pytest.mark.django_db


def test_pages_for_a_logged_in_user_are_not_stored(login, county_admin):
    response = login(county_admin).get(reverse("hazards:hazard_list"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_api_answers_are_not_stored(api_as, county_admin):
    response = api_as(county_admin).get("/api/v1/hazards/")
    assert "no-store" in response["Cache-Control"]


def test_downloads_are_not_stored(login, county_admin):
    response = login(county_admin).get(reverse("registry:enterprise_export"))
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]


def test_every_answer_carries_a_permissions_policy(client, login, county_admin):
    anonymous = client.get(reverse("login"))
    assert "camera=(self)" in anonymous["Permissions-Policy"]
    assert "microphone=()" in anonymous["Permissions-Policy"]
    assert "geolocation=(self)" in login(county_admin).get("/todo/")["Permissions-Policy"]


def test_data_directory_is_0700_and_database_0600(tmp_path):
    data = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_")}
    env.update(ANJIAN_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="anjian.settings")
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.db import connection; "
            "connection.cursor().execute('create table t (x int)')",
        ],
        env=env,
        check=True,
        timeout=120,
    )
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in ("anjian.sqlite3", "secret_key"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
    for extra in data.glob("anjian.sqlite3-*"):  # WAL and shared memory follow the database
        assert stat.S_IMODE(extra.stat().st_mode) & 0o077 == 0, extra


def test_an_existing_data_directory_is_narrowed_to_0700(tmp_path):
    from anjian.datadir import private_data_dir, private_file

    data = tmp_path / "open"
    data.mkdir(mode=0o755)
    (data / "db").write_text("")
    (data / "db").chmod(0o644)
    private_data_dir(data)
    private_file(data / "db")
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "db").stat().st_mode) == 0o600


def test_uploaded_evidence_is_0600(
    login, enterprise_user, town_a_officer, enterprise_a, settings, tmp_path
):
    from anjian.hazards.models import HazardEvidence
    from anjian.hazards.services import hazard_create

    settings.MEDIA_ROOT = tmp_path / "media"
    hazard = hazard_create(
        actor=town_a_officer, data=hazard_data(enterprise=enterprise_a, source="inspection")
    )
    login(enterprise_user).post(
        reverse("hazards:hazard_evidence_upload", args=[hazard.pk]),
        {"evidence": SimpleUploadedFile("a.png", PNG)},
    )
    path = HazardEvidence.objects.get().file.path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700


# --- scope hints --------------------------------------------------------------------------------


def test_hazard_import_does_not_name_a_unit_outside_scope(
    login, town_a_officer, enterprise_b, tmp_path
):
    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in HAZARD_COLUMNS])
    values = {c.header: "" for c in HAZARD_COLUMNS}
    values.update({"统一社会信用代码": enterprise_b.credit_code, "单位名称": "猜一个名字"})
    sheet.append([values[c.header] for c in HAZARD_COLUMNS])
    book.save(tmp_path / "h.xlsx")
    with (tmp_path / "h.xlsx").open("rb") as handle:
        response = login(town_a_officer).post(reverse("hazards:hazard_import"), {"file": handle})
    errors = " ".join(str(e) for e in response.context["result"].errors)
    assert enterprise_b.name not in errors
    assert enterprise_b.credit_code in errors  # the code the user typed, nothing more


def test_department_officer_cannot_attach_a_unit_outside_its_sectors(
    api_as, traffic_officer, enterprise_a, sectors
):
    moment = clock.now() - dt.timedelta(hours=2)
    response = api_as(traffic_officer).post(
        "/api/v1/accidents/",
        {
            "title": "追尾",
            "occurred_at": moment.isoformat(),
            "reported_at": moment.isoformat(),
            "town": "town_a",
            "sector": "road_traffic",
            "accident_type": "车辆伤害",
            "enterprise": enterprise_a.pk,
            "deaths": 0,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "enterprise" in response.json()
    assert enterprise_a.name not in str(response.json())


def test_department_officer_may_attach_a_unit_in_its_sectors(
    api_as, traffic_officer, enterprise_a_road
):
    moment = clock.now() - dt.timedelta(hours=2)
    response = api_as(traffic_officer).post(
        "/api/v1/accidents/",
        {
            "title": "追尾",
            "occurred_at": moment.isoformat(),
            "reported_at": moment.isoformat(),
            "town": "town_a",
            "sector": "road_traffic",
            "accident_type": "车辆伤害",
            "enterprise": enterprise_a_road.pk,
            "deaths": 0,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize(
    ("page", "status"),
    [
        ("registry:enterprise_import", 403),
        ("accidents:accident_import", 403),
        ("hazards:hazard_import", 200),
        ("risks:point_import", 200),
    ],
)
def test_enterprise_users_reach_only_the_imports_of_their_own_records(
    login, enterprise_user, page, status
):
    assert login(enterprise_user).get(reverse(page)).status_code == status


def test_enterprise_user_cannot_import_hazards_of_another_unit(
    login, enterprise_user, enterprise_b, tmp_path
):
    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in HAZARD_COLUMNS])
    values = {c.header: "" for c in HAZARD_COLUMNS}
    values.update({"统一社会信用代码": enterprise_b.credit_code})
    sheet.append([values[c.header] for c in HAZARD_COLUMNS])
    book.save(tmp_path / "h.xlsx")
    with (tmp_path / "h.xlsx").open("rb") as handle:
        response = login(enterprise_user).post(reverse("hazards:hazard_import"), {"file": handle})
    assert not response.context["result"].ok
    assert enterprise_b.name not in " ".join(str(e) for e in response.context["result"].errors)
