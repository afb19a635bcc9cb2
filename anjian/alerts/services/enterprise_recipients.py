"""Enterprise recipients of a warning: added at publication from the lists in
`anjian.hooks.WARNING_ENTERPRISES` (e.g. units whose chemicals react with water, for a
rainstorm), notified, and each confirming (签收) for itself, once."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from anjian.accounts.units import is_enterprise
from anjian.alerts.models import Alert, AlertEnterpriseRecipient
from anjian.alerts.services.confirmation import record_confirmation
from anjian.core import clock
from anjian.core.hooks import resolve
from anjian.notifications.services import notify


def enterprise_recipients_add(alert: Alert) -> list[AlertEnterpriseRecipient]:
    """Ask every WARNING_ENTERPRISES source which units the warning reaches and why, store one
    recipient per unit and notify its users (called inside the publishing transaction)."""
    reached: dict[int, set[str]] = {}
    for source in resolve("WARNING_ENTERPRISES"):
        for enterprise_id, tags in source(alert).items():
            reached.setdefault(enterprise_id, set()).update(tags)
    if not reached:
        return []
    rows = AlertEnterpriseRecipient.objects.bulk_create(
        [
            AlertEnterpriseRecipient(alert=alert, enterprise_id=pk, tags=sorted(tags))
            for pk, tags in sorted(reached.items())
        ]
    )
    users = get_user_model().objects.filter(enterprise_id__in=reached, is_active=True)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(level)s warning for your stock: %(title)s") % {
            "level": alert.get_level_display(),
            "title": alert.title,
        }
        body = _("Check your storage against this warning and confirm receipt (签收).")
    notify(
        recipients=users,
        kind="alert.published",
        title=title[:200],
        body=body,
        key=f"alert:{alert.pk}:enterprises",
        url=reverse("alerts:alert_detail", args=[alert.pk]),
    )
    return rows


def enterprise_recipient_for(*, actor, alert: Alert) -> AlertEnterpriseRecipient | None:
    if not is_enterprise(actor) or not actor.enterprise_id:
        return None
    return AlertEnterpriseRecipient.objects.filter(
        alert=alert, enterprise_id=actor.enterprise_id
    ).first()


def enterprise_confirm(
    *, actor, alert: Alert, now: dt.datetime | None = None, via: str = "web"
) -> AlertEnterpriseRecipient:
    """An enterprise user's 签收 for its unit; once (a second call changes nothing)."""
    recipient = enterprise_recipient_for(actor=actor, alert=alert)
    if recipient is None:
        raise PermissionDenied
    with transaction.atomic():
        record_confirmation(
            actor=actor,
            alert=alert,
            recipient=recipient,
            who={"enterprise": recipient.enterprise_id},
            now=now or clock.now(),
            via=via,
        )
    return AlertEnterpriseRecipient.objects.select_related("enterprise", "confirmed_by").get(
        pk=recipient.pk
    )
