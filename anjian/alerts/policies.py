"""Who may do what with a warning (inside the caller's scope; scope itself is `core.scoping`)."""

from anjian.accounts.units import Unit
from anjian.alerts.models import AlertRecipient


def can_confirm(actor) -> bool:
    """签收 is for those who act for a receiving unit: the officers of a town or a department,
    the admins of a county (a city's or a province's warning). The leader reads warnings but
    does not confirm them; an enterprise confirms only what reached it directly (services)."""
    unit = Unit.member_of(actor)
    return unit is not None and unit.kind in AlertRecipient.UNIT_KINDS
