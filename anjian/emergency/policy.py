"""Object rights on plans and drills, asked by views and services alike."""

from anjian.accounts.units import Unit, acts_for_unit
from anjian.core.permissions import has_permission


def can_edit(user, plan) -> bool:
    """A unit keeps its own plans (the county all of them); a town or department also records
    filing and drills of the enterprises in its jurisdiction."""
    if not has_permission(user, "write") or not acts_for_unit(user):
        return False
    unit = Unit.of(user)
    if unit is None:
        return False
    if plan.enterprise_id:
        enterprise = plan.enterprise
        return unit.covers(
            town_id=enterprise.town_id, sector_id=enterprise.sector_id, enterprise_id=enterprise.pk
        )
    return unit.manages(plan.unit)
