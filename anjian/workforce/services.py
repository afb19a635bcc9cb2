"""Writes on inspectors, trainings and inductions: checked against the actor's unit,
validated, audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit, UnitKind
from anjian.core import audit, clock
from anjian.core.permissions import check_permission
from anjian.core.scoping import scope_queryset
from anjian.core.updates import model_update
from anjian.registry.models import Enterprise
from anjian.workforce import policy
from anjian.workforce.models import Induction, Inspector, Training, TrainingKind

INSPECTOR_FIELDS = (
    "name",
    "certificate_number",
    "certificate_issued_on",
    "certificate_expires_on",
    "active",
    "user",
)
TRAINING_FIELDS = ("title", "held_on", "hours", "kind", "initial", "attendees")
INDUCTION_FIELDS = ("worker", "starts_on", "company_hours", "workshop_hours", "team_hours")
MAX_CONFLICTS = 200
MAX_ATTENDING = 500


def _unit_of(actor, value) -> Unit:
    """The unit an inspector serves: a Unit, a code (department, town or `county`), or the
    actor's own unit when none is given; only a unit the actor manages."""
    own = Unit.of(actor)
    if own is None:
        raise PermissionDenied
    if value in (None, ""):
        unit = own
    elif isinstance(value, Unit):
        unit = value
    else:
        try:
            unit = Unit.from_code(str(value))
        except ValidationError as exc:
            raise ValidationError({"department": exc.messages}) from exc
    if unit.kind not in Inspector.UNIT_KINDS or not own.manages(unit):
        raise ValidationError({"department": _("This unit lies outside your jurisdiction.")})
    return unit


def _user(value, unit: Unit):
    """The platform account of an inspector: an active user who acts for the same unit."""
    if value in (None, ""):
        return None
    user = value if isinstance(value, get_user_model()) else None
    if user is None:
        try:
            user = get_user_model().objects.filter(pk=int(value)).first()
        except (TypeError, ValueError, OverflowError):
            user = None
    if user is None or not user.is_active or Unit.member_of(user) != unit:
        raise ValidationError({"user": _("Choose an active account of the inspector's unit.")})
    return user


def _conflicts(actor, value) -> list[Enterprise] | None:
    if value is None:
        return None
    items = list(value)
    if len(items) > MAX_CONFLICTS:
        raise ValidationError(
            {"conflicts": _("At most %(n)s units on a conflict list.") % {"n": MAX_CONFLICTS}}
        )
    ids = []
    for item in items:
        try:
            ids.append(item.pk if isinstance(item, Enterprise) else int(item))
        except (TypeError, ValueError, OverflowError) as exc:
            raise ValidationError({"conflicts": _("Give units by id.")}) from exc
    found = list(Enterprise.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"conflicts": _("No such unit.")})
    return found


def _renamed(data: dict[str, Any]) -> dict[str, Any]:
    """The API's `user_id`/`enterprise_id` (serializer sources) under their names."""
    data = dict(data)
    for name in ("user", "enterprise"):
        if f"{name}_id" in data:
            data[name] = data.pop(f"{name}_id")
    return data


@transaction.atomic
def inspector_create(*, actor, data: dict[str, Any], via: str = "web") -> Inspector:
    """Register an inspector of the actor's unit or of a unit it manages (`department`)."""
    check_permission(actor, "officer")
    data = _renamed(data)
    unit = _unit_of(actor, data.get("department"))
    values = {k: v for k, v in data.items() if k in INSPECTOR_FIELDS and k != "user"}
    inspector = Inspector(**values)
    inspector.set_unit(unit)
    inspector.user = _user(data.get("user"), unit)
    conflicts = _conflicts(actor, data.get("conflicts"))
    inspector.full_clean()
    inspector.save()
    if conflicts:
        inspector.conflicts.set(conflicts)
    audit.record_create(actor=actor, instance=inspector, via=via)
    return inspector


