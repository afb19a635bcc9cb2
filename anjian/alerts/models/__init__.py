from anjian.alerts.models.alerts import (
    Alert,
    AlertKind,
    AlertLevel,
    AlertPolicy,
    AlertRecipient,
    RecipientKind,
)
from anjian.alerts.models.publicity import OrganiserKind, PublicityActivity

__all__ = [
    "Alert", "AlertKind", "AlertLevel", "AlertPolicy", "AlertRecipient", "OrganiserKind",
    "PublicityActivity", "RecipientKind",
]
