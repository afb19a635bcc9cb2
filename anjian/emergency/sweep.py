"""The emergency sweep (`anjian sweep`): a reminder for every plan whose drill or evaluation
falls due within `LEAD_DAYS` or is overdue, to the enterprise's users or the owning unit's users.
One notification per plan and deadline (the key names the due day): idempotent, and a new
reminder once a drill or an evaluation moves the deadline."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.core.dates import cn_date
from anjian.emergency.models import EmergencyPlan
from anjian.notifications.models import Notification
from anjian.notifications.services import notify

LEAD_DAYS = 30
KINDS = ("emergency.drill_due", "emergency.evaluation_due")


def _members() -> dict[str, list]:
    """Every active user grouped by the unit it acts for (one query, not one per plan)."""
    members: dict[str, list] = defaultdict(list)
    for user in get_user_model().objects.filter(is_active=True):
        unit = Unit.member_of(user)
        if unit is not None and (unit.pk is not None or unit.is_county_wide):
            members[unit.key].append(user)
    return members


def _sent() -> set[tuple[int, str]]:
    """(recipient, key) of the reminders sent already: a second run skips them without trying
    (an insert refused by the unique key costs a savepoint each)."""
    return set(Notification.objects.filter(kind__in=KINDS).values_list("recipient_id", "key"))


def _remind(
    plan: EmergencyPlan, *, kind: str, due: dt.date, today: dt.date, recipients: list, sent: set
) -> int:
    key = f"emergency.{kind}-due:{plan.pk}:{due.isoformat()}"
    recipients = [user for user in recipients if (user.pk, key) not in sent]
    if not recipients:
        return 0
    late = due < today
    if kind == "drill":
        title = (
            _("Drill overdue since %(day)s: %(plan)s")
            if late
            else _("Drill due by %(day)s: %(plan)s")
        )
        body = _("Hold a drill of this plan and record it (令第2号 Art. 33, 708号令 Art. 8).")
    else:
        title = (
            _("Plan evaluation overdue since %(day)s: %(plan)s")
            if late
            else _("Plan evaluation due by %(day)s: %(plan)s")
        )
        body = _("Evaluate the plan (every three years, 令第2号 Art. 35) and revise it if needed.")
    return len(
        notify(
            recipients=recipients,
            kind=f"emergency.{kind}_due",
            title=title % {"day": cn_date(due), "plan": plan.title},
            key=key,
            url=plan.get_absolute_url(),
            body=body,
        )
    )


def run(*, now: dt.datetime) -> dict[str, int]:
    today = timezone.localdate(now)
    horizon = today + dt.timedelta(days=LEAD_DAYS)
    counts = {"drill_due": 0, "evaluation_due": 0}
    plans = (
        EmergencyPlan.objects.due_by(on=horizon)
        .select_related("enterprise__sector", "town", "department")
        .order_by("pk")
    )
    members, sent = _members(), _sent()
    with translation.override(settings.LANGUAGE_CODE):
        for plan in plans.iterator(chunk_size=500):
            recipients = members.get(plan.unit.key)
            if not recipients:
                continue
            if plan.next_drill_due <= horizon:
                counts["drill_due"] += _remind(
                    plan,
                    kind="drill",
                    due=plan.next_drill_due,
                    today=today,
                    recipients=recipients,
                    sent=sent,
                )
            evaluation = plan.next_evaluation_due
            if evaluation is not None and evaluation <= horizon:
                counts["evaluation_due"] += _remind(
                    plan,
                    kind="evaluation",
                    due=evaluation,
                    today=today,
                    recipients=recipients,
                    sent=sent,
                )
    return counts
