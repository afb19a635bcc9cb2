"""Writes to hazards: registration, edits, county supervision (挂牌督办).

Every path (web, API, import, inspections, demo) registers a hazard through `hazard_create`.
The workflow (acknowledge → submit → accept/reject) and extensions are in `workflow.py`.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.models import County, Department, Sector, Town
from anjian.accounts.units import EnterpriseUnit, TownUnit, Unit, UnitKind, is_enterprise
from anjian.core import audit, clock
from anjian.core.dates import cn_date
from anjian.core.errors import Conflict
from anjian.core.permissions import check_permission
from anjian.core.scoping import in_scope
from anjian.core.updates import model_update
from anjian.notifications.services import notify

from . import policy
from .models import (
    FIVE_FIXES,
    PLAN_FIELDS,
    Hazard,
    HazardCriterion,
    HazardGrade,
    HazardSource,
    HazardStatus,
    SupervisionNotice,
)


class TransitionNotAllowed(Conflict):
    """The record's current state does not allow this change (API: 409; pages: a message)."""

    def __init__(self, message: str = "", *, status: str = "", action: str = ""):
        super().__init__(message)
        self.args = (message or f"{action!r} is not allowed from {status!r}",)
        self.status = status
        self.action = action


FOREIGN_KEYS = {
    "enterprise": None, "town": Town, "sector": Sector, "criterion": HazardCriterion,
    "owner_town": Town, "owner_department": Department,
}
CREATE_FIELDS = (
    "enterprise", "town", "sector", "location", "description", "grade", "criterion", "found_on",
    "found_by", "source", "deadline", "owner_town", "owner_department",
    *[f for f in FIVE_FIXES if f != "deadline"], *PLAN_FIELDS,
)
# What each side may change after registration (the deadline moves only by an extension).
OFFICER_EDIT_FIELDS = (
    "location", "description", "grade", "criterion", "found_on", "found_by",
    *[f for f in FIVE_FIXES if f != "deadline"], *PLAN_FIELDS,
)
ENTERPRISE_EDIT_FIELDS = (*[f for f in FIVE_FIXES if f != "deadline"], *PLAN_FIELDS)
# Not the grade: an enterprise must not turn its major self-check into one it may accept itself.
SELF_CHECK_EDIT_FIELDS = ("location", "description", "found_on", "found_by")


def _values(data: dict[str, Any], fields) -> dict[str, Any]:
    """The attribute values `data` gives for `fields`; foreign keys take an instance or a
    primary key."""
    values = {}
    for key in fields:
        if key not in data:
            continue
        value = data[key]
        if key in FOREIGN_KEYS:
            if value is None or hasattr(value, "pk"):
                values[key] = value
            else:
                values[f"{key}_id"] = int(value) if str(value).isdigit() else value
        elif value is None and not Hazard._meta.get_field(key).null:
            values[key] = ""
        else:
            values[key] = value
    return values


def _assign(hazard: Hazard, data: dict[str, Any], fields) -> None:
    for key, value in _values(data, fields).items():
        setattr(hazard, key, value)


def _derive(hazard: Hazard, *, previous_criterion_id: int | None = None) -> None:
    """Denormalise town and sector from the enterprise; a matched criterion means major, and
    the standard it belongs to is kept with the hazard (the version it was judged by)."""
    if hazard.enterprise_id:
        enterprise = hazard.enterprise
        hazard.town_id = enterprise.town_id
        hazard.sector_id = enterprise.sector_id
    if hazard.criterion_id:
        hazard.grade = HazardGrade.MAJOR
        if hazard.criterion_id != previous_criterion_id or not hazard.criterion_standard:
            hazard.criterion_standard = hazard.criterion.standard
    else:
        hazard.criterion_standard = ""


def _check_scope(actor, hazard: Hazard) -> None:
    if not in_scope(actor, town_id=hazard.town_id, sector_id=hazard.sector_id,
                    enterprise_id=hazard.enterprise_id):
        field = "enterprise" if hazard.enterprise_id else "town"
        raise ValidationError({field: _("This place lies outside your jurisdiction.")})


def _set_owner(actor, hazard: Hazard, data: dict[str, Any]) -> None:
    """The government unit that found the hazard owns its acceptance."""
    if hazard.source == HazardSource.SELF_CHECK:
        hazard.owner_town_id = hazard.owner_department_id = None
    elif (unit := Unit.of(actor)) is not None and unit.kind in (UnitKind.TOWN,
                                                                  UnitKind.DEPARTMENT):
        hazard.owner_town_id = unit.pk if unit.kind == UnitKind.TOWN else None
        hazard.owner_department_id = unit.pk if unit.kind == UnitKind.DEPARTMENT else None
    elif not policy.is_county(actor):
        hazard.owner_town_id = hazard.owner_department_id = None
    # The county (or the system, for imports and the demo) may name the owner in `data`.


def hazard_build(*, actor, data: dict[str, Any]) -> Hazard:
    """An unsaved, validated hazard in the actor's scope (create and the importer use it)."""
    hazard = Hazard()
    _assign(hazard, data, CREATE_FIELDS)
    if is_enterprise(actor):
        # An enterprise registers what it found itself, for itself.
        hazard.source = HazardSource.SELF_CHECK
        if hazard.enterprise_id is None:
            hazard.enterprise_id = actor.enterprise_id
    elif not hazard.source:
        hazard.source = HazardSource.INSPECTION
    elif hazard.source == HazardSource.SELF_CHECK and hazard.enterprise_id is None:
        raise ValidationError({"source": _("A self-check hazard belongs to an enterprise.")})
    if hazard.enterprise_id is None and (not hazard.town_id or not hazard.sector_id):
        errors = {}
        if not hazard.town_id:
            errors["town"] = [_("A public-place hazard needs its town.")]
        if not hazard.sector_id:
            errors["sector"] = [_("A public-place hazard needs its sector.")]
        raise ValidationError(errors)
    _derive(hazard)
    _set_owner(actor, hazard, data)
    if hazard.deadline:
        hazard.original_deadline = hazard.deadline
    hazard.status = HazardStatus.PENDING
    hazard.full_clean()
    _check_scope(actor, hazard)
    return hazard


