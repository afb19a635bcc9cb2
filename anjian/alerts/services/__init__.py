"""Every write of the alerts app (web, API, sweep, demo) goes through these services."""

from anjian.alerts.services.alerts import (
    alert_confirm,
    alert_escalate_due,
    alert_pass_on,
    alert_policy_set,
    alert_publish,
    alert_remind_due,
)
from anjian.alerts.services.publicity import publicity_create

__all__ = [
    "alert_confirm",
    "alert_escalate_due",
    "alert_pass_on",
    "alert_policy_set",
    "alert_publish",
    "alert_remind_due",
    "publicity_create",
]
