"""Campaigns: targets from sectors × towns, progress per town and department, scope, export."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from anjian.core.models import AuditEntry
from anjian.inspections import campaigns, services
from anjian.inspections.progress import campaign_progress
from anjian.notifications.models import Notification
from tests.conftest import make_enterprise
from tests.inspections.conftest import answers


def _rows(rows):
    return {
        r.code: (r.targets, r.inspected, r.self_checked, r.hazards, r.major, r.closed, r.overdue)
        for r in rows
    }


def test_targets_are_the_operating_units_of_the_sectors_and_towns(campaign, world):
    names = set(campaign.targets.values_list("enterprise__name", flat=True))
    assert names == {world[k].name for k in ("a", "a2", "a3", "b1", "b2", "c1")}


def test_progress_per_town_and_department_matches_the_fixture(progressed, campaign, county_admin):
    progress = campaign_progress(actor=county_admin, campaign=campaign)
    #                 targets inspected self hazards major closed overdue
    assert _rows(progress.by_town) == {
        "town_a": (3, 1, 1, 2, 1, 1, 1),
        "town_b": (2, 1, 0, 1, 0, 1, 0),
        "town_c": (1, 0, 0, 0, 0, 0, 0),
    }
    assert _rows(progress.by_department) == {"emergency": (6, 2, 1, 3, 1, 2, 1)}
    assert _rows([progress.total]) == {"total": (6, 2, 1, 3, 1, 2, 1)}
    assert [r.code for r in progress.towns_not_started] == ["town_c"]
    assert progress.by_town[0].rate == 33.3 and progress.total.pending == 4


def test_town_officer_sees_its_part_of_the_campaign(progressed, campaign, town_a_officer, login):
    progress = campaign_progress(actor=town_a_officer, campaign=campaign)
    assert _rows(progress.by_town) == {"town_a": (3, 1, 1, 2, 1, 1, 1)}
    html = login(town_a_officer).get(reverse("inspections:campaign_detail", args=[campaign.pk]))
    text = html.content.decode()
    assert "甲镇二号化工" in text and "乙镇二号化工" not in text


def test_enterprise_user_sees_only_its_own_row(progressed, campaign, enterprise_user):
    progress = campaign_progress(actor=enterprise_user, campaign=campaign)
    assert _rows(progress.by_town) == {"town_a": (1, 1, 1, 2, 1, 1, 1)}


@pytest.mark.parametrize(
    "persona,status",
    [
        ("county_admin", 200),
        ("leader", 200),
        ("town_a_officer", 200),
        ("town_b_officer", 200),
        ("enterprise_user", 200),
        ("traffic_officer", 404),  # no chemicals in its sectors
    ],
)
def test_campaign_pages_are_scoped(persona, status, campaign, request, login, api_as):
    user = request.getfixturevalue(persona)
    client = login(user)
    assert (
        client.get(reverse("inspections:campaign_detail", args=[campaign.pk])).status_code == status
    )
    assert (
        client.get(reverse("inspections:campaign_export", args=[campaign.pk])).status_code == status
    )
    assert api_as(user).get(f"/api/v1/campaigns/{campaign.pk}/progress/").status_code == status


def test_only_the_county_admin_starts_or_edits_a_campaign(campaign, login, town_a_officer, leader):
    for user in (town_a_officer, leader):
        client = login(user)
        assert client.get(reverse("inspections:campaign_create")).status_code == 403
        assert (
            client.get(reverse("inspections:campaign_edit", args=[campaign.pk])).status_code == 403
        )
        target = campaign.targets.first()
        url = reverse("inspections:campaign_target_remove", args=[target.pk])
        assert client.post(url).status_code == 403


def test_campaign_creation_is_audited_and_the_units_are_told(
    campaign, county_admin, town_a_officer, django_capture_on_commit_callbacks
):
    entry = AuditEntry.objects.get(
        model="campaign", object_id=str(campaign.pk), action="campaign.create"
    )
    assert entry.changes["targets"] == [None, 6]
    assert entry.changes["towns"][1] == ["town_a", "town_b", "town_c"]


def test_units_are_notified_of_a_new_campaign(
    world, county_admin, town_a_officer, sectors, town_a, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        campaign = campaigns.campaign_create(
            actor=county_admin,
            data={
                "name": "节前大检查",
                "kind": "pre_holiday",
                "sectors": [sectors["hazardous_chemicals"]],
                "towns": [town_a],
                "starts_on": today,
                "ends_on": today,
            },
        )
    assert Notification.objects.filter(
        recipient=town_a_officer, key=f"campaign.created:{campaign.pk}"
    ).exists()


def test_county_admin_edits_the_targets(campaign, world, county_admin, login):
    client = login(county_admin)
    client.post(
        reverse("inspections:campaign_target_add", args=[campaign.pk]),
        {"credit_codes": f"{world['b'].credit_code}\n{world['a'].credit_code}"},
    )
    assert campaign.targets.filter(enterprise=world["b"]).exists()
    target = campaign.targets.get(enterprise=world["c1"])
    client.post(reverse("inspections:campaign_target_remove", args=[target.pk]))
    assert not campaign.targets.filter(enterprise=world["c1"]).exists()
    actions = set(
        AuditEntry.objects.filter(model="campaign", object_id=str(campaign.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"campaign.target_add", "campaign.target_remove"} <= actions


def test_a_campaign_inspection_must_be_of_a_target(campaign, checklist, world, county_admin, today):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.inspection_create(
            actor=county_admin,
            results=answers(checklist),
            data={
                "enterprise": world["b"],
                "checklist": checklist,
                "campaign": campaign,
                "inspected_on": today,
            },
        )
    assert "campaign" in exc.value.message_dict


def _progress_queries(client, campaign) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("inspections:campaign_detail", args=[campaign.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_progress_page_query_count_does_not_grow_with_the_campaign(
    progressed, campaign, checklist, county_admin, login, sectors, emergency_dept, town_a, today
):
    client = login(county_admin)
    before = _progress_queries(client, campaign)
    from anjian.accounts.models import Town

    for i in range(4):
        town = Town.objects.create(code=f"town_x{i}", name=f"新镇{i}")
        for j in range(3):
            e = make_enterprise(
                name=f"新镇{i}化工{j}",
                n=100 + i * 10 + j,
                town=town,
                sector=sectors["hazardous_chemicals"],
                department=emergency_dept,
            )
            campaigns.campaign_target_add(actor=county_admin, campaign=campaign, enterprises=[e])
            services.inspection_create(
                actor=county_admin,
                results=answers(checklist, {2: "x"}),
                hazard_deadline=today,
                data={
                    "enterprise": e,
                    "checklist": checklist,
                    "campaign": campaign,
                    "inspected_on": today,
                },
            )
    after = _progress_queries(client, campaign)
    assert after == before
    # session, user, campaign, its sectors and towns, 2 progress aggregates, pending count and
    # page, the bell, the timeline with its names resolved in bulk (the users, the checklist: one
    # query per related model, whatever the number of entries), and the session save.
    assert before <= 17  # +1: the 禁火 banner's check of today's fire-danger levels


def test_the_excel_export_holds_the_progress_table(progressed, campaign, county_admin, login):
    response = login(county_admin).get(reverse("inspections:campaign_export", args=[campaign.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    by_town = list(workbook["按镇"].iter_rows(values_only=True))
    assert by_town[1][:4] == ("单位", "目标单位数", "已检查", "未检查")
    assert by_town[2][:3] == ("甲镇", 3, 1) and by_town[-1][:2] == ("合计", 6)
    pending = [row[1] for row in workbook["未检查单位"].iter_rows(min_row=2, values_only=True)]
    assert sorted(pending) == sorted(
        ["甲镇二号化工", "甲镇三号化工", "乙镇二号化工", "丙镇一号化工"]
    )


def test_api_progress_shows_the_callers_part(progressed, campaign, api_as, town_b_officer):
    data = api_as(town_b_officer).get(f"/api/v1/campaigns/{campaign.pk}/progress/").json()
    assert [r["code"] for r in data["by_town"]] == ["town_b"]
    assert data["total"]["targets"] == 2 and data["total"]["closed"] == 1


def test_campaign_list_hides_campaigns_outside_the_scope(campaign, api_as, traffic_officer):
    assert api_as(traffic_officer).get("/api/v1/campaigns/").json()["count"] == 0


def test_inspection_date_cannot_precede_the_campaign(campaign, checklist, world, county_admin):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.inspection_create(
            actor=county_admin,
            results=answers(checklist),
            data={
                "enterprise": world["a"],
                "checklist": checklist,
                "campaign": campaign,
                "inspected_on": campaign.starts_on - dt.timedelta(days=1),
            },
        )
