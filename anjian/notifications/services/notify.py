"""In-app notifications. Other channels (e-mail, webhook) hook in through `deliver`."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from anjian.accounts.models import Role
from anjian.core import clock
from anjian.notifications.models import Notification


def unit_users(*, town_id=None, department_id=None, enterprise_id=None, county=False):
    """The active users who act for a unit (county: the county admins)."""
    users = get_user_model().objects.filter(is_active=True)
    if county:
        return users.filter(role=Role.COUNTY_ADMIN)
    if town_id:
        return users.filter(role=Role.TOWN_OFFICER, town_id=town_id)
    if department_id:
        return users.filter(role=Role.DEPARTMENT_OFFICER, department_id=department_id)
    if enterprise_id:
        return users.filter(role=Role.ENTERPRISE_USER, enterprise_id=enterprise_id)
    return users.none()


def notify(*, recipients: Iterable, kind: str, title: str, key: str, body: str = "",
           url: str = "") -> list[Notification]:
    """Create one notification per recipient unless one with the same key exists already.

    Returns the notifications created now (so a second run with the same key creates none).
    """
    created = []
    for user in recipients:
        try:
            with transaction.atomic():
                note = Notification.objects.create(
                    recipient=user, kind=kind, title=title, body=body, url=url, key=key
                )
        except IntegrityError:
            continue
        created.append(note)
    if created:
        transaction.on_commit(lambda: deliver(created))
    return created


def deliver(notifications: list[Notification]) -> None:
    """Hand new notifications to the outgoing channels (e-mail, group robots)."""
    from anjian.notifications import channels

    channels.deliver(notifications)


def notification_mark_read(*, actor, pk: int) -> None:
    Notification.objects.filter(recipient=actor, pk=pk, read_at__isnull=True).update(
        read_at=clock.now()
    )
