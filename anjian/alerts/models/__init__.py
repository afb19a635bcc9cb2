from anjian.alerts.models.alerts import (
    Alert,
    AlertKind,
    AlertLevel,
    AlertPolicy,
    AlertRecipient,
)
from anjian.alerts.models.channels import (
    Channel,
    ChannelConfig,
    Delivery,
    DeliveryStatus,
    Flavour,
)
from anjian.alerts.models.publicity import PublicityActivity

__all__ = [
    "Alert", "AlertKind", "AlertLevel", "AlertPolicy", "AlertRecipient", "Channel",
    "ChannelConfig", "Delivery", "DeliveryStatus", "Flavour",
    "PublicityActivity",
]
