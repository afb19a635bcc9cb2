"""Writes on publicity activities: recorded by the unit that organised them, audited."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit, UnitKind
from anjian.alerts.models import PublicityActivity
from anjian.core import audit
from anjian.core.permissions import check_permission

PUBLICITY_FIELDS = (
    "title",
    "held_on",
    "place",
    "town",
    "sector",
    "participants",
    "material",
    "description",
)


def _organiser(actor, activity: PublicityActivity) -> None:
    """Set the organiser from the actor's unit and keep town/sector inside its jurisdiction."""
    unit = Unit.of(actor)
    activity.unit_kind = unit.kind
    activity.division_id = unit.fields().get("division_id")
    if unit.kind == UnitKind.ENTERPRISE:
        enterprise = unit.obj
        activity.enterprise_id = enterprise.pk
        activity.town_id, activity.sector_id = enterprise.town_id, enterprise.sector_id
        return
    if activity.town_id and not unit.towns().filter(pk=activity.town_id).exists():
        raise ValidationError({"town": _("This town lies outside your jurisdiction.")})
    if activity.sector_id and not unit.sectors().filter(pk=activity.sector_id).exists():
        raise ValidationError({"sector": _("This sector is not supervised by your department.")})
    if unit.kind == UnitKind.TOWN:
        activity.town_id = unit.pk
    elif unit.kind == UnitKind.DEPARTMENT:
        activity.department_id = unit.pk


@transaction.atomic
def publicity_create(*, actor, data: dict[str, Any], via: str = "web") -> PublicityActivity:
    """Record a publicity activity organised by the actor's unit (any role that writes)."""
    check_permission(actor, "write")
    activity = PublicityActivity(
        **{k: v for k, v in data.items() if k in PUBLICITY_FIELDS},
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _organiser(actor, activity)
    activity.full_clean()
    activity.save()
    audit.record_create(actor=actor, instance=activity, via=via)
    return activity
