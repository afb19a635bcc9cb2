"""Called by the registry when an enterprise changes town or sector (see registry.services)."""

from anjian.risks.services import risk_points_sync_enterprises


def enterprise_moved(*, actor, enterprise, via: str) -> None:
    risk_points_sync_enterprises(actor=actor, via=via, enterprise_id=enterprise.pk)
