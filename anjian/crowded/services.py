"""Writes to the crowded-places register and fire-hazard judgements (§16)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.models import Sector
from anjian.core import audit
from anjian.core.permissions import check_permission
from anjian.core.scoping import in_scope
from anjian.core.updates import model_update
from anjian.hazards import services as hazards
from anjian.hazards.models import HazardGrade, HazardSource, criterion_not_in_force

from . import rules
from .models import CrowdedPlace, FireJudgement

PLACE_FIELDS = (
    "name",
    "enterprise",
    "town",
    "address",
    "place_type",
    "labour_intensive",
    "key_unit",
    "key_category",
    "fire_safety_manager",
)


def _derive(place: CrowdedPlace) -> None:
    if place.enterprise_id:
        place.town_id = place.enterprise.town_id
    place.crowded = rules.is_crowded(place.place_type, labour_intensive=place.labour_intensive)
    place.public_gathering = rules.is_public_gathering(place.place_type)
    if place.key_unit and place.key_category is None:
        place.key_category = rules.DEFAULT_KEY_CATEGORY.get(place.place_type, 11)
    if not place.key_unit:
        place.key_category = None


def _check_scope(actor, place: CrowdedPlace) -> None:
    if not in_scope(
        actor, town_id=place.town_id, sector_id=place.sector_id, enterprise_id=place.enterprise_id
    ):
        raise ValidationError({"town": _("This place lies outside your jurisdiction.")})


@transaction.atomic
def place_create(*, actor, data: dict[str, Any], via: str = "web") -> CrowdedPlace:
    check_permission(actor, "write")
    place = CrowdedPlace(
        sector=Sector.objects.get(code="fire"),
        **{k: v for k, v in data.items() if k in PLACE_FIELDS},
    )
    if place.enterprise_id is None and place.town_id is None:
        raise ValidationError({"town": _("Give the town or the enterprise.")})
    _derive(place)
    place.full_clean()
    _check_scope(actor, place)
    place.save()
    audit.record_create(actor=actor, instance=place, via=via)
    return place


@transaction.atomic
def place_update(*, actor, place: CrowdedPlace, data: dict[str, Any], via: str = "web"):
    check_permission(actor, "write")
    locked = CrowdedPlace.objects.select_for_update(of=("self",)).get(pk=place.pk)
    _check_scope(actor, locked)
    locked = model_update(
        actor=actor, instance=locked, data=data, fields=PLACE_FIELDS, via=via, before_clean=_derive
    )[0]
    _check_scope(actor, locked)
    return locked


@transaction.atomic
def judgement_create(
    *, actor, place: CrowdedPlace, data: dict[str, Any], deadline=None, via: str = "web"
) -> FireJudgement:
    """Record a judgement with the standard in force on its day (GB 35181-2017 up to
    2025-10-31, 2025 from 2025-11-01). A major one becomes a hazard under county supervision;
    a criterion must be in force on that day (the hazards' criterion versions)."""
    check_permission(actor, "officer")
    _check_scope(actor, place)
    judgement = FireJudgement(
        place=place,
        judged_on=data.get("judged_on"),
        major=bool(data.get("major")),
        criterion=data.get("criterion"),
        finding=data.get("finding", ""),
    )
    if judgement.judged_on is not None:
        judgement.standard = rules.fire_standard_on(judgement.judged_on)
    judgement.full_clean()
    criterion = judgement.criterion
    if criterion is not None and not criterion.in_force_on(judgement.judged_on):
        raise ValidationError(
            {"criterion": [criterion_not_in_force(criterion, judgement.judged_on)]}
        )
    if judgement.major:
        if deadline is None:
            raise ValidationError({"deadline": [_("A major fire hazard needs its deadline.")]})
        data = {
            "description": judgement.finding,
            "grade": HazardGrade.MAJOR,
            "criterion": criterion,
            "found_on": judgement.judged_on,
            "found_by": getattr(actor, "username", "") or "system",
            "source": HazardSource.INSPECTION,
            "deadline": deadline,
        }
        if place.enterprise_id:
            data["enterprise"] = place.enterprise_id
        else:
            data.update({"town": place.town_id, "sector": place.sector, "location": place.name})
        judgement.hazard = hazards.hazard_create(actor=actor, data=data, via=via)
    judgement.save()
    audit.record_create(actor=actor, instance=judgement, via=via)
    return judgement
