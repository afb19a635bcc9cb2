"""Who may do what on a hazard (inside the caller's scope; scope itself is `core.scoping`).

令第16号 and 安全生产法 Art. 41: the unit rectifies its hazards; a hazard found by a government
inspection is accepted by the supervising government side (the town or department that owns
it); one the enterprise found itself is accepted by its safety manager, a major one always by
the government.
"""

from anjian.accounts.units import Unit, UnitKind, acts_for_unit
from anjian.core.permissions import has_permission

from .models import Hazard, HazardSource


def _kind(actor) -> str:
    unit = Unit.of(actor)
    return unit.kind if unit is not None else ""


def is_county(actor) -> bool:
    """The county admin (and the system actor); the leader reads but does not act."""
    return _kind(actor) == UnitKind.COUNTY and acts_for_unit(actor)


def is_own_enterprise(actor, hazard: Hazard) -> bool:
    unit = Unit.of(actor)
    return (
        unit is not None
        and unit.kind == UnitKind.ENTERPRISE
        and hazard.enterprise_id is not None
        and unit.pk == hazard.enterprise_id
    )


def is_government_owner(actor, hazard: Hazard) -> bool:
    """The government side answerable for the hazard: its owning unit, else the units in scope.

    The county admin always is (it supervises every town and department).
    """
    if is_county(actor):
        return True
    unit = Unit.of(actor)
    if unit is None or unit.kind not in (UnitKind.TOWN, UnitKind.DEPARTMENT):
        return False
    if hazard.owner_town_id is not None or hazard.owner_department_id is not None:
        owner = (
            Unit.named(UnitKind.TOWN, hazard.owner_town_id)
            if hazard.owner_town_id
            else Unit.named(UnitKind.DEPARTMENT, hazard.owner_department_id)
        )
        return owner == unit
    return unit.covers(town_id=hazard.town_id, sector_id=hazard.sector_id)


def accepted_by_enterprise(hazard: Hazard) -> bool:
    """A general self-check hazard is accepted by the enterprise itself; all others by government."""
    return (
        hazard.source == HazardSource.SELF_CHECK
        and not hazard.is_major
        and hazard.enterprise_id is not None
    )


def can_rectify(actor, hazard: Hazard) -> bool:
    """Acknowledge, submit and ask for an extension: the enterprise; officers for public places.

    A superuser (the system actor of commands and the demo loader) may act for the unit.
    """
    if getattr(actor, "is_superuser", False):
        return True
    if hazard.enterprise_id is not None:
        return is_own_enterprise(actor, hazard)
    return _kind(actor) in (UnitKind.TOWN, UnitKind.DEPARTMENT) or is_county(actor)


def can_accept(actor, hazard: Hazard) -> bool:
    """Accept or reject the rectification."""
    if accepted_by_enterprise(hazard):
        return is_own_enterprise(actor, hazard) or getattr(actor, "is_superuser", False)
    return is_government_owner(actor, hazard)


def can_decide_extension(actor, hazard: Hazard) -> bool:
    return is_government_owner(actor, hazard)


def can_edit(actor, hazard: Hazard) -> bool:
    """Officers in scope edit any field; the enterprise its 五定 and plan (and its self-checks)."""
    if not has_permission(actor, "write"):
        return False
    if _kind(actor) == UnitKind.ENTERPRISE:
        return is_own_enterprise(actor, hazard)
    return True


ALLOWED_BY_ACTION = {
    "acknowledge": can_rectify,
    "submit": can_rectify,
    "accept": can_accept,
    "reject": can_accept,
}


def allowed_actions(actor, hazard: Hazard, transitions: dict) -> list[str]:
    """The actions the actor may take now (for the buttons on the detail page)."""
    if not has_permission(actor, "write"):
        return []
    return [
        action
        for action in transitions.get(hazard.status, {})
        if ALLOWED_BY_ACTION[action](actor, hazard)
    ]
