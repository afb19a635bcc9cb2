"""`anjian sweep`, notifications part: retry failed deliveries on the outgoing channels.
Idempotent: run it as often as you like."""

import datetime as dt
import logging

from anjian.notifications import channels

logger = logging.getLogger(__name__)


def run(*, now: dt.datetime) -> dict[str, int]:
    """Creates no notifications (the retried deliveries are logged, not counted)."""
    retried = channels.retry_due(now=now)
    if retried["sent"] or retried["failed"]:
        logger.warning("sweep retried deliveries: %(sent)s sent, %(failed)s failed", retried)
    return {}
