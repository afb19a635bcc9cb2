from anjian.alerts.models.alerts import (
    Alert,
    AlertKind,
    AlertLevel,
    AlertPolicy,
    AlertRecipient,
)
from anjian.alerts.models.enterprise_recipients import AlertEnterpriseRecipient
from anjian.alerts.models.publicity import PublicityActivity

__all__ = [
    "Alert",
    "AlertEnterpriseRecipient",
    "AlertKind",
    "AlertLevel",
    "AlertPolicy",
    "AlertRecipient",
    "PublicityActivity",
]
