"""Who may do what with a warning (inside the caller's scope; scope itself is `core.scoping`)."""

from anjian.accounts.units import Unit
from anjian.alerts.models import AlertRecipient


def can_confirm(actor) -> bool:
    """签收 is for the officers of a receiving unit (a town or a department); the county admin,
    the leader and enterprise users read warnings but do not confirm them."""
    unit = Unit.of(actor)
    return unit is not None and unit.kind in AlertRecipient.UNIT_KINDS
