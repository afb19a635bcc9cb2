"""The change history reads like the record's page: Chinese field labels and display values
(乙镇, 停产, a person's name), foreign keys resolved in bulk, secrets never shown."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from anjian.core import audit
from anjian.core.audit_display import readable
from anjian.core.models import AuditEntry
from anjian.hazards.models import Hazard
from anjian.registry import services as registry_services
from anjian.registry.models import Enterprise

pytestmark = pytest.mark.django_db


def _moves(enterprise, county_admin, town_a, town_b, times: int):
    for i in range(times):
        registry_services.enterprise_update(
            actor=county_admin,
            enterprise=enterprise,
            data={
                "town": town_b if i % 2 == 0 else town_a,
                "status": "suspended" if i % 2 == 0 else "operating",
            },
            via="web",
        )


def test_the_enterprise_timeline_shows_labels_and_names_not_field_names_and_ids(
    enterprise_a, county_admin, town_a, town_b, login
):
    county_admin.first_name, county_admin.last_name = "明", "李"
    county_admin.save()
    _moves(enterprise_a, county_admin, town_a, town_b, 1)
    with translation.override("zh-hans"):
        page = login(county_admin).get(
            reverse("registry:enterprise_detail", args=[enterprise_a.pk]),
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    html = page.content.decode()
    timeline = html[html.index('id="timeline"') :]
    assert f'<td class="text-muted">{town_a.name}</td><td>{town_b.name}</td>' in timeline
    assert "在产" in timeline and "停产" in timeline
    assert "operating" not in timeline and "suspended" not in timeline
    assert ">town<" not in timeline and f">{town_b.pk}<" not in timeline
    entry = AuditEntry.objects.filter(model="enterprise", action="enterprise.update").first()
    with translation.override("zh-hans"):
        row = readable([entry])[0]
        labels = {c.field: c.label for c in row.changes}
        expected = {f: str(Enterprise._meta.get_field(f).verbose_name) for f in ("town", "status")}
    assert labels == expected
    assert all("\u4e00" <= label[0] <= "\u9fff" for label in labels.values())
    assert row.who == county_admin.get_full_name()
    assert f'<th scope="row" class="fw-normal">{expected["town"]}</th>' in timeline


def test_the_timeline_resolves_foreign_keys_in_a_fixed_number_of_queries(
    enterprise_a, county_admin, town_a, town_b
):
    _moves(enterprise_a, county_admin, town_a, town_b, 2)
    few = list(audit.timeline(enterprise_a))
    with CaptureQueriesContext(connection) as small:
        readable(few)
    _moves(enterprise_a, county_admin, town_a, town_b, 10)
    many = list(audit.timeline(enterprise_a))
    assert len(many) == 12
    with CaptureQueriesContext(connection) as large:
        rows = readable(many)
    # One query for the towns, one for the users: whatever the number of entries.
    assert len(large) == len(small) <= 2
    assert {c.new for r in rows for c in r.changes if c.field == "town"} == {
        town_a.name,
        town_b.name,
    }


def test_the_person_who_reported_a_hazard_is_shown_by_name(enterprise_a, county_admin):
    county_admin.first_name = "张三"
    county_admin.save()
    hazard = Hazard.objects.create(
        enterprise=enterprise_a,
        town=enterprise_a.town,
        sector=enterprise_a.sector,
        description="配电箱未接地",
        grade="general",
        found_on=dt.date(2025, 6, 1),
        found_by="张三",
        source="self_check",
        deadline=dt.date(2025, 7, 1),
        reported_by=county_admin,
    )
    audit.record_create(actor=county_admin, instance=hazard, via="web")
    with translation.override("zh-hans"):
        (row,) = readable(audit.timeline(hazard))
    changes = {c.field: c for c in row.changes}
    assert changes["reported_by"].new == "张三"
    assert changes["reported_by"].label != "reported_by"
    assert changes["enterprise"].new == enterprise_a.name
    assert changes["grade"].new == str(Hazard._meta.get_field("grade").flatchoices[0][1])
    assert row.action_label.startswith("新建")


def test_a_changed_password_reads_changed_and_never_shows_a_hash(county_admin, leader):
    before = audit.snapshot(leader)
    leader.set_password("Another@2025x")
    leader.save()
    entry = audit.record_update(actor=county_admin, instance=leader, before=before)
    with translation.override("zh-hans"):
        (row,) = readable([entry])
    (change,) = row.changes
    assert change.old == change.new == "已修改"
    assert leader.password not in str(row.changes)


def test_the_audit_api_adds_readable_fields_and_keeps_the_stored_ones(
    api_as, enterprise_a, county_admin, town_a, town_b
):
    _moves(enterprise_a, county_admin, town_a, town_b, 3)
    client = api_as(county_admin)
    response = client.get(
        "/api/v1/audit/",
        {"model": "enterprise", "object_id": str(enterprise_a.pk)},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    results = response.json()["results"]
    update = next(r for r in results if r["action"] == "enterprise.update")
    # The contract's fields as they were: ids and codes.
    assert sorted(update["changes"]["town"]) == sorted([town_a.pk, town_b.pk])
    shown = {c["field"]: c for c in update["changes_display"]}
    assert {shown["town"]["old"], shown["town"]["new"]} == {town_a.name, town_b.name}
    assert shown["status"]["new"] in ("在产", "停产")
    assert update["user_display"] == county_admin.username
    assert update["model_label"] != "enterprise"
