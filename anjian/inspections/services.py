"""Writes to the checklist library and to inspections. Campaigns: `campaigns.py`.

Every path (web, API, demo) goes through here: permission, scope, validation, audit.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit, UnitKind, is_enterprise
from anjian.core import audit, clock
from anjian.core.permissions import check_permission
from anjian.core.scoping import in_scope
from anjian.core.updates import model_update
from anjian.hazards.models import HazardGrade, HazardSource
from anjian.hazards.services import hazard_create
from anjian.inspections.models import (
    Checklist,
    ChecklistItem,
    Inspection,
    InspectionKind,
    InspectionResult,
    Outcome,
)

CHECKLIST_FIELDS = (
    "code",
    "name",
    "sector",
    "standard",
    "version",
    "effective_on",
    "superseded_on",
    "description",
    "active",
)
ITEM_FIELDS = ("clause", "text", "is_major_criterion", "criterion", "verified", "active")
INSPECTION_FIELDS = ("enterprise", "checklist", "campaign", "inspected_on", "inspectors", "summary")


def _set(instance, data: dict[str, Any], fields) -> None:
    for key in fields:
        if key in data:
            setattr(instance, key, data[key])


# --- the checklist library (county admin) ------------------------------------------------


@transaction.atomic
def checklist_create(*, actor, data: dict[str, Any], via: str = "web") -> Checklist:
    """Add a checklist to the library (county admin)."""
    check_permission(actor, "county_admin")
    checklist = Checklist()
    _set(checklist, data, CHECKLIST_FIELDS)
    checklist.full_clean()
    checklist.save()
    audit.record_create(actor=actor, instance=checklist, via=via)
    return checklist


@transaction.atomic
def checklist_update(
    *, actor, checklist: Checklist, data: dict[str, Any], via: str = "web"
) -> Checklist:
    """Change a checklist's name, source, version or dates, or (de)activate it (county admin)."""
    check_permission(actor, "county_admin")
    locked = Checklist.objects.select_for_update(of=("self",)).get(pk=checklist.pk)
    return model_update(actor=actor, instance=locked, data=data, fields=CHECKLIST_FIELDS, via=via)[
        0
    ]


@transaction.atomic
def checklist_item_create(
    *, actor, checklist: Checklist, data: dict[str, Any], via: str = "web"
) -> ChecklistItem:
    """Append an item to a checklist (county admin); a criterion makes it a major criterion."""
    check_permission(actor, "county_admin")
    Checklist.objects.select_for_update(of=("self",)).get(pk=checklist.pk)
    last = checklist.items.aggregate(n=Max("number"))["n"] or 0
    item = ChecklistItem(checklist=checklist, number=data.get("number") or last + 1)
    _set(item, data, ITEM_FIELDS)
    if item.criterion_id:
        item.is_major_criterion = True
    item.full_clean()
    item.save()
    audit.record_create(actor=actor, instance=item, via=via)
    return item


@transaction.atomic
def checklist_item_update(
    *, actor, item: ChecklistItem, data: dict[str, Any], via: str = "web"
) -> ChecklistItem:
    """Reword or (de)activate an item (county admin). Past results keep the wording they used."""
    check_permission(actor, "county_admin")
    locked = ChecklistItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    return model_update(
        actor=actor,
        instance=locked,
        data=data,
        fields=ITEM_FIELDS,
        via=via,
        before_clean=_criterion_is_major,
    )[0]


def _criterion_is_major(item: ChecklistItem) -> None:
    """An item tied to a major-hazard criterion is a major criterion."""
    if item.criterion_id:
        item.is_major_criterion = True


# --- inspections ---------------------------------------------------------------------------


def _kind_for(actor) -> str:
    return InspectionKind.SELF_CHECK if is_enterprise(actor) else InspectionKind.INSPECTION


def _inspecting_unit(actor, inspection: Inspection) -> None:
    unit = Unit.of(actor)
    kind = unit.kind if unit is not None else ""
    inspection.unit_town_id = unit.pk if kind == UnitKind.TOWN else None
    inspection.unit_department_id = unit.pk if kind == UnitKind.DEPARTMENT else None


def _check_campaign(inspection: Inspection) -> None:
    campaign = inspection.campaign
    if campaign is None:
        return
    if not campaign.targets.filter(enterprise_id=inspection.enterprise_id).exists():
        raise ValidationError({"campaign": _("This unit is not a target of the campaign.")})
    if campaign.checklist_id and campaign.checklist_id != inspection.checklist_id:
        raise ValidationError(
            {
                "checklist": _("The campaign prescribes the checklist %(name)s.")
                % {"name": campaign.checklist}
            }
        )
    if inspection.inspected_on and inspection.inspected_on < campaign.starts_on:
        raise ValidationError({"inspected_on": _("The campaign had not started on that day.")})


