"""The certificate pages: an enterprise records its own, an officer names the unit by its
credit code, a bad identity number lands on its field, the leader only reads."""

import pytest

from anjian.certificates.models import Certificate
from tests.certificates.conftest import days, id_number

pytestmark = pytest.mark.django_db


def _form(**extra):
    data = {
        "holder": "周九",
        "id_number": id_number(3),
        "kind": "special_operation",
        "category": "高处作业",
        "number": "G-1",
        "issued_on": days(-10).isoformat(),
        "expires_on": "",
        "reviewed_on": "",
    }
    data.update(extra)
    return data


def test_an_enterprise_records_its_own_certificate_on_the_page(
    login, enterprise_user, enterprise_a
):
    client = login(enterprise_user)
    assert "enterprise" not in client.get("/certificates/new/").context["form"].fields
    response = client.post("/certificates/new/", _form())
    certificate = Certificate.objects.get()
    assert response.status_code == 302 and response["Location"] == certificate.get_absolute_url()
    assert certificate.enterprise == enterprise_a and certificate.review_on is not None


def test_an_officer_names_the_unit_and_a_bad_number_lands_on_its_field(
    login, town_a_officer, enterprise_a
):
    client = login(town_a_officer)
    response = client.post(
        "/certificates/new/",
        _form(enterprise=enterprise_a.credit_code, id_number="110105194912310021"),
    )
    assert response.status_code == 200
    assert "id_number" in response.context["form"].errors
    assert not Certificate.objects.exists()
    client.post("/certificates/new/", _form(enterprise=enterprise_a.credit_code))
    assert Certificate.objects.get().created_by == town_a_officer


def test_the_leader_reads_but_cannot_record(login, leader, certificate):
    client = login(leader)
    assert client.get("/certificates/").status_code == 200
    assert client.get(certificate.get_absolute_url()).status_code == 200
    assert client.get("/certificates/new/").status_code == 403
    assert client.get(f"/certificates/{certificate.pk}/edit/").status_code == 403
