"""Writes: leaders' assignments, the department–sector matrix, findings, accountability."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.models import Department, Sector
from anjian.accounts.units import Unit, UnitKind
from anjian.assessment.models import (
    AccidentFinding,
    AccountabilityRecord,
    FiveInPlace,
    FiveInPlaceEvidence,
    FiveItem,
    Responsibility,
    SafetyPosition,
    SectorDuty,
    SectorPart,
)
from anjian.core import audit
from anjian.core.permissions import check_permission
from anjian.core.scoping import scope_queryset
from anjian.core.updates import model_update

RESPONSIBILITY_FIELDS = ("person", "user", "title", "year")


def _check_places(*, actor, towns, sectors) -> None:
    """Every town and sector named must lie in the actor's jurisdiction."""
    unit = Unit.of(actor)
    allowed_towns = set(unit.towns().values_list("pk", flat=True))
    allowed_sectors = set(unit.sectors().values_list("pk", flat=True))
    if any(t.pk not in allowed_towns for t in towns):
        raise ValidationError({"towns": _("A town is outside your jurisdiction.")})
    if any(s.pk not in allowed_sectors for s in sectors):
        raise ValidationError({"sectors": _("A sector is outside your jurisdiction.")})


def _links(responsibility: Responsibility) -> dict:
    return {
        "sectors": sorted(responsibility.sectors.values_list("code", flat=True)),
        "towns": sorted(responsibility.towns.values_list("code", flat=True)),
    }


@transaction.atomic
def responsibility_create(*, actor, data: dict, via: str = "web") -> Responsibility:
    """Record a leader's assignment for a year: the sectors in charge (分管) and the towns
    linked (包联). County admin only."""
    check_permission(actor, "county_admin")
    towns, sectors = list(data.get("towns") or []), list(data.get("sectors") or [])
    _check_places(actor=actor, towns=towns, sectors=sectors)
    responsibility = Responsibility(**{f: data[f] for f in RESPONSIBILITY_FIELDS if f in data})
    responsibility.full_clean()
    responsibility.save()
    responsibility.towns.set(towns)
    responsibility.sectors.set(sectors)
    audit.record_create(actor=actor, instance=responsibility, via=via)
    audit.record(
        actor=actor,
        action="responsibility.assign",
        instance=responsibility,
        changes={k: [None, v] for k, v in _links(responsibility).items()},
        via=via,
    )
    return responsibility


@transaction.atomic
def responsibility_update(
    *, actor, responsibility: Responsibility, data: dict, via: str = "web"
) -> Responsibility:
    """Change an assignment; the sectors and towns given replace the old ones."""
    check_permission(actor, "county_admin")
    locked = Responsibility.objects.select_for_update(of=("self",)).get(pk=responsibility.pk)
    before, links_before = audit.snapshot(locked), _links(locked)
    for field in RESPONSIBILITY_FIELDS:
        if field in data:
            setattr(locked, field, data[field])
    towns = list(data["towns"]) if "towns" in data else None
    sectors = list(data["sectors"]) if "sectors" in data else None
    _check_places(actor=actor, towns=towns or [], sectors=sectors or [])
    locked.full_clean()
    locked.save()
    if towns is not None:
        locked.towns.set(towns)
    if sectors is not None:
        locked.sectors.set(sectors)
    audit.record_update(actor=actor, instance=locked, before=before, via=via)
    links = _links(locked)
    changed = {k: [links_before[k], v] for k, v in links.items() if links_before[k] != v}
    if changed:
        audit.record(
            actor=actor, action="responsibility.assign", instance=locked, changes=changed, via=via
        )
    return locked


@transaction.atomic
def responsibility_delete(*, actor, responsibility: Responsibility, via: str = "web") -> None:
    check_permission(actor, "county_admin")
    audit.record_delete(actor=actor, instance=responsibility, via=via)
    responsibility.delete()


@transaction.atomic
def sector_duty_set(
    *, actor, sector: Sector, lead: Department | None, cooperating, via: str = "web"
) -> list[SectorDuty]:
    """Set a sector's lead (牵头) and co-operating (配合) departments. They replace the sector's
    supervising departments, so each department's `sectors` (v1) stays the sectors it has a
    part in, and department officers see the sector's records."""
    check_permission(actor, "county_admin")
    cooperating = [d for d in cooperating if d != lead]
    Sector.objects.select_for_update(of=("self",)).filter(pk=sector.pk).first()
    before = {
        "lead": list(
            sector.duties.filter(part=SectorPart.LEAD).values_list("department__code", flat=True)
        ),
        "cooperating": sorted(
            sector.duties.filter(part=SectorPart.COOPERATE).values_list(
                "department__code", flat=True
            )
        ),
        "departments": sorted(sector.departments.values_list("code", flat=True)),
    }
    sector.duties.all().delete()
    duties = [SectorDuty(sector=sector, department=lead, part=SectorPart.LEAD)] if lead else []
    duties += [
        SectorDuty(sector=sector, department=d, part=SectorPart.COOPERATE) for d in cooperating
    ]
    for duty in duties:
        duty.full_clean(validate_constraints=False)
    SectorDuty.objects.bulk_create(duties)
    sector.departments.set([d.department for d in duties])
    after = {
        "lead": [lead.code] if lead else [],
        "cooperating": sorted(d.code for d in cooperating),
        "departments": sorted(d.department.code for d in duties),
    }
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if changes:
        audit.record(actor=actor, action="sector.duties", instance=sector, changes=changes, via=via)
    return duties


