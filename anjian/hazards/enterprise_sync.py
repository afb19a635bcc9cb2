"""Called by the registry when an enterprise changes town or sector (see registry.services).

Open hazards follow the unit, so the new town and department see what is still to be fixed;
closed ones stay where they were found, as the record of that time.
"""

from anjian.core import audit
from anjian.hazards.models import Hazard


def enterprise_moved(*, actor, enterprise, via: str) -> None:
    hazards = (
        Hazard.objects.open()
        .filter(enterprise_id=enterprise.pk)
        .exclude(town_id=enterprise.town_id, sector_id=enterprise.sector_id)
    )
    for hazard in hazards.select_for_update(of=("self",)):
        before = audit.snapshot(hazard)
        hazard.town_id, hazard.sector_id = enterprise.town_id, enterprise.sector_id
        hazard.save(update_fields=["town", "sector", "updated_at"])
        audit.record_update(actor=actor, instance=hazard, before=before, via=via)
