from anjian.notifications.models.channels import (
    Channel,
    ChannelConfig,
    Delivery,
    DeliveryStatus,
    Flavour,
    UnitKind,
)
from anjian.notifications.models.notification import Notification

__all__ = ["Channel", "ChannelConfig", "Delivery", "DeliveryStatus", "Flavour", "Notification",
           "UnitKind"]
