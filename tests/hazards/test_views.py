"""Hazard pages: each covers the allowed user, the one without the right, and the outsider."""

import datetime as dt

import pytest

from anjian.core import clock
from anjian.hazards.models import Hazard, HazardEvidence, HazardExtension
from anjian.hazards.workflow import hazard_transition


def test_list_shows_each_user_only_its_scope(login, gov_hazard, self_hazard, town_b_officer,
                                             traffic_officer, enterprise_user, county_admin):
    def listed(user):
        page = login(user).get("/hazards/")
        assert page.status_code == 200
        return {h.pk for h in page.context["page"]}

    assert listed(county_admin) == {gov_hazard.pk, self_hazard.pk}
    assert listed(enterprise_user) == {gov_hazard.pk, self_hazard.pk}
    assert listed(town_b_officer) == set()
    assert listed(traffic_officer) == set()  # chemicals are not the traffic department's sector


def test_list_query_count_does_not_grow_with_rows(login, county_admin, town_a_officer,
                                                  enterprise_a, make_hazard,
                                                  django_assert_max_num_queries):
    for i in range(3):
        make_hazard(town_a_officer, enterprise=enterprise_a, description=f"隐患{i}")
    client = login(county_admin)
    with django_assert_max_num_queries(12) as few:
        client.get("/hazards/")
    for i in range(25):
        make_hazard(town_a_officer, enterprise=enterprise_a, description=f"更多隐患{i}",
                    grade="major" if i % 5 == 0 else "general")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/hazards/?status=pending&grade=&overdue=0")
    assert len(response.context["page"].object_list) == 20


def test_list_filters_by_overdue_and_search(login, county_admin, gov_hazard, self_hazard):
    Hazard.objects.filter(pk=gov_hazard.pk).update(
        found_on=clock.today() - dt.timedelta(days=20),
        deadline=clock.today() - dt.timedelta(days=1))
    client = login(county_admin)
    assert [h.pk for h in client.get("/hazards/?overdue=1").context["page"]] == [gov_hazard.pk]
    assert [h.pk for h in client.get("/hazards/?q=配电箱").context["page"]] == [self_hazard.pk]


def test_detail_allowed_and_outsider_404(login, gov_hazard, town_a_officer, town_b_officer,
                                         leader):
    page = login(town_a_officer).get(f"/hazards/{gov_hazard.pk}/")
    assert page.status_code == 200
    assert "消防通道堵塞" in page.content.decode()
    assert login(leader).get(f"/hazards/{gov_hazard.pk}/").status_code == 200
    assert login(town_b_officer).get(f"/hazards/{gov_hazard.pk}/").status_code == 404


def test_detail_offers_each_role_only_its_buttons(login, gov_hazard, enterprise_user,
                                                  town_a_officer):
    assert [a for a, _ in login(enterprise_user).get(
        f"/hazards/{gov_hazard.pk}/").context["actions"]] == ["acknowledge"]
    assert login(town_a_officer).get(f"/hazards/{gov_hazard.pk}/").context["actions"] == []


def test_town_officer_registers_a_hazard_with_chinese_errors(login, town_a_officer, enterprise_a):
    client = login(town_a_officer)
    page = client.post("/hazards/new/", {"enterprise": enterprise_a.pk, "description": ""})
    assert page.status_code == 200
    message = page.context["form"].errors["description"][0]
    assert message in page.content.decode()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)  # the error reads in Chinese
    today = clock.today()
    response = client.post("/hazards/new/", {
        "enterprise": enterprise_a.pk, "description": "储罐区可燃气体报警器失效",
        "grade": "general", "found_on": today.isoformat(), "found_by": "王五",
        "source": "inspection", "deadline": (today + dt.timedelta(days=7)).isoformat()})
    assert response.status_code == 302, response.context["form"].errors
    hazard = Hazard.objects.get(description="储罐区可燃气体报警器失效")
    assert response.status_code == 302 and response.url == f"/hazards/{hazard.pk}/"
    assert hazard.owner_town == town_a_officer.town


def test_leader_cannot_open_the_create_form(login, leader):
    assert login(leader).get("/hazards/new/").status_code == 403


def test_enterprise_user_edits_five_fixes_but_not_description(login, enterprise_user,
                                                              gov_hazard):
    client = login(enterprise_user)
    page = client.get(f"/hazards/{gov_hazard.pk}/edit/")
    assert "description" not in page.context["form"].fields
    response = client.post(f"/hazards/{gov_hazard.pk}/edit/", {
        "responsible_person": "赵六", "measures": "更换报警器", "funds": "5000",
        "contingency_plan": "停用该区域"})
    assert response.status_code == 302
    gov_hazard.refresh_from_db()
    assert gov_hazard.responsible_person == "赵六" and gov_hazard.funds == 5000


def test_web_transition_and_409_message(login, enterprise_user, gov_hazard):
    client = login(enterprise_user)
    response = client.post(f"/hazards/{gov_hazard.pk}/transition/", {"action": "acknowledge"},
                           follow=True)
    assert response.status_code == 200
    gov_hazard.refresh_from_db()
    assert gov_hazard.status == "rectifying"
    response = client.post(f"/hazards/{gov_hazard.pk}/transition/", {"action": "acknowledge"},
                           follow=True)
    assert "不可" in response.content.decode() or "不能" in response.content.decode()
    assert login_status(client, f"/hazards/{gov_hazard.pk}/transition/", "accept") == 403


