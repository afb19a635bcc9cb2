"""Writes on emergency plans and drills: checked against the actor's unit, validated, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit, UnitKind
from anjian.core import audit
from anjian.core.errors import Conflict
from anjian.core.permissions import check_permission
from anjian.core.updates import model_update
from anjian.emergency import policy
from anjian.emergency.models import Drill, EmergencyPlan, RevisionTrigger

PLAN_FIELDS = ("kind", "title", "published_on", "filed_on", "filing_number", "evaluated_on")
DRILL_FIELDS = ("held_on", "form", "participants", "evaluation", "problems")


def _owner(actor, data: dict[str, Any]) -> Unit:
    """The unit a new plan belongs to: `enterprise` (instance or id) or `unit` (a code or a
    Unit); without either, the actor's own unit."""
    enterprise = data.get("enterprise")
    code = data.get("unit")
    if enterprise and code:
        raise ValidationError({"unit": _("Give either a unit or an enterprise, not both.")})
    if enterprise:
        from anjian.registry.models import Enterprise

        if not isinstance(enterprise, Enterprise):
            enterprise = Enterprise.objects.filter(pk=enterprise).first()
            if enterprise is None:
                raise ValidationError({"enterprise": _("No such enterprise.")})
        return Unit.of_enterprise(enterprise)
    if code:
        return code if isinstance(code, Unit) else Unit.from_code(code)
    unit = Unit.of(actor)
    if unit is None:
        raise PermissionDenied
    return unit


