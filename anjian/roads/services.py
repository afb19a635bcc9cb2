"""Writes for dangerous road sections (§17): registration with its hazard, joint acceptance,
and school bus routes."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.models import Sector
from anjian.accounts.units import Unit, UnitKind
from anjian.core import audit, clock
from anjian.core.actors import SYSTEM
from anjian.core.errors import Conflict
from anjian.core.permissions import check_permission
from anjian.core.scoping import in_scope
from anjian.core.updates import model_update
from anjian.hazards import services as hazards
from anjian.hazards import workflow
from anjian.hazards.models import HazardSource, HazardStatus

from .models import RoadSection, SchoolBusRoute, SectionSignoff

SECTION_FIELDS = ("town", "road", "from_km", "to_km", "kind", "owner", "police")
# What an edit may change: the town and the owning department stay those of the hazard.
SECTION_EDIT_FIELDS = ("road", "from_km", "to_km", "kind", "police")


class NotAwaitingAcceptance(Conflict):
    """The section's hazard is not awaiting acceptance (409)."""


class SectionClosed(Conflict):
    """The section's hazard is closed: the record is history (409)."""


def _location(section: RoadSection) -> str:
    return f"{section.road} K{section.from_km}–K{section.to_km}"[:200]


def _check_section(section: RoadSection) -> None:
    """Two departments for the joint acceptance, and the end not before the start."""
    errors = {}
    if section.owner_id and section.police_id and section.owner_id == section.police_id:
        errors["police"] = [_("Joint acceptance needs two departments.")]
    if (
        section.from_km is not None
        and section.to_km is not None
        and section.to_km < section.from_km
    ):
        errors["to_km"] = [_("The end lies before the start.")]
    if errors:
        raise ValidationError(errors)


def _check_scope(actor, town_id: int, sector_id: int, field: str = "town") -> None:
    if not in_scope(actor, town_id=town_id, sector_id=sector_id):
        raise ValidationError({field: _("This place lies outside your jurisdiction.")})


@transaction.atomic
def section_create(*, actor, data: dict[str, Any], deadline, via: str = "web") -> RoadSection:
    """Register a dangerous section and the hazard that tracks its rectification (五定 through
    the hazard)."""
    check_permission(actor, "officer")
    sector = Sector.objects.get(code="road_traffic")
    values = {k: v for k, v in data.items() if k in SECTION_FIELDS}
    for key in ("from_km", "to_km"):
        if isinstance(values.get(key), float | int) and not isinstance(values[key], bool):
            values[key] = Decimal(str(values[key]))  # 12.4, not 12.4000000000000003552…
    section = RoadSection(sector=sector, **values)
    _check_section(section)
    _check_scope(actor, section.town_id, sector.pk)
    section.hazard = hazards.hazard_create(
        actor=actor,
        data={
            "town": section.town_id,
            "sector": sector,
            "location": _location(section),
            "description": _("Dangerous road section: %(kind)s")
            % {"kind": section.get_kind_display()},
            "found_on": clock.today(),
            "found_by": getattr(actor, "username", "") or "system",
            "source": HazardSource.INSPECTION,
            "deadline": deadline,
            "owner_department": section.owner_id,
        },
        via=via,
    )
    section.full_clean()
    section.save()
    audit.record_create(actor=actor, instance=section, via=via)
    return section


@transaction.atomic
def section_update(*, actor, section: RoadSection, data: dict[str, Any], via: str = "web"):
    """Correct a section's road, chainage, kind or traffic police; the tracking hazard's
    location follows. The town and the owning department stay (they are the hazard's); a
    section whose hazard is closed is history and is not changed."""
    check_permission(actor, "officer")
    locked = (
        RoadSection.objects.select_for_update(of=("self",))
        .select_related("hazard")
        .get(pk=section.pk)
    )
    _check_scope(actor, locked.town_id, locked.sector_id)
    if locked.hazard.status == HazardStatus.CLOSED:
        raise SectionClosed(_("The section's hazard is closed; the section cannot be changed."))
    values = {k: v for k, v in data.items() if k in SECTION_EDIT_FIELDS}
    locked, changes = model_update(
        actor=actor,
        instance=locked,
        data=values,
        fields=SECTION_EDIT_FIELDS,
        via=via,
        before_clean=_check_section,
    )
    if {"road", "from_km", "to_km"} & set(changes):
        hazards.hazard_update(
            actor=actor, hazard=locked.hazard, data={"location": _location(locked)}, via=via
        )
    return locked


@transaction.atomic
def section_sign_off(*, actor, section: RoadSection, comment: str = "", via: str = "web"):
    """One side of the joint acceptance (the owning department or the traffic police); when
    both have signed, the hazard is accepted and closed. Returns the section's sign-offs."""
    check_permission(actor, "officer")
    unit = Unit.of(actor)
    if (
        unit is None
        or unit.kind != UnitKind.DEPARTMENT
        or unit.pk
        not in (
            section.owner_id,
            section.police_id,
        )
    ):
        raise PermissionDenied
    hazard = section.hazard
    if hazard.status != HazardStatus.AWAITING_ACCEPTANCE:
        raise NotAwaitingAcceptance(
            _("The section's rectification has not been submitted for acceptance.")
        )
    signoff, created = SectionSignoff.objects.get_or_create(
        section=section,
        department_id=unit.pk,
        defaults={"signed_by": actor, "signed_at": clock.now(), "comment": comment[:500]},
    )
    if created:
        audit.record(
            actor=actor,
            action="roadsection.sign_off",
            instance=section,
            via=via,
            changes={"signed_by": [None, unit.code]},
        )
    signed = set(section.signoffs.values_list("department_id", flat=True))
    if {section.owner_id, section.police_id} <= signed:
        workflow.hazard_accept(
            actor=SYSTEM, hazard=hazard, comment=_("Joint acceptance passed."), via=via
        )
    return list(section.signoffs.select_related("department"))


def _segments(raw: Any) -> list[dict]:
    if not isinstance(raw, list) or not raw or len(raw) > 100:
        raise ValidationError({"segments": [_("Give 1 to 100 segments.")]})
    clean = []
    for i, item in enumerate(raw):
        where = f"segments[{i}]"
        if not isinstance(item, dict) or not str(item.get("road") or "").strip():
            raise ValidationError(
                {"segments": [_("%(w)s: give road, from_km, to_km.") % {"w": where}]}
            )
        try:
            a = Decimal(str(item.get("from_km")))
            b = Decimal(str(item.get("to_km")))
        except (InvalidOperation, ValueError) as exc:
            raise ValidationError(
                {"segments": [_("%(w)s: chainage must be numbers.") % {"w": where}]}
            ) from exc
        if not (a.is_finite() and b.is_finite() and 0 <= a <= 10_000 and 0 <= b <= 10_000):
            raise ValidationError(
                {"segments": [_("%(w)s: chainage from 0 to 10000 km.") % {"w": where}]}
            )
        clean.append(
            {"road": str(item["road"]).strip()[:100], "from_km": float(a), "to_km": float(b)}
        )
    return clean


@transaction.atomic
def route_create(*, actor, data: dict[str, Any], via: str = "web") -> SchoolBusRoute:
    check_permission(actor, "officer")
    sector = Sector.objects.get(code="education")
    route = SchoolBusRoute(
        name=data.get("name", ""),
        town=data.get("town"),
        operator=data.get("operator", ""),
        sector=sector,
        segments=_segments(data.get("segments")),
    )
    route.full_clean()
    _check_scope(actor, route.town_id, sector.pk)
    route.save()
    audit.record_create(actor=actor, instance=route, via=via)
    return route