@transaction.atomic
def finding_create(
    *, actor, accident, kind: str, note: str = "", via: str = "web"
) -> AccidentFinding:
    """Record an investigation finding on how an accident was reported (迟报/漏报/谎报/瞒报);
    county admin only, on an accident in scope."""
    check_permission(actor, "county_admin")
    finding = AccidentFinding(
        accident=accident,
        kind=kind,
        note=note,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    finding.full_clean()
    finding.save()
    audit.record_create(actor=actor, instance=finding, via=via)
    return finding


def _in_scope(actor, model, pk, field: str):
    if pk is None:
        return None
    obj = scope_queryset(model.objects.all(), actor).filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: _("No such record in your jurisdiction.")})
    return obj


@transaction.atomic
def accountability_create(
    *, actor, unit: Unit, data: dict, via: str = "web"
) -> AccountabilityRecord:
    """Record a measure (约谈, 通报批评, 责令整改, 问责) against a town, a department or an
    enterprise, with the accident or hazard that caused it (both must be in scope)."""
    from anjian.accidents.models import Accident
    from anjian.hazards.models import Hazard

    check_permission(actor, "county_admin")
    if unit.kind not in AccountabilityRecord.UNIT_KINDS:
        raise ValidationError({"unit": _("Choose a town, a department or an enterprise.")})
    accident = data.get("accident")
    hazard = data.get("hazard")
    record = AccountabilityRecord(
        unit_kind=unit.kind,
        kind=data.get("kind", ""),
        reason=data.get("reason", ""),
        date=data.get("date"),
        decided_by=data.get("decided_by", ""),
        accident=_in_scope(actor, Accident, getattr(accident, "pk", accident), "accident"),
        hazard=_in_scope(actor, Hazard, getattr(hazard, "pk", hazard), "hazard"),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if unit.kind == UnitKind.ENTERPRISE:
        _in_scope(actor, unit.get_model(), unit.pk, "unit")
    setattr(record, f"{unit.field}_id", unit.pk)
    record.full_clean()
    record.save()
    audit.record_create(actor=actor, instance=record, via=via)
    return record


# --- the enterprises' own lists ----------------------------------------------------------------

POSITION_FIELDS = ("position", "holder", "duties", "signed", "signed_on")


def _check_keeper(actor, enterprise) -> None:
    from django.core.exceptions import PermissionDenied

    from anjian.assessment.policy import can_keep_lists

    check_permission(actor, "write")
    if not scope_queryset(type(enterprise).objects.filter(pk=enterprise.pk), actor).exists():
        from django.http import Http404

        raise Http404
    if not can_keep_lists(actor, enterprise):
        raise PermissionDenied


@transaction.atomic
def safety_position_create(*, actor, enterprise, data: dict, via: str = "web") -> SafetyPosition:
    """Add a position to the enterprise's 全员安全生产责任制 (the enterprise itself)."""
    _check_keeper(actor, enterprise)
    position = SafetyPosition(
        enterprise=enterprise, **{f: data[f] for f in POSITION_FIELDS if f in data}
    )
    position.full_clean()
    position.save()
    audit.record_create(actor=actor, instance=position, via=via)
    return position


@transaction.atomic
def safety_position_update(
    *, actor, position: SafetyPosition, data: dict, via: str = "web"
) -> SafetyPosition:
    _check_keeper(actor, position.enterprise)
    locked = SafetyPosition.objects.select_for_update(of=("self",)).get(pk=position.pk)
    locked, _diff = model_update(
        actor=actor, instance=locked, data=data, fields=POSITION_FIELDS, via=via
    )
    return locked


@transaction.atomic
def safety_position_delete(*, actor, position: SafetyPosition, via: str = "web") -> None:
    _check_keeper(actor, position.enterprise)
    audit.record_delete(actor=actor, instance=position, via=via)
    position.delete()


def five_in_place_set(
    *, actor, enterprise, item: str, in_place: bool, note: str = "", uploads=(), via: str = "web"
) -> FiveInPlace:
    """Tick (or untick) one 五到位 item and attach evidence files, checked by their content
    like hazard evidence."""
    from anjian.hazards.evidence import (
        check_upload,
        check_uploads,
        removed_on_failure,
        storage_name,
    )

    uploads = list(uploads or ())
    check_uploads(uploads)
    _check_keeper(actor, enterprise)
    if item not in FiveItem.values:
        raise ValidationError({"item": _("Choose one of the five items.")})
    with removed_on_failure() as stored, transaction.atomic():
        row, _created = FiveInPlace.objects.select_for_update(of=("self",)).get_or_create(
            enterprise=enterprise, item=item
        )
        row, _diff = model_update(
            actor=actor,
            instance=row,
            data={"in_place": in_place, "note": note},
            fields=("in_place", "note"),
            via=via,
        )
        names = []
        for upload in uploads:
            kind, _type = check_upload(upload)
            evidence = FiveInPlaceEvidence(
                check_item=row,
                kind=kind,
                name=upload.name[:200],
                size=upload.size,
                uploaded_by=actor if getattr(actor, "pk", None) else None,
            )
            evidence.file.save(storage_name(upload.name), upload, save=False)
            stored.append(evidence.file)
            evidence.save()
            names.append(evidence.name)
        if names:
            audit.record(
                actor=actor,
                action="fiveinplace.evidence",
                instance=row,
                via=via,
                changes={"evidence": [None, names]},
            )
    return row
