"""一矿一策: one risk plan per mine with its document, pages and API mine-plans/."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anjian.core import clock
from anjian.core.models import AuditEntry
from anjian.mines import services
from anjian.mines.models import MinePlan

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _data(**extra):
    return {
        "risks": "边坡失稳；爆破飞石；尾矿库漫顶",
        "measures": "边坡在线监测；爆破警戒；汛前调洪演算",
        "responsible": "韦国强",
        "review_on": clock.today() + dt.timedelta(days=180),
        **extra,
    }


@pytest.fixture
def plan(county_admin, enterprise_a):
    return services.plan_create(
        actor=county_admin,
        enterprise=enterprise_a,
        data=_data(),
        upload=SimpleUploadedFile("一矿一策.pdf", PDF),
    )


def test_one_plan_per_mine(county_admin, enterprise_a, plan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=county_admin, enterprise=enterprise_a, data=_data())
    assert "enterprise" in exc.value.message_dict
    assert MinePlan.objects.count() == 1


def test_an_officer_writes_and_revises_a_plan_with_its_document(
    login, town_a_officer, enterprise_a
):
    client = login(town_a_officer)
    form = {**_data(), "enterprise": enterprise_a.pk}
    form["review_on"] = form["review_on"].isoformat()
    form["upload"] = SimpleUploadedFile("方案.pdf", PDF)
    response = client.post(reverse("mines:plan_create"), form)
    plan = MinePlan.objects.get()
    assert response.status_code == 302 and plan.attachment_name == "方案.pdf"
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "边坡失稳" in html and plan.attachment_url in html
    download = client.get(plan.attachment_url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    edit = {**form, "responsible": "黄海", "upload": SimpleUploadedFile("修订.pdf", PDF)}
    del edit["enterprise"]
    assert client.post(reverse("mines:plan_edit", args=[plan.pk]), edit).status_code == 302
    plan.refresh_from_db()
    assert (plan.responsible, plan.attachment_name) == ("黄海", "修订.pdf")
    actions = set(
        AuditEntry.objects.filter(object_id=str(plan.pk)).values_list("action", flat=True)
    )
    assert {"mineplan.create", "mineplan.update", "mineplan.attach"} <= actions


def test_a_document_whose_content_lies_is_refused(login, county_admin, enterprise_a):
    form = {**_data(), "enterprise": enterprise_a.pk}
    form["review_on"] = form["review_on"].isoformat()
    form["upload"] = SimpleUploadedFile("方案.docx", b"MZ\x90\x00 not a docx")
    response = login(county_admin).post(reverse("mines:plan_create"), form)
    assert response.status_code == 200 and not MinePlan.objects.exists()


def test_the_list_marks_overdue_reviews_and_filters(login, county_admin, enterprise_a, plan):
    services.plan_update(
        actor=county_admin, plan=plan, data={"review_on": clock.today() - dt.timedelta(days=1)}
    )
    client = login(county_admin)
    html = client.get(reverse("mines:plan_list") + "?overdue=yes").content.decode()
    assert enterprise_a.name in html, html[-2500:]
    assert "badge text-bg-danger" in html  # the overdue mark
    assert (
        enterprise_a.name
        not in client.get(reverse("mines:plan_list") + "?overdue=no").content.decode()
    )


def test_the_list_queries_stay_flat(
    login, county_admin, town_a, sectors, emergency_dept, django_assert_max_num_queries
):
    from tests.conftest import make_enterprise

    for n in range(15):
        mine = make_enterprise(
            name=f"矿山{n}",
            n=100 + n,
            town=town_a,
            sector=sectors["hazardous_chemicals"],
            department=emergency_dept,
        )
        services.plan_create(actor=county_admin, enterprise=mine, data=_data())
    client = login(county_admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("mines:plan_list")).status_code == 200


def test_another_towns_plan_is_a_404(login, api_as, town_b_officer, plan):
    client = login(town_b_officer)
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert client.get(plan.attachment_url).status_code == 404
    assert api_as(town_b_officer).get(f"/api/v1/mine-plans/{plan.pk}/").status_code == 404


def test_the_api_writes_and_lists(api_as, county_admin, enterprise_a):
    api = api_as(county_admin)
    body = {**_data(), "enterprise": enterprise_a.pk}
    body["review_on"] = body["review_on"].isoformat()
    created = api.post("/api/v1/mine-plans/", body, format="json")
    assert created.status_code == 201, created.json()
    again = api.post("/api/v1/mine-plans/", body, format="json")
    assert again.status_code == 400 and "enterprise" in again.json()
    rows = api.get("/api/v1/mine-plans/?overdue=no").json()["results"]
    assert [r["id"] for r in rows] == [created.json()["id"]]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("risks", "边坡\x00"),
        ("responsible", "x" * 101),
        ("review_on", "2025-02-30"),
        ("review_on", "1800-01-01"),
        ("enterprise", 10**20),
    ],
)
def test_hostile_api_input_is_a_400_naming_the_field(
    api_as, county_admin, enterprise_a, field, value
):
    body = {**_data(), "enterprise": enterprise_a.pk}
    body["review_on"] = body["review_on"].isoformat()
    response = api_as(county_admin).post(
        "/api/v1/mine-plans/", {**body, field: value}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not MinePlan.objects.exists()
