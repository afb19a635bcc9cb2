"""In-app notifications. Other channels (e-mail, webhook) hook in through `deliver`."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from anjian.core import clock
from anjian.notifications.models import Notification


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
