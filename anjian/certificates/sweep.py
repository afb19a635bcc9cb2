"""The certificate sweep (`anjian sweep`): a reminder for every current certificate that expires
within 60 days, has expired, or whose 复审 falls due within 60 days or has passed — to the
enterprise's users and its supervisors (the officers of its town and of the departments of its
sector). One notification per certificate, period and recipient (the key names the period and
its day): idempotent, and a new reminder when a period begins (expiring → expired) or a renewal
or review moves the day. Reads in a constant number of queries; new reminders are inserted in
batches."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anjian.accounts.models import Department
from anjian.accounts.units import Unit
from anjian.certificates import rules
from anjian.certificates.models import Certificate
from anjian.core.dates import cn_date
from anjian.notifications.models import Notification
from anjian.notifications.services import deliver, notify

KINDS = ("certificate.expiring", "certificate.expired", "certificate.review_due")


def _members() -> dict[str, list]:
    """Every active user grouped by the unit it acts for (one query)."""
    members: dict[str, list] = defaultdict(list)
    for user in get_user_model().objects.filter(is_active=True):
        unit = Unit.member_of(user)
        if unit is not None and unit.pk is not None:
            members[unit.key].append(user)
    return members


def _departments_by_sector() -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    for department_id, sector_id in Department.sectors.through.objects.values_list(
        "department_id", "sector_id"
    ):
        found[sector_id].append(department_id)
    return found


def _sent() -> set[tuple[int, str]]:
    return set(Notification.objects.filter(kind__in=KINDS).values_list("recipient_id", "key"))


def _period(c, today: dt.date, horizon: dt.date) -> tuple[str, dt.date] | None:
    """Which reminder the certificate is due today: (kind, the day it names)."""
    if rules.is_expired(c.expires_on, today=today):
        return "certificate.expired", c.expires_on
    if c.expires_on <= horizon:
        return "certificate.expiring", c.expires_on
    if c.review_on is not None and c.review_on <= horizon:
        return "certificate.review_due", c.review_on
    return None


def _message(kind: str, c, day: dt.date) -> tuple[str, str]:
    who = {"holder": c.holder, "unit": c.enterprise.name, "day": cn_date(day)}
    if kind == "certificate.expired":
        return (
            _("Certificate expired on %(day)s: %(holder)s, %(unit)s") % who,
            _("Working without a valid certificate is not allowed; renew it."),
        )
    if kind == "certificate.expiring":
        return (
            _("Certificate expires on %(day)s: %(holder)s, %(unit)s") % who,
            _("Renew the certificate before it expires."),
        )
    return (
        _("Certificate review (复审) due by %(day)s: %(holder)s, %(unit)s") % who,
        _("A special-operation certificate is reviewed every three years (令第30号)."),
    )


def run(*, now: dt.datetime) -> dict[str, int]:
    today = timezone.localdate(now)
    horizon = today + dt.timedelta(days=rules.EXPIRING_DAYS)
    counts = {"expiring": 0, "expired": 0, "review_due": 0}
    certificates = (
        Certificate.objects.current()
        .attention(on=today)
        .select_related("enterprise")
        .order_by("pk")
    )
    members, departments, sent = _members(), _departments_by_sector(), _sent()
    # One reverse() for all: thousands of reminders would spend seconds resolving the same name.
    url_of = reverse("certificates:certificate_detail", args=[0]).replace("/0/", "/{}/").format
    pending: list[Notification] = []
    with translation.override(settings.LANGUAGE_CODE):
        for c in certificates.iterator(chunk_size=1000):
            period = _period(c, today, horizon)
            if period is None:
                continue
            kind, day = period
            key = f"{kind}:{c.pk}:{day.isoformat()}"
            enterprise = c.enterprise
            keys = [
                f"enterprise:{enterprise.pk}",
                f"town:{enterprise.town_id}",
                *(f"department:{d}" for d in departments.get(enterprise.sector_id, ())),
            ]
            recipients = [
                user
                for unit_key in keys
                for user in members.get(unit_key, ())
                if (user.pk, key) not in sent
            ]
            if not recipients:
                continue
            title, body = _message(kind, c, day)
            for user in recipients:
                sent.add((user.pk, key))
                pending.append(
                    Notification(
                        recipient=user,
                        kind=kind,
                        title=title[:200],
                        body=body,
                        url=url_of(c.pk),
                        key=key,
                    )
                )
            counts[kind.split(".")[1]] += len(recipients)
    _save(pending)
    return counts


def _save(pending: list[Notification]) -> None:
    """Insert in batches; if a concurrent sweep inserted some first, fall back to `notify`
    (which skips the ones that exist) for that batch."""
    for start in range(0, len(pending), 1000):
        batch = pending[start : start + 1000]
        try:
            with transaction.atomic():
                created = Notification.objects.bulk_create(batch)
        except IntegrityError:
            for note in batch:
                notify(
                    recipients=[note.recipient],
                    kind=note.kind,
                    title=note.title,
                    key=note.key,
                    body=note.body,
                    url=note.url,
                )
            continue
        transaction.on_commit(lambda created=created: deliver(created))