@transaction.atomic
def hazard_create(*, actor, data: dict[str, Any], via: str = "web") -> Hazard:
    """Register a hazard (登记). A major one goes under county supervision at once.

    `data`: `enterprise` (instance or id) or `town` + `sector` + `location` for a public place;
    `description`, `grade`, `criterion`, `found_on`, `found_by`, `source`, `deadline` and the
    五定 / 治理方案 fields. An enterprise user always registers a self-check of its own unit.
    """
    check_permission(actor, "write")
    hazard = hazard_build(actor=actor, data=data)
    hazard.reported_by = actor if getattr(actor, "pk", None) else None
    hazard.save()
    audit.record_create(actor=actor, instance=hazard, via=via)
    if hazard.is_major:
        hazard_supervise(actor=actor, hazard=hazard, via=via)
    return hazard


@transaction.atomic
def hazard_update(*, actor, hazard: Hazard, data: dict[str, Any], via: str = "web") -> Hazard:
    """Change a hazard's description, grade or 五定; the enterprise changes its 五定 and plan."""
    check_permission(actor, "write")
    locked = (Hazard.objects.select_for_update(of=("self",)).select_related("enterprise")
              .get(pk=hazard.pk))
    _check_scope(actor, locked)
    if not policy.can_edit(actor, locked):
        raise PermissionDenied
    if locked.status == HazardStatus.CLOSED:
        raise TransitionNotAllowed(_("A closed hazard cannot be changed."),
                                   status=locked.status, action="update")
    if is_enterprise(actor):
        allowed = ENTERPRISE_EDIT_FIELDS
        if locked.source == HazardSource.SELF_CHECK:
            allowed = (*allowed, *SELF_CHECK_EDIT_FIELDS)
    else:
        allowed = OFFICER_EDIT_FIELDS
    refused = [key for key in data if key not in allowed and key in CREATE_FIELDS
               and _differs(locked, key, data[key])]
    if refused:
        raise PermissionDenied
    was_major = locked.is_major
    previous_criterion_id = locked.criterion_id
    values = _values(data, allowed)
    model_update(actor=actor, instance=locked, data=values, fields=values, via=via,
                 before_clean=lambda h: _derive(h, previous_criterion_id=previous_criterion_id))
    if locked.is_major and not was_major and not locked.supervised:
        hazard_supervise(actor=actor, hazard=locked, via=via)
    return locked


def _differs(hazard: Hazard, key: str, value) -> bool:
    if key in FOREIGN_KEYS:
        current = getattr(hazard, f"{key}_id")
        return current != (getattr(value, "pk", value) if value not in ("", None) else None)
    current = getattr(hazard, key)
    return current != value and not (current in (None, "") and value in (None, ""))


def _supervising_unit() -> str:
    county = County.objects.first()
    return _("%(county)s Work Safety Committee Office") % {"county": county.name if county else ""}


def hazard_supervise(*, actor, hazard: Hazard, via: str = "web") -> SupervisionNotice:
    """挂牌督办: put a major hazard under county supervision with a notice, and tell the units.

    Called inside the registering (or regrading) transaction.
    """
    today = clock.today()
    notice = SupervisionNotice.objects.create(
        hazard=hazard,
        number=_("Supervision [%(year)s] No. %(number)s") % {"year": today.year,
                                                              "number": hazard.pk},
        issued_on=today,
        supervising_unit=_supervising_unit(),
        requirements=_(
            "Draw up and carry out the rectification plan (objectives and tasks; methods and "
            "measures; funds and materials; responsible organisation and persons; time limit "
            "and requirements; safety measures and emergency plan); take safety measures while "
            "rectifying; finish by %(deadline)s and apply for acceptance."
        ) % {"deadline": cn_date(hazard.deadline)},
    )
    Hazard.objects.filter(pk=hazard.pk).update(supervised=True)
    hazard.supervised = True
    audit.record(actor=actor, action="hazard.supervise", instance=hazard,
                 changes={"supervised": [False, True], "notice": [None, notice.number]}, via=via)
    recipients = list(responsible_users(hazard))
    title = _("Major hazard under county supervision: %(hazard)s") % {"hazard": str(hazard)}
    url = hazard.get_absolute_url()
    transaction.on_commit(lambda: notify(recipients=recipients, kind="hazard.supervised",
                                         title=title[:200], key=f"hazard.supervised:{hazard.pk}",
                                         url=url))
    return notice


def responsible_users(hazard: Hazard):
    """The users of the units answerable for a hazard: the enterprise, its town, its departments
    and the owning unit."""
    units = Unit.covering(town_id=hazard.town_id, sector_id=hazard.sector_id,
                          enterprise_id=hazard.enterprise_id)
    if hazard.owner_department_id:
        units.append(Unit.named(UnitKind.DEPARTMENT, hazard.owner_department_id))
    return Unit.users_of(units)


def enterprise_users(hazard: Hazard):
    if hazard.enterprise_id:
        return EnterpriseUnit(hazard.enterprise_id).users()
    return TownUnit(hazard.town_id).users()
