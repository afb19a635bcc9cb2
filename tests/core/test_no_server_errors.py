"""Inputs that used to give a 500: each is now a 400, 404 or 409 fixed at its root (issue 8)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse

from anjian.core.middleware import TrustMiddleware
from anjian.hazards.models import HazardEvidence
from anjian.registry.models import Enterprise
from tests.hazards.conftest import hazard_data

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def hazard(town_a_officer, enterprise_a):
    from anjian.hazards.services import hazard_create

    return hazard_create(
        actor=town_a_officer, data=hazard_data(enterprise=enterprise_a, source="inspection")
    )


@pytest.mark.parametrize("value", ["1e20", "99999999999999999999", "-1", "1.5", "abc"])
def test_hazard_enterprise_filter_out_of_range_is_a_400(api_as, county_admin, value):
    response = api_as(county_admin).get("/api/v1/hazards/", {"enterprise": value})
    assert response.status_code == 400
    assert "enterprise" in response.json()


def test_hazard_enterprise_filter_in_range_still_filters(
    api_as, county_admin, hazard, enterprise_a
):
    response = api_as(county_admin).get("/api/v1/hazards/", {"enterprise": enterprise_a.pk})
    assert response.status_code == 200 and response.json()["count"] == 1


@pytest.mark.parametrize("period", ["9999", "9999-12", "9999-Q4", "0001", "1948"])
def test_stats_period_out_of_range_is_a_400(api_as, county_admin, period):
    response = api_as(county_admin).get("/api/v1/stats/accidents/", {"period": period})
    assert response.status_code == 400
    assert "period" in response.json()


def test_stats_page_period_out_of_range_is_not_a_500(login, county_admin):
    response = login(county_admin).get(reverse("accidents:accident_stats"), {"period": "9999"})
    assert response.status_code in (200, 400)


def test_a_key_too_large_for_the_database_is_a_404(api_as, login, county_admin):
    assert api_as(county_admin).get("/api/v1/hazards/99999999999999999999/").status_code == 404
    assert login(county_admin).get("/hazards/99999999999999999999/").status_code == 404


# --- imports ----------------------------------------------------------------------------------

IMPORT_PAGES = [
    "registry:enterprise_import",
    "hazards:hazard_import",
    "accidents:accident_import",
    "risks:point_import",
]


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


NOT_EXCEL = {
    "text named xlsx": ("台账.xlsx", "单位名称,地址\n甲厂,路\n".encode()),
    "png named xlsx": ("photo.xlsx", PNG),
    "docx named xlsx": ("report.xlsx", docx_bytes()),
    "broken zip": ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 100),
}


@pytest.mark.parametrize("page", IMPORT_PAGES)
@pytest.mark.parametrize("case", sorted(NOT_EXCEL))
def test_non_excel_file_is_a_form_error_naming_the_file(login, county_admin, page, case):
    name, content = NOT_EXCEL[case]
    response = login(county_admin).post(reverse(page), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    errors = response.context["form"].errors.get("file", [])
    assert errors and name in errors[0]


def test_command_refuses_a_non_excel_file_with_exit_1(tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "fake.xlsx"
    path.write_bytes(PNG)
    with pytest.raises(SystemExit) as exited:
        call_command("import", "enterprises", str(path))
    assert exited.value.code == 1
    assert "xlsx" in capsys.readouterr().err


# --- deletes that others depend on --------------------------------------------------------------


def test_deleting_an_enterprise_with_hazards_is_a_409_saying_what_depends(
    api_as, county_admin, hazard, enterprise_a
):
    response = api_as(county_admin).delete(f"/api/v1/enterprises/{enterprise_a.pk}/")
    assert response.status_code == 409
    assert "1" in response.json()["detail"]
    assert Enterprise.objects.filter(pk=enterprise_a.pk).exists()


def test_a_page_whose_delete_is_protected_answers_409(county_admin, town_a, enterprise_a):
    try:
        town_a.delete()
    except ProtectedError as exc:
        error = exc
    request = RequestFactory().post("/")
    request.user = county_admin
    from django.contrib.messages.storage.fallback import FallbackStorage

    request.session = {}
    request._messages = FallbackStorage(request)
    response = TrustMiddleware(lambda r: None).process_exception(request, error)
    assert response.status_code == 409
    assert "1" in response.content.decode()


# --- evidence files -----------------------------------------------------------------------------


def test_an_evidence_name_over_255_bytes_is_stored_shortened_with_its_extension(
    login, enterprise_user, hazard, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    name = "现场照片" * 30 + ".png"  # 360 bytes of UTF-8
    response = login(enterprise_user).post(
        reverse("hazards:hazard_evidence_upload", args=[hazard.pk]),
        {"evidence": SimpleUploadedFile(name, PNG)},
    )
    assert response.status_code == 302
    item = HazardEvidence.objects.get()
    stored = Path(item.file.path)
    assert stored.suffix == ".png" and len(stored.name.encode()) <= 255
    assert stored.read_bytes() == PNG


def test_an_evidence_file_does_not_stay_on_disk_when_its_step_fails(
    enterprise_user, hazard, settings, tmp_path, monkeypatch
):
    from anjian.hazards import workflow

    settings.MEDIA_ROOT = tmp_path

    def fail(**kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(workflow.audit, "record", fail)
    with pytest.raises(RuntimeError):
        workflow.hazard_evidence_add(
            actor=enterprise_user,
            hazard=hazard,
            uploads=[SimpleUploadedFile("a.png", PNG), SimpleUploadedFile("b.png", PNG)],
        )
    assert not HazardEvidence.objects.exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
