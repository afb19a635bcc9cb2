"""`anjian sweep`: bands that came into force since yesterday, enterprises that moved.

Nothing here notifies anyone, so the counts of notifications are empty; the regrading and the
town/sector resynchronisation are audited per point.
"""

from django.utils import timezone

from anjian.core.actors import SYSTEM
from anjian.risks import services
from anjian.risks.models import RiskBands


def run(*, now) -> dict[str, int]:
    services.risk_points_sync_enterprises(actor=SYSTEM, via="sweep")
    if RiskBands.objects.exists():  # with the built-in bands only, nothing can change
        services.risk_points_regrade(actor=SYSTEM, on=timezone.localdate(now), via="sweep")
    return {}
