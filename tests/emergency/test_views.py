"""Plan and drill pages: who sees what, who may write, bad input named by field."""

import pytest
from django.urls import reverse

from anjian.emergency.models import Drill, EmergencyPlan
from anjian.hazards.models import Hazard
from tests.emergency.conftest import days_ago

pytestmark = pytest.mark.django_db

ALL = {"county", "town_a", "town_b", "traffic", "enterprise_a", "enterprise_b"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("county_admin", ALL),
        ("leader", ALL),
        ("town_a_officer", {"town_a", "enterprise_a"}),
        ("town_b_officer", {"town_b", "enterprise_b"}),
        ("traffic_officer", {"traffic"}),
        ("emergency_officer", {"enterprise_a", "enterprise_b"}),
        ("enterprise_user", {"enterprise_a"}),
    ],
)
def test_each_persona_sees_its_plans(persona, expected, request, plans, login):
    user = request.getfixturevalue(persona)
    html = login(user).get(reverse("emergency:plan_list")).content.decode()
    for key, plan in plans.items():
        assert (plan.title in html) == (key in expected), plan.title


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("county_admin", 200),
        ("town_a_officer", 200),
        ("enterprise_user", 200),
        ("leader", 200),
        ("town_b_officer", 404),
        ("traffic_officer", 404),
    ],
)
def test_the_enterprise_plan_page_is_seen_in_scope_only(persona, status, request, plans, login):
    user = request.getfixturevalue(persona)
    response = login(user).get(reverse("emergency:plan_detail", args=[plans["enterprise_a"].pk]))
    assert response.status_code == status


