"""The checklist library: seeded from the criteria lists, edited by the county admin only."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from anjian.core import clock
from anjian.core.models import AuditEntry
from anjian.inspections import services
from anjian.inspections.checklist_data import CHECKLISTS
from anjian.inspections.models import Checklist, ChecklistItem

# Items per list of hazard-criteria.md (4.1 … 4.6); (U)-only lists and 4.7 have none.
EXPECTED = {
    "hc-2017": 20,  # 4.1 "There are 20 items."
    "fw-2017": 20,  # 4.2 "There are 20 items."
    "nm-ug-2022": 11,  # 4.3 underground: (1)–(5), 3 flood items, (20), (21), (27)
    "nm-op-2022": 8,  # 4.3 open-pit (1)–(8)
    "nm-tp-2022": 3,  # 4.3 tailings
    "it-2023-general": 3,  # 4.4 Art. 3
    "it-2023-metallurgy": 4,  # 4.4 Art. 4 first items
    "it-2023-building-materials": 8,  # 4.4 Art. 6, 8 items
    "it-2023-machinery": 2,  # 4.4 Art. 7 first items
    "it-2023-dust": 10,  # 4.4 dust explosion 1–10
    "it-2017-ammonia": 2,  # 4.4 2017 ammonia (superseded)
    "it-2017-confined": 2,  # 4.4 2017 confined spaces (superseded)
    "fire-2017": 10,  # 4.5 direct-judgement elements
    "rt-2023-general": 5,  # 4.6 Art. 3
    "rt-2023-passenger": 1,  # 4.6 Art. 4(1)
}


@pytest.mark.django_db
def test_seeded_checklists_match_the_criteria_lists():
    counts = {c.code: c.items.count() for c in Checklist.objects.filter(code__in=EXPECTED)}
    assert counts == EXPECTED
    assert {seed.code for seed in CHECKLISTS} == set(EXPECTED)


@pytest.mark.django_db
def test_seeded_items_are_major_criteria_linked_to_the_hazard_criteria():
    seeded = ChecklistItem.objects.filter(checklist__code__in=EXPECTED)
    assert not seeded.filter(is_major_criterion=False).exists()
    # Only the items that the hazards app's criteria data lacks have no criterion code.
    assert seeded.filter(criterion__isnull=True).count() == 1 + 2 + 2
    item = ChecklistItem.objects.get(checklist__code="hc-2017", number=4)
    assert item.criterion.code == "chem-04" and item.text == item.criterion.text


@pytest.mark.django_db
def test_superseded_lists_are_seeded_inactive_and_unverified_items_flagged():
    assert set(Checklist.objects.filter(active=False).values_list("code", flat=True)) == {
        "it-2017-ammonia",
        "it-2017-confined",
        "fire-2017",
    }
    fire_2017 = Checklist.objects.get(code="fire-2017")
    with clock.frozen(dt.date(2025, 10, 31)):
        assert not fire_2017.is_superseded
    with clock.frozen(dt.date(2025, 11, 1)):  # GB 35181-2025 takes effect
        assert fire_2017.is_superseded
    assert set(
        ChecklistItem.objects.filter(verified=False).values_list("checklist__code", "number")
    ) == {("it-2023-dust", 9), ("it-2023-dust", 10)}
    sectors = dict(Checklist.objects.values_list("code", "sector__code"))
    assert sectors["nm-ug-2022"] == "non_coal_mine" and sectors["rt-2023-general"] == "road_traffic"


def test_county_admin_edits_an_item_and_the_change_is_audited(county_admin, login):
    item = ChecklistItem.objects.get(checklist__code="hc-2017", number=2)
    response = login(county_admin).post(
        reverse("inspections:checklist_item_edit", args=[item.pk]),
        {
            "clause": "2",
            "text": "特种作业人员未持证上岗（含焊工）。",
            "is_major_criterion": "on",
            "criterion": "chem-02",
            "verified": "on",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text.endswith("（含焊工）。") and not item.active
    entry = AuditEntry.objects.get(model="checklistitem", object_id=str(item.pk))
    assert entry.username == county_admin.username
    assert set(entry.changes) == {"text", "active"}


def test_county_admin_adds_a_checklist_and_an_item(county_admin, login, sectors):
    client = login(county_admin)
    response = client.post(
        reverse("inspections:checklist_create"),
        {"code": "pre-holiday", "name": "节前安全检查表", "active": "on"},
    )
    checklist = Checklist.objects.get(code="pre-holiday")
    assert response.status_code == 302 and checklist.sector is None
    client.post(
        reverse("inspections:checklist_item_create", args=[checklist.pk]),
        {"text": "值班表未落实领导带班。", "active": "on", "verified": "on"},
    )
    client.post(
        reverse("inspections:checklist_item_create", args=[checklist.pk]),
        {"text": "危化品仓库超量储存。", "criterion": "chem-20", "active": "on"},
    )
    first, second = checklist.items.order_by("number")
    assert (first.number, first.is_major_criterion) == (1, False)
    assert (second.number, second.is_major_criterion, second.criterion.code) == (2, True, "chem-20")
    assert AuditEntry.objects.filter(model="checklistitem", action="checklistitem.create").count() == 2
    assert AuditEntry.objects.filter(model="checklist", object_id=str(checklist.pk)).exists()


@pytest.mark.parametrize("persona", ["town_a_officer", "leader", "enterprise_user"])
def test_only_the_county_admin_edits_the_library(persona, request, login):
    user = request.getfixturevalue(persona)
    item = ChecklistItem.objects.get(checklist__code="hc-2017", number=1)
    client = login(user)
    assert client.get(reverse("inspections:checklist_item_edit", args=[item.pk])).status_code == 403
    assert client.post(reverse("inspections:checklist_create"), {}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.checklist_item_update(actor=user, item=item, data={"active": False})


def test_everyone_reads_the_library(login, enterprise_user, api_as):
    checklist = Checklist.objects.get(code="hc-2017")
    page = login(enterprise_user).get(reverse("inspections:checklist_detail", args=[checklist.pk]))
    assert page.status_code == 200 and "chem-01" in page.content.decode()
    data = api_as(enterprise_user).get(f"/api/v1/checklists/{checklist.pk}/").json()
    assert len(data["items"]) == 20 and data["sector"] == "hazardous_chemicals"
