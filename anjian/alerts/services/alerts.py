"""Writes on warnings: publish, confirm (签收), the county's deadlines, and the sweep's follow-up.

Notification texts are written in the platform's language (settings.LANGUAGE_CODE), not the
language of whoever triggered them: they are read by other people, often on other channels.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from anjian.accounts.models import Department, Division, Town
from anjian.accounts.units import Unit, UnitKind, is_enterprise
from anjian.alerts import selectors
from anjian.alerts.models import Alert, AlertPolicy, AlertRecipient
from anjian.alerts.services.confirmation import record_confirmation
from anjian.alerts.services.enterprise_recipients import (
    enterprise_confirm,
    enterprise_recipients_add,
)
from anjian.core import audit, clock
from anjian.core.dates import cn_datetime
from anjian.core.errors import Conflict
from anjian.core.permissions import check_permission
from anjian.notifications.services import notify

ALERT_FIELDS = ("title", "level", "kind", "content", "valid_from", "valid_to")


def _validate(alert: Alert, *, units: list[Unit]) -> None:
    errors: dict[str, list] = {}
    try:
        alert.full_clean(exclude=["remind_at", "escalate_at"], validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if alert.valid_from and alert.valid_to and alert.valid_to <= alert.valid_from:
        errors.setdefault("valid_to", []).append(
            _("The end of validity must come after its start.")
        )
    if not units:
        errors.setdefault("recipients", []).append(_("Choose at least one town or department."))
    if errors:
        raise ValidationError(errors)


def _check_recipients(actor, units: list[Unit]) -> None:
    """A county reaches its own towns and departments; a city or a province its counties and
    its own departments. Anything else (the neighbouring county's town, a county sending to a
    county) is refused, naming the units, which the publisher can see anyway."""
    publisher = Unit.of(actor)
    above_county = publisher is not None and publisher.kind in (UnitKind.CITY, UnitKind.PROVINCE)
    wrong = [
        unit
        for unit in units
        if publisher is None
        or not publisher.manages(unit)
        or (unit.kind == UnitKind.COUNTY) != above_county
        or (above_county and unit.kind == UnitKind.TOWN)
        or (
            above_county
            and unit.kind == UnitKind.DEPARTMENT
            and unit.obj.division_id != publisher.pk
        )
    ]
    if wrong:
        raise ValidationError(
            {
                "recipients": [
                    _("These units are not yours to warn: %(units)s")
                    % {"units": "、".join(str(u.name) for u in wrong)}
                ]
            }
        )


@transaction.atomic
def alert_publish(
    *,
    actor,
    data: dict[str, Any],
    towns: Iterable[Town] = (),
    departments: Iterable[Department] = (),
    counties: Iterable[Division] = (),
    source: Alert | None = None,
    now: dt.datetime | None = None,
    via: str = "web",
) -> Alert:
    """Publish a warning (an admin only): a county's to its towns and departments, notifying
    them and their enterprises; a city's or a province's to its counties (whose admins confirm
    and pass it on, `alert_pass_on`) and its own departments."""
    check_permission(actor, "county_admin")
    units = (
        [Unit.of_town(t) for t in dict.fromkeys(towns)]
        + [Unit.of_department(d) for d in dict.fromkeys(departments)]
        + [Unit.of_division(c) for c in dict.fromkeys(counties)]
    )
    now = now or clock.now()
    remind_at, escalate_at = AlertPolicy.current(now=now).deadlines(now)
    publisher = Unit.of(actor)
    alert = Alert(
        **{k: v for k, v in data.items() if k in ALERT_FIELDS},
        published_at=now,
        published_by=actor if getattr(actor, "pk", None) else None,
        division=getattr(publisher, "division", None),
        source=source,
        remind_at=remind_at,
        escalate_at=escalate_at,
    )
    _validate(alert, units=units)
    _check_recipients(actor, units)
    alert.save()
    recipients = []
    for unit in units:
        recipient = AlertRecipient(alert=alert)
        recipient.set_unit(unit)
        recipients.append(recipient)
    AlertRecipient.objects.bulk_create(recipients)
    changes = {k: [None, v] for k, v in audit.snapshot(alert).items() if v not in (None, "")}
    changes["recipients"] = [None, [u.code for u in units]]
    audit.record(actor=actor, action="alert.create", instance=alert, changes=changes, via=via)
    _notify_published(alert, units=units)
    if any(u.kind != UnitKind.COUNTY for u in units):
        enterprise_recipients_add(alert)
    return alert


@transaction.atomic
def alert_pass_on(
    *,
    actor,
    alert: Alert,
    towns: Iterable[Town] = (),
    departments: Iterable[Department] = (),
    now: dt.datetime | None = None,
    via: str = "web",
) -> Alert:
    """转发: a county that received a city's or a province's warning passes it on to its towns
    and departments as its own warning (same title, level, kind, content and validity, with
    `source` set). Passing on confirms the county's receipt (签收). Once per county: a second
    time is a Conflict, even when two admins send at the same moment (the county's recipient
    row is locked)."""
    check_permission(actor, "county_admin")
    own = selectors.recipient_for(actor=actor, alert=alert)
    if not isinstance(own, AlertRecipient) or own.unit_kind != UnitKind.COUNTY:
        raise PermissionDenied
    AlertRecipient.objects.select_for_update(of=("self",)).filter(pk=own.pk).first()
    if Alert.objects.filter(source=alert, division_id=own.division_id).exists():
        raise Conflict(_("Your county has already passed this warning on."))
    now = now or clock.now()
    record_confirmation(
        actor=actor, alert=alert, recipient=own, who={"recipient": own.code}, now=now, via=via
    )
    passed = alert_publish(
        actor=actor,
        data={name: getattr(alert, name) for name in ALERT_FIELDS},
        towns=towns,
        departments=departments,
        source=alert,
        now=now,
        via=via,
    )
    audit.record(
        actor=actor,
        action="alert.pass_on",
        instance=alert,
        via=via,
        changes={"passed_on": [None, passed.pk], "recipient": [None, own.code]},
    )
    return passed


def _notify_published(alert: Alert, *, units: list[Unit]) -> None:
    """The receiving units' users, and the enterprises of a receiving town or department (a
    county's enterprises hear of a city's warning once the county passes it on)."""
    condition = Q(pk__in=[])
    for unit in units:
        condition |= unit.users_q()
        if unit.kind != UnitKind.COUNTY:
            condition |= unit.enterprise_users_q()
    users = get_user_model().objects.filter(condition, is_active=True)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(level)s warning: %(title)s") % {
            "level": alert.get_level_display(),
            "title": alert.title,
        }
        body = _(
            "Valid from %(start)s to %(end)s. Please confirm receipt (签收) on the "
            "platform.\n%(content)s"
        ) % {
            "start": cn_datetime(alert.valid_from),
            "end": cn_datetime(alert.valid_to),
            "content": alert.content,
        }
    notify(
        recipients=users,
        kind="alert.published",
        title=title,
        body=body,
        key=f"alert:{alert.pk}:published",
        url=reverse("alerts:alert_detail", args=[alert.pk]),
    )


def alert_confirm(
    *, actor, alert: Alert, now: dt.datetime | None = None, via: str = "web"
) -> AlertRecipient:
    """Record the actor's unit's 签收 of a warning it can see; once per unit, idempotent.

    The actor must act for a recipient unit: an officer of a recipient town or department, or
    an admin of a recipient county (else 403: the leader reads warnings but does not confirm
    them, nor does an admin for a warning sent to its towns). A second call, by
    the same or another user of the unit, changes nothing and returns the first confirmation.
    Concurrent calls are safe: the conditional UPDATE lets exactly one of them win.
    An enterprise user confirms for its unit when the warning reached it directly
    (`enterprise_recipients`; an AlertEnterpriseRecipient is returned).
    """
    if is_enterprise(actor):
        return enterprise_confirm(actor=actor, alert=alert, now=now, via=via)
    check_permission(actor, "officer")
    recipient = selectors.recipient_for(actor=actor, alert=alert)
    if recipient is None:
        raise PermissionDenied
    with transaction.atomic():
        record_confirmation(
            actor=actor,
            alert=alert,
            recipient=recipient,
            who={"recipient": recipient.code},
            now=now or clock.now(),
            via=via,
        )
    return AlertRecipient.objects.select_related(
        "town", "department", "division", "confirmed_by"
    ).get(pk=recipient.pk)


@transaction.atomic
def alert_policy_set(
    *, actor, remind_after_minutes: int, escalate_after_minutes: int, via: str = "web"
) -> AlertPolicy:
    """A new version of the county's confirmation deadlines, in force from now on (warnings
    already published keep theirs)."""
    check_permission(actor, "county_admin")
    policy = AlertPolicy(
        remind_after_minutes=remind_after_minutes,
        escalate_after_minutes=escalate_after_minutes,
        effective_from=clock.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    errors: dict[str, list] = {}
    try:
        policy.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not errors and escalate_after_minutes <= remind_after_minutes:
        errors["escalate_after_minutes"] = [_("Escalation must come after the reminder.")]
    if not errors and remind_after_minutes < 1:
        errors["remind_after_minutes"] = [_("Enter at least one minute.")]
    if errors:
        raise ValidationError(errors)
    policy.save()
    audit.record_create(actor=actor, instance=policy, via=via)
    return policy


def alert_remind_due(*, now: dt.datetime) -> int:
    """Remind each unit that has not confirmed a still-valid warning by its reminder time; once
    per unit (claimed by a conditional UPDATE, and keyed). Returns notifications created."""
    due = AlertRecipient.objects.filter(
        confirmed_at__isnull=True,
        reminded_at__isnull=True,
        alert__remind_at__lte=now,
        alert__valid_to__gt=now,
    ).select_related("alert__published_by", "town", "department", "division")
    created = 0
    for recipient in due:
        with transaction.atomic():
            if not AlertRecipient.objects.filter(
                pk=recipient.pk, reminded_at__isnull=True, confirmed_at__isnull=True
            ).update(reminded_at=now):
                continue
            alert = recipient.alert
            with translation.override(settings.LANGUAGE_CODE):
                title = _("Please confirm the warning: %(title)s") % {"title": alert.title}
                body = _(
                    "%(unit)s has not yet confirmed receipt (签收) of this warning, published "
                    "%(published)s."
                ) % {"unit": recipient.unit.name, "published": cn_datetime(alert.published_at)}
            created += len(
                notify(
                    recipients=recipient.unit.users(),
                    kind="alert.reminder",
                    title=title,
                    body=body,
                    key=f"alert:{alert.pk}:remind:{recipient.unit_kind}:{recipient.unit.pk}",
                    url=reverse("alerts:alert_detail", args=[alert.pk]),
                )
            )
    return created


def _publishers(alert: Alert) -> Unit:
    """The unit that published the warning (its county, city or province; v1: the county)."""
    unit = Unit.member_of(alert.published_by) if alert.published_by_id else None
    return unit if unit is not None and unit.kind != UnitKind.ENTERPRISE else Unit.county()


def alert_escalate_due(*, now: dt.datetime) -> int:
    """Report to the county admins, once per warning, the units that have still not confirmed
    by its escalation time. Returns notifications created."""
    due = AlertRecipient.objects.filter(
        confirmed_at__isnull=True, escalated_at__isnull=True, alert__escalate_at__lte=now
    ).select_related("alert__published_by", "town", "department", "division")
    by_alert: dict[int, list[AlertRecipient]] = {}
    for recipient in due:
        by_alert.setdefault(recipient.alert_id, []).append(recipient)
    created = 0
    for recipients in by_alert.values():
        alert = recipients[0].alert
        with transaction.atomic():
            # Lock the rows first: only what this run claims is reported (a unit that confirmed
            # in between, or a concurrent sweep's share, is left out).
            # order_by("pk"): the default ordering joins towns/departments, which PostgreSQL
            # cannot lock FOR UPDATE (outer join).
            mine = list(
                AlertRecipient.objects.select_for_update(of=("self",))
                .filter(
                    pk__in=[r.pk for r in recipients],
                    escalated_at__isnull=True,
                    confirmed_at__isnull=True,
                )
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if not mine:
                continue
            AlertRecipient.objects.filter(pk__in=mine).update(escalated_at=now)
            recipients = [r for r in recipients if r.pk in mine]
            names = "、".join(r.unit.name for r in recipients)
            with translation.override(settings.LANGUAGE_CODE):
                title = _("Warning not confirmed: %(title)s") % {"title": alert.title}
                body = _(
                    "%(count)s units have not confirmed receipt (签收) by %(deadline)s: %(units)s"
                ) % {
                    "count": len(recipients),
                    "deadline": cn_datetime(alert.escalate_at),
                    "units": names,
                }
            created += len(
                notify(
                    recipients=_publishers(alert).users(),
                    kind="alert.escalation",
                    title=title,
                    body=body,
                    key=f"alert:{alert.pk}:escalate",
                    url=reverse("alerts:alert_detail", args=[alert.pk]),
                )
            )
    return created
