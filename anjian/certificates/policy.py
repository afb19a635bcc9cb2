"""Object rights on certificates, asked by views and services alike."""

from anjian.accounts.units import Unit, acts_for_unit
from anjian.core.permissions import has_permission


def can_edit(user, enterprise) -> bool:
    """An enterprise keeps its own register; the county, the enterprise's town and the
    departments of its sector record certificates for it."""
    if enterprise is None or not has_permission(user, "write") or not acts_for_unit(user):
        return False
    unit = Unit.of(user)
    return unit is not None and unit.covers(
        town_id=enterprise.town_id, sector_id=enterprise.sector_id, enterprise_id=enterprise.pk
    )
