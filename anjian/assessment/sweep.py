"""The gaps sweep (`anjian sweep`): tell the county admins about each new supervision gap once
(idempotent by notification key: a gap that stays is not announced again)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.assessment import gaps
from anjian.notifications.services import notify


def run(*, now: dt.datetime) -> dict[str, int]:
    today = timezone.localdate(now)
    admins = list(Unit.county().users())
    created = 0
    with translation.override(settings.LANGUAGE_CODE):
        for gap in gaps.supervision_gaps(unit=Unit.county(), today=today):
            created += len(
                notify(
                    recipients=admins,
                    kind=f"assessment.{gap.kind}",
                    title=(_("Supervision gap: %(subject)s") % {"subject": gap.subject})[:200],
                    body=gap.detail,
                    url=gap.url,
                    key=f"assessment.gap:{gap.key}",
                )
            )
    return {"supervision_gap": created}
