"""Every write of the notifications app goes through these services."""

from anjian.notifications.services.channels import (
    channel_create,
    channel_delete,
    channel_send_test,
    channel_update,
)
from anjian.notifications.services.notify import (
    deliver,
    notification_mark_read,
    notify,
)

__all__ = [
    "channel_create", "channel_delete", "channel_send_test", "channel_update", "deliver",
    "notification_mark_read", "notify",
]
