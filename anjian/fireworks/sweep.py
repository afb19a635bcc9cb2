"""`anjian sweep`, fireworks step: licence alerts 90 and 30 days before expiry (§13), once per
licence, threshold and expiry date (keyed notifications: a second run sends nothing)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.core.dates import cn_date
from anjian.core.rules import rule_value
from anjian.notifications.services import notify
from anjian.registry.models import Licence

from . import rules


def run(*, now: dt.datetime) -> dict[str, int]:
    today = timezone.localdate(now)
    days = rule_value("fireworks.licence_alert_days", today)
    horizon = today + dt.timedelta(days=max(days))
    created = 0
    licences = Licence.objects.filter(
        enterprise__sector__code="fireworks", expires_on__gte=today, expires_on__lte=horizon
    ).select_related("enterprise__town")
    for licence in licences:
        threshold = rules.licence_alert_due(expires_on=licence.expires_on, today=today, days=days)
        if threshold is None:
            continue
        enterprise = licence.enterprise
        units = [
            Unit.county_of(enterprise.town),
            *Unit.covering(
                town_id=enterprise.town_id,
                sector_id=enterprise.sector_id,
                enterprise_id=enterprise.pk,
            ),
        ]
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Fireworks licence expires within %(days)s days: %(unit)s") % {
                "days": threshold,
                "unit": enterprise.name,
            }
            body = _("%(kind)s %(number)s expires on %(date)s; apply for extension in time.") % {
                "kind": licence.kind,
                "number": licence.number,
                "date": cn_date(licence.expires_on),
            }
        created += len(
            notify(
                recipients=Unit.users_of(units),
                kind="fireworks.licence_expiring",
                title=title,
                body=body,
                key=f"fireworks:licence:{licence.pk}:{licence.expires_on}:{threshold}",
                url=enterprise.get_absolute_url(),
            )
        )
    return {"licence_alerts": created}
