"""An enterprise's licences to renew, for the workbench (`reports.todo`, kind
`licence_expiring`): expired or expiring within `LEAD_DAYS` days, unless a later licence of the
same kind has replaced it."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit, UnitKind
from anjian.core import clock
from anjian.registry.models import Licence

LEAD_DAYS = 30


def todo_tasks(user) -> list[dict]:
    """One task per licence of the user's enterprise to renew (one query)."""
    unit = Unit.member_of(user)
    if unit is None or unit.kind != UnitKind.ENTERPRISE or unit.pk is None:
        return []
    today = clock.today()
    renewed = Licence.objects.filter(
        enterprise_id=OuterRef("enterprise_id"),
        kind=OuterRef("kind"),
        expires_on__gt=OuterRef("expires_on"),
    )
    licences = (
        Licence.objects.filter(
            enterprise_id=unit.pk, expires_on__lte=today + dt.timedelta(days=LEAD_DAYS)
        )
        .exclude(Exists(renewed))
        .order_by("expires_on", "pk")
    )
    return [
        {
            "kind": "licence_expiring",
            "title": _("Renew the licence: %(kind)s %(number)s")
            % {"kind": licence.kind, "number": licence.number},
            "url": reverse("registry:licence_edit", args=[licence.pk]),
            "due": licence.expires_on,
            "overdue": licence.expires_on < today,
        }
        for licence in licences
    ]
