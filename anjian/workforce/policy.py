"""Object rights on inspectors and trainings, asked by views and services alike."""

from anjian.accounts.units import Unit, acts_for_unit
from anjian.core.permissions import has_permission


def can_manage_inspector(user, inspector) -> bool:
    """A unit keeps its own inspectors (a department its own department's); the county all."""
    if not has_permission(user, "officer") or not acts_for_unit(user):
        return False
    unit = Unit.of(user)
    return unit is not None and unit.manages(inspector.unit)


def can_edit_training(user, training) -> bool:
    """An enterprise records its own trainings; a town or department those of the enterprises
    in its jurisdiction and its own unit's; the county all."""
    if not has_permission(user, "write") or not acts_for_unit(user):
        return False
    unit = Unit.of(user)
    if unit is None:
        return False
    if training.enterprise_id:
        enterprise = training.enterprise
        return unit.covers(
            town_id=enterprise.town_id, sector_id=enterprise.sector_id, enterprise_id=enterprise.pk
        )
    return unit.manages(training.unit)
