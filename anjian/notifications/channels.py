"""Outgoing channels for every notification of the platform (e-mail, group-robot webhooks).

`anjian.notifications.services.notify` calls `deliver(notifications)` after the transaction that
created them has committed. For each notification this records one `Delivery` per channel that
applies and tries each once:

- the active `ChannelConfig`s of the recipient user's unit (the county for the county admin and
  the leader, the user's town, department or enterprise otherwise); a unit channel gets each
  notification key once, even when several users of the unit received it;
- the user's own e-mail address, when the user has one and e-mail is configured.

A failure never reaches the action that caused it: everything here is caught and logged, the
delivery is marked failed with the error, and `anjian sweep` retries it with exponential backoff
(5, 10, 20, 40 minutes) up to MAX_ATTEMPTS attempts.
"""

import datetime as dt
import logging
import time
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.core import clock
from anjian.notifications import transport
from anjian.notifications.models import Channel, ChannelConfig, Delivery, DeliveryStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF = dt.timedelta(minutes=5)
# While one process attempts a delivery, others leave it alone for this long.
LEASE = dt.timedelta(minutes=2)
# deliver() runs in the request that caused the notifications: past this many seconds it
# leaves the rest pending for the sweep rather than keep the user waiting.
INLINE_BUDGET_SECONDS = 8


def message_text(*, title: str, body: str, url: str) -> str:
    """The text sent on every channel: platform tag, title, body and the link (absolute when
    the platform's address, ANJIAN_SITE_URL, is set)."""
    with translation.override(settings.LANGUAGE_CODE):
        tag = _("Work-safety supervision platform")
    lines = [f"【{tag}】{title}"]
    if body:
        lines.append(body)
    if url:
        # Without ANJIAN_SITE_URL the link is a path only (still tells the reader where to look).
        lines.append(settings.SITE_URL + url if url.startswith("/") else url)
    return "\n".join(lines)


def _create(**fields) -> Delivery | None:
    try:
        with transaction.atomic():
            return Delivery.objects.create(**fields)
    except IntegrityError:
        return None  # this channel already has this message


ALL_LOADED = "*all*"


def _all_configs() -> dict:
    """Every active channel by its unit's key, in one query (a sweep notifies thousands of
    users of hundreds of units: one query per unit would dominate it)."""
    cache: dict = {ALL_LOADED: True}
    for config in ChannelConfig.objects.filter(active=True):
        cache.setdefault(config.unit.key, []).append(config)
    return cache


def plan(notification, *, now: dt.datetime, configs_cache: dict | None = None) -> list[Delivery]:
    """Record the deliveries a notification needs (none twice); returns the new ones."""
    user = notification.recipient
    cache = configs_cache if configs_cache is not None else {}
    unit = Unit.of(user)  # the channels of the recipient's unit
    configs = []
    if unit is not None:
        if unit.key not in cache:
            cache[unit.key] = (
                []  # `deliver` loaded every active channel: this unit has none
                if cache.get(ALL_LOADED)
                else list(ChannelConfig.objects.filter(unit.own_q(), active=True))
            )
        configs = cache[unit.key]
    text = message_text(title=notification.title, body=notification.body, url=notification.url)
    common = {
        "notification": notification,
        "key": notification.key,
        "subject": notification.title[:200],
        "text": text,
        "next_attempt_at": now,
    }
    created = [_create(config=c, channel=c.channel, address=c.address, **common) for c in configs]
    if user.email and settings.EMAIL_ENABLED:
        created.append(_create(config=None, channel=Channel.EMAIL, address=user.email, **common))
    return [d for d in created if d is not None]


def _send(delivery: Delivery) -> None:
    if delivery.channel == Channel.EMAIL:
        transport.send_email(to=delivery.address, subject=delivery.subject, text=delivery.text)
    else:
        config = delivery.config
        transport.post_webhook(
            url=delivery.address,
            text=delivery.text,
            flavour=config.flavour if config else "wecom",
            secret=config.secret if config else "",
        )


def attempt(delivery: Delivery, *, now: dt.datetime | None = None) -> Delivery:
    """Try one delivery once (if no other process holds it); record the outcome."""
    now = now or clock.now()
    claimed = Delivery.objects.filter(
        pk=delivery.pk,
        attempts=delivery.attempts,
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED],
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    if not claimed:
        return delivery
    attempts = delivery.attempts + 1
    try:
        _send(delivery)
    except Exception as exc:  # noqa: BLE001 - any failure is recorded, never raised
        error = f"{type(exc).__name__}: {exc}"[:500]
        retry_at = now + BACKOFF * 2 ** (attempts - 1) if attempts < MAX_ATTEMPTS else None
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED, last_error=error, next_attempt_at=retry_at
        )
        logger.warning(
            "delivery %s to %s failed (attempt %s): %s",
            delivery.pk,
            delivery.address,
            attempts,
            error,
        )
    else:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.SENT, sent_at=clock.now(), last_error="", next_attempt_at=None
        )
    delivery.refresh_from_db()
    return delivery


def deliver(notifications) -> None:
    """Called on commit for new notifications; never raises."""
    try:
        now = clock.now()
        started = time.monotonic()
        cache: dict = _all_configs() if len(notifications) > 20 else {}
        for delivery in [d for n in notifications for d in plan(n, now=now, configs_cache=cache)]:
            if time.monotonic() - started > INLINE_BUDGET_SECONDS:
                break  # the rest stay pending, due now: the next sweep sends them
            attempt(delivery, now=now)
    except Exception:  # noqa: BLE001 - a channel must never break the action that notified
        logger.exception("outgoing notification channels failed")


def retry_due(*, now: dt.datetime, limit: int = 1000) -> dict[str, int]:
    """The sweep's part: attempt every due pending/failed delivery. Returns sent/failed counts."""
    counts = {"sent": 0, "failed": 0}
    due = (
        Delivery.objects.due(now=now)
        .filter(attempts__lt=MAX_ATTEMPTS)
        .select_related("config")
        .order_by("next_attempt_at", "id")[:limit]
    )
    for delivery in list(due):
        result = attempt(delivery, now=now)
        if result.status == DeliveryStatus.SENT:
            counts["sent"] += 1
        elif result.status == DeliveryStatus.FAILED:
            counts["failed"] += 1
    return counts


def send_test(config: ChannelConfig) -> Delivery:
    """Send a test message on one channel now (the channel page's "send a test" button)."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Test message")
        body = _(
            "This channel of %(unit)s works: notifications of the platform will arrive here."
        ) % {"unit": config.unit_label}
    text = message_text(title=subject, body=body, url="")
    delivery = Delivery.objects.create(
        config=config,
        channel=config.channel,
        address=config.address,
        key=f"test:{uuid.uuid4().hex}",
        subject=subject,
        text=text,
        next_attempt_at=clock.now(),
    )
    delivery = attempt(delivery)
    if delivery.status == DeliveryStatus.FAILED:
        # A test is answered on the spot; the sweep does not retry it.
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=None)
        delivery.next_attempt_at = None
    return delivery