def plan_build(*, actor, data: dict[str, Any]) -> EmergencyPlan:
    """An unsaved, validated plan of the actor's unit, of a unit it manages, or of an
    enterprise in its jurisdiction (an enterprise user: always its own)."""
    check_permission(actor, "write")
    actor_unit = Unit.of(actor)
    owner = actor_unit if actor_unit.kind == UnitKind.ENTERPRISE else _owner(actor, data)
    plan = EmergencyPlan(
        **{k: v for k, v in data.items() if k in PLAN_FIELDS},
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    plan.set_unit(owner)
    if not policy.can_edit(actor, plan):
        field = "enterprise" if plan.enterprise_id else "unit"
        raise ValidationError({field: _("This unit lies outside your jurisdiction.")})
    plan.full_clean()
    return plan


@transaction.atomic
def plan_create(*, actor, data: dict[str, Any], via: str = "web") -> EmergencyPlan:
    """Record a plan (see `plan_build` for whose)."""
    plan = plan_build(actor=actor, data=data)
    plan.save()
    audit.record_create(actor=actor, instance=plan, via=via)
    return plan


@transaction.atomic
def plan_bulk_create(*, actor, plans: list[EmergencyPlan], via: str = "import") -> None:
    """Save plans built by `plan_build` (the Excel import), one audit entry each."""
    check_permission(actor, "write")
    EmergencyPlan.objects.bulk_create(plans)
    audit.bulk_record_create(actor=actor, instances=plans, via=via)


def _locked_plan(actor, plan: EmergencyPlan) -> EmergencyPlan:
    locked = (
        EmergencyPlan.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .get(pk=plan.pk)
    )
    if not policy.can_edit(actor, locked):
        raise PermissionDenied
    return locked


@transaction.atomic
def plan_update(
    *, actor, plan: EmergencyPlan, data: dict[str, Any], via: str = "web"
) -> EmergencyPlan:
    """Change a plan's title, dates or filing (备案) number; its unit stays."""
    check_permission(actor, "write")
    locked = _locked_plan(actor, plan)
    if any(data.get(key) for key in ("unit", "enterprise")):
        owner = _owner(actor, {k: data.get(k) for k in ("unit", "enterprise")})
        if owner != locked.unit:
            raise ValidationError({"unit": _("A plan cannot move to another unit.")})
    first_drill = locked.drills.order_by("held_on").values_list("held_on", flat=True).first()

    def _drills_after_publication(instance: EmergencyPlan) -> None:
        if first_drill and instance.published_on and instance.published_on > first_drill:
            raise ValidationError(
                {"published_on": _("A drill of this plan was held before that day.")}
            )

    locked, _changes = model_update(
        actor=actor,
        instance=locked,
        data=data,
        fields=PLAN_FIELDS,
        via=via,
        before_clean=_drills_after_publication,
    )
    return locked


@transaction.atomic
def plan_revision_add(
    *, actor, plan: EmergencyPlan, day: dt.date, trigger: str, note: str = "", via: str = "web"
) -> EmergencyPlan:
    """Record a revision trigger of 令第2号 Art. 36 (law, organisation, risk, resources, drill)."""
    check_permission(actor, "write")
    locked = _locked_plan(actor, plan)
    if trigger not in RevisionTrigger.values:
        raise ValidationError({"trigger": _("Choose a trigger from the list.")})
    if not isinstance(day, dt.date):
        raise ValidationError({"date": _("Enter a valid date.")})
    if day < locked.published_on:
        raise ValidationError({"date": _("A revision cannot precede the plan's publication.")})
    entry = {"date": day.isoformat(), "trigger": trigger, "note": note.strip()}
    locked.revisions = sorted([*locked.revisions, entry], key=lambda e: e["date"])
    locked.full_clean()
    locked.save(update_fields=["revisions"])
    audit.record(
        actor=actor,
        action="emergencyplan.revision_add",
        instance=locked,
        changes={"revisions": [None, entry]},
        via=via,
    )
    return locked


@transaction.atomic
def drill_create(*, actor, plan: EmergencyPlan, data: dict[str, Any], via: str = "web") -> Drill:
    """Record a drill held against `plan` (not before the plan's publication)."""
    check_permission(actor, "write")
    locked = _locked_plan(actor, plan)
    drill = Drill(
        plan=locked,
        **{k: v for k, v in data.items() if k in DRILL_FIELDS},
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    drill.full_clean()
    drill.save()
    audit.record_create(actor=actor, instance=drill, via=via)
    return drill


@transaction.atomic
def drill_raise_hazard(
    *, actor, drill: Drill, data: dict[str, Any] | None = None, via: str = "web"
):
    """Turn the drill's problems into a hazard (a self-check for an enterprise's own drill, an
    inspection finding for a government's), linked from the drill. `data` adds the hazard's
    `deadline` and `grade`, and for a government plan the `town`, `sector` and `location`
    (or an `enterprise`) the problem lies at."""
    from anjian.hazards.models import HazardSource
    from anjian.hazards.services import hazard_create

    check_permission(actor, "write")
    locked = (
        Drill.objects.select_for_update(of=("self",))
        .select_related("plan__enterprise")
        .get(pk=drill.pk)
    )
    if not policy.can_edit(actor, locked.plan):
        raise PermissionDenied
    if locked.hazard_id:
        raise Conflict(_("The problems of this drill are a hazard already."))
    if not locked.problems.strip():
        raise ValidationError({"problems": _("The drill recorded no problems.")})
    data = dict(data or {})
    plan = locked.plan
    hazard_data = {
        "description": _("Drill of %(day)s against “%(plan)s”: %(problems)s")
        % {
            "day": locked.held_on.isoformat(),
            "plan": plan.title,
            "problems": locked.problems.strip(),
        },
        "found_on": locked.held_on,
        "found_by": (getattr(actor, "get_full_name", lambda: "")() or actor.get_username())[:100],
        "grade": data.get("grade") or "general",
        "deadline": data.get("deadline"),
    }
    if not hazard_data["deadline"]:
        raise ValidationError({"deadline": _("Give the rectification deadline.")})
    if plan.enterprise_id:
        hazard_data.update(enterprise=plan.enterprise, source=HazardSource.SELF_CHECK)
    else:
        hazard_data["source"] = HazardSource.INSPECTION
        for key in ("enterprise", "town", "sector", "location"):
            if data.get(key):
                hazard_data[key] = data[key]
        if plan.unit_kind == UnitKind.TOWN and not hazard_data.get("enterprise"):
            hazard_data.setdefault("town", plan.town)
    hazard = hazard_create(actor=actor, data=hazard_data, via=via)
    locked.hazard = hazard
    locked.save(update_fields=["hazard"])
    audit.record(
        actor=actor,
        action="drill.raise_hazard",
        instance=locked,
        changes={"hazard": [None, hazard.pk]},
        via=via,
    )
    return hazard


def plan_attach(*, actor, plan: EmergencyPlan, upload, via: str = "web"):
    """Attach a document to a plan (JPG, PNG, PDF, DOCX or XLSX, checked by its content)."""
    from anjian.emergency.models import PlanAttachment
    from anjian.hazards.evidence import check_upload, removed_on_failure, storage_name

    check_permission(actor, "write")
    try:
        check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.message_dict["evidence"]}) from exc
    with removed_on_failure() as stored, transaction.atomic():
        locked = _locked_plan(actor, plan)
        item = PlanAttachment(
            plan=locked,
            name=storage_name(upload.name),
            size=upload.size,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        item.file.save(storage_name(upload.name), upload, save=False)
        stored.append(item.file)
        item.save()
        audit.record(
            actor=actor,
            action="emergencyplan.attach",
            instance=locked,
            via=via,
            changes={"attachments": [None, item.name]},
        )
    return item
