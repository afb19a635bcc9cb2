"""Writes on publicity activities: recorded by the unit that organised them, audited."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.models import Role
from anjian.alerts.models import OrganiserKind, PublicityActivity
from anjian.core import audit
from anjian.core.permissions import check_permission
from anjian.core.scoping import department_sector_ids

PUBLICITY_FIELDS = ("title", "held_on", "place", "town", "sector", "participants", "material",
                    "description")


def _organiser(actor, activity: PublicityActivity) -> None:
    """Set the organiser from the actor's unit and keep town/sector inside its jurisdiction."""
    role = getattr(actor, "role", "")
    if getattr(actor, "is_superuser", False) or role == Role.COUNTY_ADMIN:
        activity.organiser_kind = OrganiserKind.COUNTY
    elif role == Role.TOWN_OFFICER:
        activity.organiser_kind = OrganiserKind.TOWN
        if activity.town_id and activity.town_id != actor.town_id:
            raise ValidationError({"town": _("This town lies outside your jurisdiction.")})
        activity.town_id = actor.town_id
    elif role == Role.DEPARTMENT_OFFICER:
        activity.organiser_kind = OrganiserKind.DEPARTMENT
        activity.department_id = actor.department_id
        if activity.sector_id and not department_sector_ids(actor.department_id).filter(
                sector_id=activity.sector_id).exists():
            raise ValidationError({"sector": _("This sector is not supervised by your department.")})
    elif role == Role.ENTERPRISE_USER:
        enterprise = actor.enterprise
        activity.organiser_kind = OrganiserKind.ENTERPRISE
        activity.enterprise_id = enterprise.pk
        activity.town_id, activity.sector_id = enterprise.town_id, enterprise.sector_id


@transaction.atomic
def publicity_create(*, actor, data: dict[str, Any], via: str = "web") -> PublicityActivity:
    """Record a publicity activity organised by the actor's unit (any role that writes)."""
    check_permission(actor, "write")
    activity = PublicityActivity(**{k: v for k, v in data.items() if k in PUBLICITY_FIELDS},
                                 created_by=actor if getattr(actor, "pk", None) else None)
    _organiser(actor, activity)
    activity.full_clean()
    activity.save()
    audit.record_create(actor=actor, instance=activity, via=via)
    return activity