def test_the_town_b_officer_gets_404_on_town_a_pages(plans, town_b_officer, login, enterprise_user):
    plan = plans["town_a"]
    drill = Drill.objects.create(
        plan=plans["enterprise_a"],
        held_on=days_ago(5),
        form="tabletop",
        participants=5,
        problems="缺少堵漏工具",
    )
    client = login(town_b_officer)
    for url in (
        reverse("emergency:plan_detail", args=[plan.pk]),
        reverse("emergency:plan_edit", args=[plan.pk]),
        reverse("emergency:drill_create", args=[plan.pk]),
        reverse("emergency:drill_detail", args=[drill.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("emergency:drill_hazard", args=[drill.pk]),
            {"deadline": days_ago(-30).isoformat()},
        ).status_code
        == 404
    )


def test_the_leader_reads_but_cannot_record(plans, leader, login):
    client = login(leader)
    assert client.get(reverse("emergency:plan_create")).status_code == 403
    assert (
        client.get(reverse("emergency:drill_create", args=[plans["town_a"].pk])).status_code == 403
    )
    html = client.get(reverse("emergency:overdue_list")).content.decode()
    assert plans["county"].title in html and plans["town_a"].title not in html


def test_the_traffic_officer_cannot_record_a_drill_of_the_countys_plan(
    plans, traffic_officer, login
):
    # The county's plan is out of the department's sight altogether.
    url = reverse("emergency:drill_create", args=[plans["county"].pk])
    assert login(traffic_officer).get(url).status_code == 404


def test_a_town_officer_edits_its_enterprises_plans_but_not_another_towns(
    plans, town_a_officer, login
):
    url = reverse("emergency:plan_edit", args=[plans["enterprise_a"].pk])
    assert login(town_a_officer).get(url).status_code == 200
    assert (
        login(town_a_officer)
        .get(reverse("emergency:plan_edit", args=[plans["town_b"].pk]))
        .status_code
        == 404
    )


def test_the_enterprise_user_sees_only_its_own_overdue_plans(plans, enterprise_user, login):
    html = login(enterprise_user).get(reverse("emergency:overdue_list")).content.decode()
    assert plans["enterprise_a"].title in html and plans["county"].title not in html


def test_anonymous_is_sent_to_the_login_page(client, plans):
    response = client.get(reverse("emergency:overdue_list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_enterprise_user_records_its_own_plan(enterprise_user, enterprise_a, login):
    response = login(enterprise_user).post(
        reverse("emergency:plan_create"),
        {
            "kind": "onsite",
            "title": "储罐泄漏现场处置方案",
            "published_on": days_ago(10).isoformat(),
        },
    )
    plan = EmergencyPlan.objects.get(title="储罐泄漏现场处置方案")
    assert response.status_code == 302
    assert plan.enterprise == enterprise_a and plan.unit_kind == "enterprise"


def test_a_drill_before_the_plans_publication_is_refused_on_the_page(plans, enterprise_user, login):
    plan = plans["enterprise_a"]
    response = login(enterprise_user).post(
        reverse("emergency:drill_create", args=[plan.pk]),
        {"held_on": days_ago(301).isoformat(), "form": "tabletop", "participants": 5},
    )
    assert response.status_code == 200
    assert "held_on" in response.context["form"].errors
    assert not plan.drills.exists()


def test_an_enterprise_drill_becomes_a_self_check_hazard(plans, enterprise_user, login):
    plan = plans["enterprise_a"]
    client = login(enterprise_user)
    client.post(
        reverse("emergency:drill_create", args=[plan.pk]),
        {
            "held_on": days_ago(3).isoformat(),
            "form": "functional",
            "participants": 20,
            "problems": "应急池阀门锈死",
        },
    )
    drill = plan.drills.get()
    client.post(
        reverse("emergency:drill_hazard", args=[drill.pk]),
        {"deadline": days_ago(-30).isoformat(), "grade": "general"},
    )
    drill.refresh_from_db()
    hazard = Hazard.objects.get(pk=drill.hazard_id)
    assert hazard.source == "self_check" and hazard.enterprise == plan.enterprise
    assert "应急池阀门锈死" in hazard.description and hazard.found_on == drill.held_on
    # A second press changes nothing.
    client.post(
        reverse("emergency:drill_hazard", args=[drill.pk]), {"deadline": days_ago(-30).isoformat()}
    )
    assert Hazard.objects.count() == 1


def test_a_town_drill_becomes_an_inspection_hazard_of_the_town(
    plans, town_a_officer, town_a, sectors, login
):
    plan = plans["town_a"]
    client = login(town_a_officer)
    client.post(
        reverse("emergency:drill_create", args=[plan.pk]),
        {
            "held_on": days_ago(2).isoformat(),
            "form": "full_scale",
            "participants": 80,
            "problems": "避难场所指示牌缺失",
        },
    )
    drill = plan.drills.get()
    client.post(
        reverse("emergency:drill_hazard", args=[drill.pk]),
        {
            "deadline": days_ago(-20).isoformat(),
            "grade": "general",
            "town": town_a.pk,
            "sector": sectors["other"].pk,
            "location": "镇中心避难场所",
        },
    )
    drill.refresh_from_db()
    assert drill.hazard.source == "inspection" and drill.hazard.town == town_a
    assert drill.hazard.owner_town == town_a


def test_the_overdue_list_shows_the_towns_overdue_plans_only(plans, town_a_officer, login):
    html = login(town_a_officer).get(reverse("emergency:overdue_list")).content.decode()
    assert plans["enterprise_a"].title in html
    assert plans["town_a"].title not in html and plans["county"].title not in html


def test_the_overdue_list_runs_a_constant_number_of_queries(
    plans, county_admin, login, enterprise_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anjian.emergency import services

    client = login(county_admin)
    client.get(reverse("emergency:overdue_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("emergency:overdue_list"))
    for n in range(40):
        services.plan_create(
            actor=county_admin,
            data={
                "kind": "onsite",
                "title": f"现场处置方案{n}",
                "published_on": days_ago(400),
                "enterprise": enterprise_a,
            },
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("emergency:overdue_list"))
    assert len(many) == len(few)
    assert response.context["page"].paginator.count == 42
    assert len(response.context["page"].object_list) == 30


def test_a_revision_trigger_is_recorded(plans, enterprise_user, login):
    plan = plans["enterprise_a"]
    login(enterprise_user).post(
        reverse("emergency:plan_revision_add", args=[plan.pk]),
        {"date": days_ago(1).isoformat(), "trigger": "risk", "note": "新增储罐区"},
    )
    plan.refresh_from_db()
    assert plan.revisions == [
        {"date": days_ago(1).isoformat(), "trigger": "risk", "note": "新增储罐区"}
    ]
    html = login(enterprise_user).get(plan.get_absolute_url()).content.decode()
    assert "面临的重大风险发生变化" in html and "新增储罐区" in html


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_plan_document_is_checked_by_content_and_served_in_scope_only(
    plans, enterprise_user, town_b_officer, login, settings, tmp_path
):
    from anjian.core.models import AuditEntry

    settings.MEDIA_ROOT = tmp_path
    plan = plans["enterprise_a"]
    client = login(enterprise_user)
    client.post(
        reverse("emergency:plan_attach", args=[plan.pk]),
        {"file": _upload("预案文本.pdf", b"just text, not a PDF")},
    )
    assert not plan.attachments.exists()
    client.post(
        reverse("emergency:plan_attach", args=[plan.pk]), {"file": _upload("预案文本.pdf", PDF)}
    )
    item = plan.attachments.get()
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="export.emergency_plan_attachment").exists()
    assert login(town_b_officer).get(item.get_absolute_url()).status_code == 404


def test_the_plan_and_drill_addresses_open_their_pages(plans, county_admin, login):
    drill = Drill.objects.create(
        plan=plans["county"], held_on=days_ago(1), form="tabletop", participants=3
    )
    client = login(county_admin)
    for record in (plans["county"], plans["enterprise_b"], drill):
        assert client.get(record.get_absolute_url()).status_code == 200


def test_a_town_officer_records_a_plan_for_an_enterprise_of_its_town(
    town_a_officer, town_a, enterprise_a, enterprise_b, login
):
    client = login(town_a_officer)
    data = {
        "unit": f"town:{town_a.pk}",
        "kind": "special",
        "title": "储罐区专项预案",
        "published_on": days_ago(10).isoformat(),
    }
    client.post(reverse("emergency:plan_create"), {**data, "enterprise": enterprise_a.credit_code})
    assert EmergencyPlan.objects.get().enterprise == enterprise_a
    response = client.post(
        reverse("emergency:plan_create"), {**data, "enterprise": enterprise_b.credit_code}
    )
    assert "enterprise" in response.context["form"].errors
    assert EmergencyPlan.objects.count() == 1