@transaction.atomic
def inspector_update(
    *, actor, inspector: Inspector, data: dict[str, Any], via: str = "web"
) -> Inspector:
    """Change an inspector's name, certificate, account, post or conflict list; a unit the
    actor manages may also move them to another unit it manages."""
    check_permission(actor, "officer")
    locked = Inspector.objects.select_for_update(of=("self",)).get(pk=inspector.pk)
    if not policy.can_manage_inspector(actor, locked):
        raise PermissionDenied
    data = _renamed(data)
    unit = locked.unit
    if data.get("department") not in (None, ""):
        unit = _unit_of(actor, data["department"])
    if "user" in data:
        data["user"] = _user(data["user"], unit)
    conflicts = _conflicts(actor, data.get("conflicts"))

    def _move(instance: Inspector) -> None:
        if unit != instance.unit:
            instance.set_unit(unit)

    locked, changes = model_update(
        actor=actor,
        instance=locked,
        data=data,
        fields=INSPECTOR_FIELDS,
        via=via,
        before_clean=_move,
    )
    if conflicts is not None:
        before = sorted(locked.conflicts.values_list("pk", flat=True))
        after = sorted(e.pk for e in conflicts)
        if before != after:
            locked.conflicts.set(conflicts)
            audit.record(
                actor=actor,
                action="inspector.conflicts",
                instance=locked,
                via=via,
                changes={"conflicts": [before, after]},
            )
    return locked


def _training_owner(actor, data: dict[str, Any]) -> Unit:
    own = Unit.of(actor)
    if own is None:
        raise PermissionDenied
    if own.kind == UnitKind.ENTERPRISE:
        return own
    enterprise = data.get("enterprise")
    if enterprise:
        if not isinstance(enterprise, Enterprise):
            try:
                enterprise = Enterprise.objects.filter(pk=int(enterprise)).first()
            except (TypeError, ValueError, OverflowError):
                enterprise = None
            if enterprise is None:
                raise ValidationError({"enterprise": _("No such enterprise.")})
        if not own.covers(
            town_id=enterprise.town_id, sector_id=enterprise.sector_id, enterprise_id=enterprise.pk
        ):
            raise ValidationError({"enterprise": _("This unit lies outside your jurisdiction.")})
        return Unit.of_enterprise(enterprise)
    return own


def _attending(actor, value) -> list[Inspector]:
    items = list(value or [])
    if len(items) > MAX_ATTENDING:
        raise ValidationError({"inspectors": _("Too many inspectors.")})
    ids = []
    for item in items:
        try:
            ids.append(item.pk if isinstance(item, Inspector) else int(item))
        except (TypeError, ValueError, OverflowError) as exc:
            raise ValidationError({"inspectors": _("Give inspectors by id.")}) from exc
    found = list(scope_queryset(Inspector.objects.all(), actor).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"inspectors": _("An inspector named is not in your register.")})
    return found


@transaction.atomic
def training_create(*, actor, data: dict[str, Any], via: str = "web") -> Training:
    """Record a training: an inspectors' training of the actor's unit (naming the inspectors
    who attended), or a training of an enterprise in its jurisdiction (an enterprise user: its
    own). Not before it was held."""
    check_permission(actor, "write")
    data = _renamed(data)
    owner = _training_owner(actor, data)
    kind = data.get("kind")
    attending = _attending(actor, data.get("inspectors"))
    errors = {}
    if kind == TrainingKind.INSPECTOR:
        if owner.kind == UnitKind.ENTERPRISE:
            errors["kind"] = _("An enterprise does not train inspectors; choose another kind.")
        elif not attending:
            errors["inspectors"] = _("Name the inspectors who attended.")
    elif attending:
        errors["inspectors"] = _("Only an inspectors' training names inspectors.")
    held_on = data.get("held_on")
    if held_on is not None and hasattr(held_on, "year") and held_on > clock.today():
        errors["held_on"] = _("A training is recorded once it has been held.")
    if errors:
        raise ValidationError(errors)
    values = {k: v for k, v in data.items() if k in TRAINING_FIELDS}
    if kind == TrainingKind.INSPECTOR and not values.get("attendees"):
        values["attendees"] = len(attending)
    training = Training(**values, created_by=actor if getattr(actor, "pk", None) else None)
    training.set_unit(owner)
    training.full_clean()
    training.save()
    if attending:
        training.inspectors.set(attending)
    audit.record_create(actor=actor, instance=training, via=via)
    return training


@transaction.atomic
def induction_create(*, actor, data: dict[str, Any], via: str = "web") -> Induction:
    """Record a new worker's 三级安全教育 at an enterprise in the actor's jurisdiction."""
    check_permission(actor, "write")
    owner = _training_owner(actor, data)
    if owner.kind != UnitKind.ENTERPRISE:
        raise ValidationError({"enterprise": _("Name the enterprise.")})
    induction = Induction(
        enterprise=owner.obj,
        **{k: v for k, v in data.items() if k in INDUCTION_FIELDS},
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    induction.full_clean()
    induction.save()
    audit.record_create(actor=actor, instance=induction, via=via)
    return induction