def login_status(client, url, action):
    return client.post(url, {"action": action}).status_code


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_evidence_is_checked_and_served_only_in_scope(login, enterprise_user, town_b_officer,
                                                      gov_hazard, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = login(enterprise_user)
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not a png", content_type="image/png")
    client.post(f"/hazards/{gov_hazard.pk}/evidence/", {"evidence": fake})
    assert not HazardEvidence.objects.exists()
    exe = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    client.post(f"/hazards/{gov_hazard.pk}/evidence/", {"evidence": exe})
    assert not HazardEvidence.objects.exists()
    good = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    client.post(f"/hazards/{gov_hazard.pk}/evidence/", {"evidence": good})
    item = HazardEvidence.objects.get()
    assert item.kind == "photo" and str(tmp_path) in item.file.path
    response = client.get(f"/hazards/evidence/{item.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert login(town_b_officer).get(f"/hazards/evidence/{item.pk}/").status_code == 404


def test_oversized_evidence_is_refused(enterprise_user, gov_hazard, settings, tmp_path):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from anjian.hazards.workflow import hazard_evidence_add

    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError):
        hazard_evidence_add(actor=enterprise_user, hazard=gov_hazard, uploads=[big])


def test_extension_request_then_approval_keeps_the_original_deadline(
        login, enterprise_user, town_a_officer, traffic_officer, gov_hazard):
    original = gov_hazard.deadline
    new = original + dt.timedelta(days=15)
    client = login(enterprise_user)
    response = client.post(f"/hazards/{gov_hazard.pk}/extension/",
                           {"new_deadline": new.isoformat(), "reason": "设备到货延迟"})
    assert response.status_code == 302
    gov_hazard.refresh_from_db()
    assert gov_hazard.deadline == original  # unchanged until approved
    ext = HazardExtension.objects.get()
    url = f"/hazards/{gov_hazard.pk}/extension/{ext.pk}/decide/"
    assert client.post(url, {"approve": "1"}).status_code == 403
    assert login(traffic_officer).post(url, {"approve": "1"}).status_code == 404
    assert login(town_a_officer).post(url, {"approve": "1"}).status_code == 302
    gov_hazard.refresh_from_db()
    assert gov_hazard.deadline == new and gov_hazard.original_deadline == original
    ext.refresh_from_db()
    assert ext.status == "approved" and ext.previous_deadline == original


def test_refused_extension_leaves_the_deadline(enterprise_user, town_a_officer, gov_hazard):
    from anjian.hazards.workflow import hazard_extension_decide, hazard_extension_request

    ext = hazard_extension_request(actor=enterprise_user, hazard=gov_hazard,
                                   new_deadline=gov_hazard.deadline + dt.timedelta(days=3),
                                   reason="资金未到位")
    hazard_extension_decide(actor=town_a_officer, extension=ext, approve=False, comment="不同意")
    gov_hazard.refresh_from_db()
    assert gov_hazard.deadline == ext.previous_deadline


def test_closed_hazard_detail_has_no_buttons(login, enterprise_user, town_a_officer, gov_hazard):
    for actor, action in ((enterprise_user, "acknowledge"), (enterprise_user, "submit"),
                          (town_a_officer, "accept")):
        hazard_transition(actor=actor, hazard=gov_hazard, action=action)
    page = login(town_a_officer).get(f"/hazards/{gov_hazard.pk}/")
    assert page.context["actions"] == [] and not page.context["can_edit"]



def test_a_refused_transition_flashes_in_chinese_and_changes_nothing(login, enterprise_user,
                                                                     gov_hazard):
    from django.contrib.messages import get_messages

    from anjian.core.models import AuditEntry
    from anjian.hazards.models import HazardTransition

    client = login(enterprise_user)
    url = f"/hazards/{gov_hazard.pk}/transition/"
    assert client.post(url, {"action": "acknowledge"}).status_code == 302
    steps, audited = HazardTransition.objects.count(), AuditEntry.objects.count()
    response = client.post(url, {"action": "acknowledge"})
    assert response.status_code == 302 and response["Location"] == f"/hazards/{gov_hazard.pk}/"
    message = list(get_messages(response.wsgi_request))[-1]
    assert message.level_tag == "error" and "不能进行" in message.message
    gov_hazard.refresh_from_db()
    assert gov_hazard.status == "rectifying"
    assert (HazardTransition.objects.count(), AuditEntry.objects.count()) == (steps, audited)


def test_an_unknown_transition_is_a_404(login, enterprise_user, gov_hazard):
    response = login(enterprise_user).post(f"/hazards/{gov_hazard.pk}/transition/",
                                           {"action": "teleport"})
    assert response.status_code == 404


@pytest.mark.parametrize("query", [
    "overdue=1", "overdue=true", "overdue=0", "supervised=false", "status=pending",
    "source=self_check&overdue=false", "q=接地",
])
def test_the_hazard_page_and_the_api_give_the_same_rows_for_the_same_filter(
        query, login, api_as, town_a_officer, enterprise_user, enterprise_a, make_hazard):
    make_hazard(town_a_officer, enterprise=enterprise_a, source="inspection",
                deadline=dt.date(2020, 1, 1), found_on=dt.date(2019, 12, 1))
    make_hazard(enterprise_user, description="配电箱未接地")
    api = sorted(r["id"] for r in api_as(town_a_officer).get(f"/api/v1/hazards/?{query}")
                 .json()["results"])
    page = login(town_a_officer).get(f"/hazards/?{query}")
    assert sorted(h.pk for h in page.context["page"]) == api
