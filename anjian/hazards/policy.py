"""Who may do what on a hazard (inside the caller's scope; scope itself is `core.scoping`).

令第16号 and 安全生产法 Art. 41: the unit rectifies its hazards; a hazard found by a government
inspection is accepted by the supervising government side (the town or department that owns
it); one the enterprise found itself is accepted by its safety manager, a major one always by
the government.
"""

from anjian.accounts.models import Role
from anjian.core.scoping import department_sector_ids

from .models import Hazard, HazardSource


def is_county(actor) -> bool:
    return bool(getattr(actor, "is_superuser", False)) or actor.role == Role.COUNTY_ADMIN


def is_own_enterprise(actor, hazard: Hazard) -> bool:
    return (actor.role == Role.ENTERPRISE_USER and hazard.enterprise_id is not None
            and actor.enterprise_id == hazard.enterprise_id)


def _supervises_sector(actor, sector_id: int) -> bool:
    return department_sector_ids(actor.department_id).filter(sector_id=sector_id).exists()


def is_government_owner(actor, hazard: Hazard) -> bool:
    """The government side answerable for the hazard: its owning unit, else the units in scope.

    The county admin always is (it supervises every town and department).
    """
    if is_county(actor):
        return True
    has_owner = hazard.owner_town_id is not None or hazard.owner_department_id is not None
    if actor.role == Role.TOWN_OFFICER:
        if has_owner:
            return hazard.owner_town_id == actor.town_id
        return hazard.town_id == actor.town_id
    if actor.role == Role.DEPARTMENT_OFFICER:
        if has_owner:
            return hazard.owner_department_id == actor.department_id
        return _supervises_sector(actor, hazard.sector_id)
    return False


def accepted_by_enterprise(hazard: Hazard) -> bool:
    """A general self-check hazard is accepted by the enterprise itself; all others by government."""
    return (hazard.source == HazardSource.SELF_CHECK and not hazard.is_major
            and hazard.enterprise_id is not None)


def can_rectify(actor, hazard: Hazard) -> bool:
    """Acknowledge, submit and ask for an extension: the enterprise; officers for public places.

    A superuser (the system actor of commands and the demo loader) may act for the unit.
    """
    if getattr(actor, "is_superuser", False):
        return True
    if hazard.enterprise_id is not None:
        return is_own_enterprise(actor, hazard)
    return actor.role in (Role.TOWN_OFFICER, Role.DEPARTMENT_OFFICER) or is_county(actor)


def can_accept(actor, hazard: Hazard) -> bool:
    """Accept or reject the rectification."""
    if accepted_by_enterprise(hazard):
        return is_own_enterprise(actor, hazard) or getattr(actor, "is_superuser", False)
    return is_government_owner(actor, hazard)


def can_decide_extension(actor, hazard: Hazard) -> bool:
    return is_government_owner(actor, hazard)


def can_edit(actor, hazard: Hazard) -> bool:
    """Officers in scope edit any field; the enterprise its 五定 and plan (and its self-checks)."""
    if actor.role == Role.LEADER:
        return False
    if actor.role == Role.ENTERPRISE_USER:
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
    if actor.role == Role.LEADER:
        return []
    return [action for action in transitions.get(hazard.status, {})
            if ALLOWED_BY_ACTION[action](actor, hazard)]
