"""Who files duty records for which unit: a unit files only its own; the county admin any."""

from anjian.accounts.units import DivisionUnit, Unit, acts_for_unit
from anjian.duty.models import DutyRoster


def duty_unit(user) -> Unit | None:
    """The unit a user keeps duty for (county admins: the county; leaders and enterprises: none)."""
    unit = Unit.of(user)
    if unit is None or not acts_for_unit(user):
        return None
    if unit.kind not in DutyRoster.UNIT_KINDS and not isinstance(unit, DivisionUnit):
        return None
    return unit


def may_file_for(user, unit: Unit) -> bool:
    own = duty_unit(user)
    return own is not None and own.manages(unit)


def units_user_may_file(user) -> list[Unit]:
    own = duty_unit(user)
    if own is None:
        return []
    return [u for u in own.managed_units() if u.kind in DutyRoster.UNIT_KINDS]
