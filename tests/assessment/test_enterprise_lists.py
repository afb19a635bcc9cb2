"""The enterprises' own lists: 全员安全生产责任制 and the 五到位 with evidence files. The
enterprise keeps its own; its town and department read them; others get 404."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.assessment import services
from anjian.assessment.models import FiveInPlace, FiveInPlaceEvidence, SafetyPosition

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def position(enterprise_user, enterprise_a):
    return services.safety_position_create(
        actor=enterprise_user,
        enterprise=enterprise_a,
        data={
            "position": "主要负责人",
            "holder": "王五",
            "duties": "全面负责本单位安全生产工作",
            "signed": True,
            "signed_on": dt.date(2026, 1, 5),
        },
    )


def test_enterprise_user_adds_a_position_through_the_api(api_as, enterprise_user, enterprise_a):
    response = api_as(enterprise_user).post(
        "/api/v1/safety-positions/",
        {
            "enterprise": enterprise_a.pk,
            "position": "安全管理员",
            "duties": "日常检查",
            "signed": False,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert SafetyPosition.objects.get().position == "安全管理员"


def test_signed_without_a_day_is_a_400_naming_signed_on(api_as, enterprise_user, enterprise_a):
    response = api_as(enterprise_user).post(
        "/api/v1/safety-positions/",
        {
            "enterprise": enterprise_a.pk,
            "position": "安全管理员",
            "duties": "日常检查",
            "signed": True,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "signed_on" in response.json()


def test_another_units_positions_are_refused_naming_enterprise(
    api_as, enterprise_user, enterprise_b
):
    response = api_as(enterprise_user).post(
        "/api/v1/safety-positions/",
        {"enterprise": enterprise_b.pk, "position": "x", "duties": "y"},
        format="json",
    )
    assert response.status_code == 400
    assert "enterprise" in response.json()


@pytest.mark.parametrize(
    "persona,status",
    [
        ("county_admin", 200),
        ("leader", 200),
        ("town_a_officer", 200),
        ("enterprise_user", 200),
        ("town_b_officer", 404),
    ],
)
def test_reading_a_position(persona, status, request, api_as, position):
    api = api_as(request.getfixturevalue(persona))
    assert api.get(f"/api/v1/safety-positions/{position.pk}/").status_code == status


def test_town_officer_reads_but_may_not_change(api_as, town_a_officer, position):
    response = api_as(town_a_officer).patch(
        f"/api/v1/safety-positions/{position.pk}/", {"holder": "赵六"}, format="json"
    )
    assert response.status_code == 403


def test_leader_may_not_write(api_as, leader, position):
    response = api_as(leader).patch(
        f"/api/v1/safety-positions/{position.pk}/", {"holder": "赵六"}, format="json"
    )
    assert response.status_code == 403


def test_enterprise_user_updates_its_position_audited(api_as, enterprise_user, position):
    from anjian.core.models import AuditEntry

    response = api_as(enterprise_user).patch(
        f"/api/v1/safety-positions/{position.pk}/", {"holder": "赵六"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert AuditEntry.objects.filter(
        model="safetyposition", object_id=str(position.pk), changes__holder=["王五", "赵六"]
    ).exists()


def test_five_in_place_item_is_set_through_the_api(api_as, enterprise_user, enterprise_a):
    api = api_as(enterprise_user)
    response = api.post(
        "/api/v1/five-in-place/",
        {
            "enterprise": enterprise_a.pk,
            "item": "training",
            "in_place": True,
            "note": "全员培训已完成",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    again = api.post(
        "/api/v1/five-in-place/",
        {"enterprise": enterprise_a.pk, "item": "training", "in_place": False},
        format="json",
    )
    assert again.status_code == 201
    assert FiveInPlace.objects.get().in_place is False
    bad = api.post(
        "/api/v1/five-in-place/", {"enterprise": enterprise_a.pk, "item": "luck"}, format="json"
    )
    assert bad.status_code == 400 and "item" in bad.json()


def test_evidence_is_checked_by_content_and_served_only_in_scope(
    login, enterprise_user, enterprise_a, town_a_officer, town_b_officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = login(enterprise_user)
    url = f"/assessment/enterprises/{enterprise_a.pk}/five/"
    fake = SimpleUploadedFile("账目.png", b"%PDF-1.4 not a png", content_type="image/png")
    client.post(url, {"item": "investment", "in_place": "on", "evidence": fake})
    assert not FiveInPlaceEvidence.objects.exists() and not FiveInPlace.objects.exists()
    good = SimpleUploadedFile("账目.png", PNG, content_type="image/png")
    client.post(
        url, {"item": "investment", "in_place": "on", "note": "已提取安全费用", "evidence": good}
    )
    item = FiveInPlaceEvidence.objects.get()
    assert item.check_item.in_place and item.kind == "photo"
    page = login(town_a_officer).get(f"/assessment/enterprises/{enterprise_a.pk}/")
    assert "已提取安全费用" in page.content.decode() and item.name in page.content.decode()
    response = login(town_a_officer).get(f"/assessment/five-evidence/{item.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert login(town_b_officer).get(f"/assessment/five-evidence/{item.pk}/").status_code == 404


def test_town_officer_may_not_tick_an_item(login, town_a_officer, enterprise_a):
    response = login(town_a_officer).post(
        f"/assessment/enterprises/{enterprise_a.pk}/five/", {"item": "training", "in_place": "on"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "persona,status",
    [
        ("enterprise_user", 200),
        ("town_a_officer", 200),
        ("traffic_officer", 404),
        ("town_b_officer", 404),
        ("leader", 200),
    ],
)
def test_lists_page_persona(persona, status, request, login, enterprise_a, position):
    response = login(request.getfixturevalue(persona)).get(
        f"/assessment/enterprises/{enterprise_a.pk}/"
    )
    assert response.status_code == status


def test_enterprise_user_is_sent_to_its_own_lists(login, enterprise_user, enterprise_a):
    response = login(enterprise_user).get("/assessment/enterprises/")
    assert response.status_code == 302
    assert response.url == f"/assessment/enterprises/{enterprise_a.pk}/"


def test_town_overview_counts_signed_positions(login, town_a_officer, position, enterprise_b):
    page = login(town_a_officer).get("/assessment/enterprises/").content.decode()
    assert "甲镇化工有限公司" in page and "1 / 1" in page
    assert enterprise_b.name not in page


def test_position_pages(login, enterprise_user, town_a_officer, enterprise_a, position):
    client = login(enterprise_user)
    response = client.post(
        f"/assessment/enterprises/{enterprise_a.pk}/positions/new/",
        {"position": "车间主任", "duties": "本车间安全", "signed": "", "signed_on": ""},
    )
    assert response.status_code == 302
    assert SafetyPosition.objects.filter(position="车间主任").exists()
    assert client.get(f"/assessment/positions/{position.pk}/edit/").status_code == 200
    assert (
        login(town_a_officer).get(f"/assessment/positions/{position.pk}/edit/").status_code == 403
    )
