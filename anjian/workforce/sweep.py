"""The workforce sweep (`anjian sweep`): enforcement certificates (执法证) that expire within
60 days, and those that have expired, are notified to the users of the unit that keeps the
inspector and to the inspector's own account. One notification per inspector, stage and expiry
day (the key names them): idempotent, and a renewed certificate brings its reminders in time."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.core.dates import cn_date
from anjian.notifications.models import Notification
from anjian.notifications.services import notify
from anjian.workforce import rules
from anjian.workforce.models import Inspector

KINDS = ("workforce.certificate_expiring", "workforce.certificate_expired")


def _members() -> dict[str, list]:
    """Every active user grouped by the unit it acts for (one query)."""
    members: dict[str, list] = defaultdict(list)
    for user in get_user_model().objects.filter(is_active=True):
        unit = Unit.member_of(user)
        if unit is not None and (unit.pk is not None or unit.is_county_wide):
            members[unit.key].append(user)
    return members


def run(*, now: dt.datetime) -> dict[str, int]:
    today = timezone.localdate(now)
    horizon = today + dt.timedelta(days=rules.CERTIFICATE_LEAD_DAYS)
    counts = {"certificate_expiring": 0, "certificate_expired": 0}
    inspectors = (
        Inspector.objects.filter(active=True, certificate_expires_on__lte=horizon)
        .select_related("user")
        .order_by("pk")
    )
    members = _members()
    sent = set(Notification.objects.filter(kind__in=KINDS).values_list("recipient_id", "key"))
    with translation.override(settings.LANGUAGE_CODE):
        for inspector in inspectors.iterator(chunk_size=500):
            expires = inspector.certificate_expires_on
            stage = "expired" if expires < today else "expiring"
            key = f"workforce.certificate_{stage}:{inspector.pk}:{expires.isoformat()}"
            recipients = list(members.get(inspector.unit.key, []))
            if inspector.user_id and inspector.user.is_active and inspector.user not in recipients:
                recipients.append(inspector.user)
            recipients = [u for u in recipients if (u.pk, key) not in sent]
            if not recipients:
                continue
            title = (
                _("Enforcement certificate of %(name)s expired on %(day)s")
                if stage == "expired"
                else _("Enforcement certificate of %(name)s expires on %(day)s")
            ) % {"name": inspector.name, "day": cn_date(expires)}
            counts[f"certificate_{stage}"] += len(
                notify(
                    recipients=recipients,
                    kind=f"workforce.certificate_{stage}",
                    title=title,
                    key=key,
                    url=inspector.get_absolute_url(),
                    body=_(
                        "Renew the certificate (行政执法证) and record the new expiry date; an "
                        "inspector without a valid certificate is not drawn for inspections."
                    ),
                )
            )
    return counts
