"""`anjian sweep`, warnings part: remind units that have not confirmed, escalate to the county,
and retry failed deliveries on the outgoing channels. Idempotent: run it as often as you like."""

import datetime as dt
import logging

from anjian.alerts import channels, services

logger = logging.getLogger(__name__)


def run(*, now: dt.datetime) -> dict[str, int]:
    """Returns the notifications created (the retried deliveries are logged, not counted)."""
    reminders = services.alert_remind_due(now=now)
    escalations = services.alert_escalate_due(now=now)
    retried = channels.retry_due(now=now)
    if retried["sent"] or retried["failed"]:
        logger.warning("sweep retried deliveries: %(sent)s sent, %(failed)s failed", retried)
    return {"warning_reminders": reminders, "warning_escalations": escalations}
