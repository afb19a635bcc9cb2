"""Object rights on the enterprises' own lists."""

from anjian.accounts.units import Unit
from anjian.core.permissions import has_permission


def can_keep_lists(user, enterprise) -> bool:
    """An enterprise keeps its own 责任制 and 五到位 (the county admin may too); towns and
    departments read them."""
    unit = Unit.of(user)
    return (
        unit is not None
        and has_permission(user, "write")
        and unit.manages(Unit.of_enterprise(enterprise))
    )
