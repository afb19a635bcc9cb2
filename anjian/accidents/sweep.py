"""Forwarding overdue for `anjian sweep` (493号令 Art. 10): an entry past its due time and not
received notifies both sides, the county that sends it and the city or province that should
have it. One notification per entry: the key names the entry and its due time, so a second run
creates nothing."""

import datetime as dt

from django.utils.translation import gettext as _

from anjian.accounts.units import KINDS, Unit
from anjian.core.dates import cn_datetime
from anjian.notifications.services import notify

from .models import AccidentForward


def _division_users(town, level: str):
    """The admins of the town's division at `level` (county, city, province); none when the
    town names no such division (a county admin of a v1 installation: the county level)."""
    pk = getattr(town, f"{level}_id", None) if town is not None else None
    if pk is None:
        return list(Unit.county().users()) if level == "county" else []
    return list(KINDS[level](pk).users())


def run(*, now: dt.datetime) -> dict[str, int]:
    created = 0
    overdue = AccidentForward.objects.filter(received_at__isnull=True, due__lt=now)
    for entry in overdue.select_related("accident__town").iterator(chunk_size=500):
        accident = entry.accident
        senders = _division_users(accident.town, "county")
        receivers = _division_users(accident.town, entry.level) if entry.level in KINDS else []
        recipients = {u.pk: u for u in [*senders, *receivers]}.values()
        created += len(
            notify(
                recipients=recipients,
                kind="accident.forwarding_overdue",
                title=(
                    _("Accident %(title)s: forwarding to %(level)s due %(due)s not received")
                    % {
                        "title": accident.title,
                        "level": entry.get_level_display(),
                        "due": cn_datetime(entry.due),
                    }
                )[:200],
                key=f"accident.forwarding_overdue:{entry.pk}:{entry.due.isoformat()}",
                url=accident.get_absolute_url(),
            )
        )
    return {"forwarding_overdue": created}
