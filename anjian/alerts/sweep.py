"""`anjian sweep`, warnings part: remind units that have not confirmed and escalate to the county.
Idempotent: run it as often as you like."""

import datetime as dt

from anjian.alerts import services


def run(*, now: dt.datetime) -> dict[str, int]:
    """Returns the notifications created."""
    reminders = services.alert_remind_due(now=now)
    escalations = services.alert_escalate_due(now=now)
    return {"warning_reminders": reminders, "warning_escalations": escalations}
