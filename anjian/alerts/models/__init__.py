from anjian.alerts.models.alerts import (
    Alert,
    AlertKind,
    AlertLevel,
    AlertPolicy,
    AlertRecipient,
    RecipientKind,
)
from anjian.alerts.models.channels import (
    Channel,
    ChannelConfig,
    Delivery,
    DeliveryStatus,
    Flavour,
    UnitKind,
)
from anjian.alerts.models.publicity import OrganiserKind, PublicityActivity

__all__ = [
    "Alert", "AlertKind", "AlertLevel", "AlertPolicy", "AlertRecipient", "Channel",
    "ChannelConfig", "Delivery", "DeliveryStatus", "Flavour", "OrganiserKind",
    "PublicityActivity", "RecipientKind", "UnitKind",
]