def _clean_results(checklist: Checklist, results: list[dict[str, Any]]) -> list[tuple]:
    """Every active item answered exactly once: [(item, outcome, note)] in item order."""
    items = {item.pk: item for item in checklist.items.filter(active=True)}
    answered: dict[int, tuple] = {}
    for row in results:
        item = row.get("item")
        item_id = getattr(item, "pk", item)
        try:
            item_id = int(item_id)
        except (TypeError, ValueError):
            item_id = None
        if item_id not in items:
            raise ValidationError(
                {
                    "results": _(
                        "An answer names an item that is not an active item of this checklist."
                    )
                }
            )
        if item_id in answered:
            raise ValidationError({"results": _("An item is answered twice.")})
        if row.get("outcome") not in Outcome.values:
            raise ValidationError(
                {
                    "results": _(
                        "Each item needs an outcome: compliant, problem found or not applicable."
                    )
                }
            )
        answered[item_id] = (items[item_id], row["outcome"], (row.get("note") or "").strip())
    missing = [items[pk].label for pk in items if pk not in answered]
    if missing:
        raise ValidationError(
            {"results": _("Items not answered: %(items)s.") % {"items": "、".join(missing)}}
        )
    return sorted(answered.values(), key=lambda r: r[0].number)


def inspection_build(*, actor, data: dict[str, Any]) -> Inspection:
    """An unsaved, validated inspection in the actor's scope (no results yet)."""
    inspection = Inspection(kind=_kind_for(actor))
    _set(inspection, data, INSPECTION_FIELDS)
    enterprise = inspection.enterprise if inspection.enterprise_id else None
    if enterprise is not None:
        inspection.town_id, inspection.sector_id = enterprise.town_id, enterprise.sector_id
    _inspecting_unit(actor, inspection)
    inspection.created_by = actor if getattr(actor, "pk", None) else None
    if not inspection.inspectors:
        inspection.inspectors = getattr(actor, "get_full_name", lambda: "")() or actor.username
    inspection.full_clean()
    errors = {}
    if inspection.inspected_on > clock.today():
        errors["inspected_on"] = [_("The day of the inspection cannot be in the future.")]
    if not inspection.checklist.active:
        errors["checklist"] = [_("This checklist is not active.")]
    if errors:
        raise ValidationError(errors)
    if not in_scope(
        actor,
        town_id=inspection.town_id,
        sector_id=inspection.sector_id,
        enterprise_id=inspection.enterprise_id,
    ):
        raise ValidationError({"enterprise": _("This unit lies outside your jurisdiction.")})
    _check_campaign(inspection)
    return inspection


def _hazard_data(
    inspection: Inspection, item: ChecklistItem, note: str, deadline: dt.date
) -> dict[str, Any]:
    text = f"【{item.label}】{item.text}"
    if inspection.kind == InspectionKind.SELF_CHECK:
        source = HazardSource.SELF_CHECK
    elif inspection.campaign_id:
        source = HazardSource.CAMPAIGN
    else:
        source = HazardSource.INSPECTION
    return {
        "enterprise": inspection.enterprise,
        "description": f"{note}\n{text}" if note else text,
        "grade": HazardGrade.MAJOR if item.is_major_criterion else HazardGrade.GENERAL,
        "criterion": item.criterion_id,
        "found_on": inspection.inspected_on,
        "found_by": f"{inspection.unit_name}：{inspection.inspectors}"[:100],
        "source": source,
        "deadline": deadline,
    }


@transaction.atomic
def inspection_create(
    *,
    actor,
    data: dict[str, Any],
    results: list[dict[str, Any]],
    hazard_deadline: dt.date | None = None,
    via: str = "web",
) -> Inspection:
    """Record an inspection: every active item of the checklist answered.

    An officer inspects units in its jurisdiction (kind `inspection`); an enterprise user runs a
    self-inspection of its own unit (`self_check`). Each "problem" becomes a hazard through
    `hazard_create` (source `inspection`, `campaign` inside a campaign, or `self_check`; major
    when the item is a major-hazard criterion) with `hazard_deadline` as its deadline.
    """
    check_permission(actor, "write")
    inspection = inspection_build(actor=actor, data=data)
    answers = _clean_results(inspection.checklist, results)
    problems = [a for a in answers if a[1] == Outcome.PROBLEM]
    if problems and not hazard_deadline:
        raise ValidationError(
            {"hazard_deadline": _("Give the rectification deadline for the problems found.")}
        )
    if problems and hazard_deadline < inspection.inspected_on:
        raise ValidationError(
            {"hazard_deadline": _("The deadline cannot be before the day of the inspection.")}
        )
    inspection.save()
    rows = []
    for item, outcome, note in answers:
        hazard = None
        if outcome == Outcome.PROBLEM:
            hazard = hazard_create(
                actor=actor, via=via, data=_hazard_data(inspection, item, note, hazard_deadline)
            )
        rows.append(
            InspectionResult(
                inspection=inspection,
                item=item,
                item_text=item.text,
                outcome=outcome,
                note=note,
                hazard=hazard,
            )
        )
    InspectionResult.objects.bulk_create(rows)
    audit.record(
        actor=actor,
        action="inspection.create",
        instance=inspection,
        via=via,
        changes={
            **{k: [None, v] for k, v in audit.snapshot(inspection).items() if v not in (None, "")},
            "results": [None, {o: sum(1 for a in answers if a[1] == o) for o in Outcome.values}],
            "hazards": [None, [r.hazard.pk for r in rows if r.hazard]],
        },
    )
    return inspection
