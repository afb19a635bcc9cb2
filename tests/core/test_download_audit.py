"""Every export and download is audited (export.<kind>): who took which file, how many rows."""

from django.core.management import call_command
from django.urls import reverse

from anjian.core import audit_chain
from anjian.core.models import AuditEntry


def test_an_enterprise_export_from_the_web_is_audited(
    login, county_admin, enterprise_a, enterprise_b
):
    response = login(county_admin).get(reverse("registry:enterprise_export"))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="export.enterprises")
    assert entry.username == county_admin.username and entry.via == "web"
    assert entry.changes["file"] == [None, "enterprises.xlsx"]
    assert entry.changes["rows"] == [None, 2]
    assert audit_chain.verify().ok


def test_the_template_download_is_audited_too(login, town_a_officer):
    login(town_a_officer).get(reverse("registry:enterprise_template"))
    assert AuditEntry.objects.filter(
        action="export.enterprise_template", username=town_a_officer.username
    ).exists()


def test_the_bulletin_download_is_audited_with_its_period(login, county_admin, sectors):
    response = login(county_admin).get(
        reverse("accidents:bulletin_download"), {"period": "2024-03", "format": "md"}
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="export.bulletin")
    assert entry.changes["file"] == [None, "bulletin-2024-03.md"]
    assert "period=2024-03" in entry.changes["query"][1]


def test_the_export_command_is_audited(tmp_path, enterprise_a, county_admin):
    call_command(
        "export", "enterprises", "-o", str(tmp_path / "e.xlsx"), "--user", county_admin.username
    )
    entry = AuditEntry.objects.get(action="export.enterprises")
    assert entry.via == "cli" and entry.username == county_admin.username
    assert entry.changes["rows"] == [None, 1]
