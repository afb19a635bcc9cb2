"""Warnings waiting for the user's unit to confirm them (签收), for the workbench
(`reports.todo`, kind `warning_confirm`). A task leaves once the unit confirms or the warning
ends."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit, UnitKind
from anjian.alerts.models import Alert, AlertEnterpriseRecipient, AlertRecipient
from anjian.alerts.policies import can_confirm
from anjian.core import clock


def todo_tasks(user) -> list[dict]:
    """One task per warning in force that the unit has not confirmed (one query): a town's or a
    department's recipient row, or an enterprise's own (a weather warning that reaches it for
    what it keeps)."""
    unit = Unit.member_of(user)
    if unit is not None and unit.kind == UnitKind.ENTERPRISE and unit.pk is not None:
        return _enterprise_tasks(unit.pk)
    if not can_confirm(user):
        return []
    now = clock.now()
    # A county's row stays a task until the county has passed the warning on (转发).
    passed = Alert.objects.filter(source=OuterRef("alert_id"), division=OuterRef("division_id"))
    rows = (
        AlertRecipient.objects.filter(Unit.member_of(user).own_q(), alert__valid_to__gt=now)
        .annotate(passed=Exists(passed))
        .filter(Q(confirmed_at__isnull=True) | Q(unit_kind=UnitKind.COUNTY, passed=False))
        .select_related("alert")
        .order_by("alert__remind_at", "pk")
    )
    return [
        {
            "kind": "warning_confirm",
            "title": (
                _("Confirm and pass on the warning: %(title)s")
                if r.unit_kind == UnitKind.COUNTY
                else _("Confirm the warning (签收): %(title)s")
            )
            % {"title": r.alert.title},
            "url": r.alert.get_absolute_url(),
            "due": r.alert.remind_at,
            "overdue": r.alert.remind_at <= now,
        }
        for r in rows
    ]


def _enterprise_tasks(enterprise_id: int) -> list[dict]:
    now = clock.now()
    rows = (
        AlertEnterpriseRecipient.objects.filter(
            enterprise_id=enterprise_id, confirmed_at__isnull=True, alert__valid_to__gt=now
        )
        .select_related("alert")
        .order_by("alert__remind_at", "pk")
    )
    return [
        {
            "kind": "warning_confirm",
            "title": _("Confirm the warning (签收): %(title)s") % {"title": r.alert.title},
            "url": r.alert.get_absolute_url(),
            "due": r.alert.remind_at,
            "overdue": r.alert.remind_at <= now,
        }
        for r in rows
    ]
