"""Writes on 打非 cases, 转产/退出 records and firing rules (domain-rules §13): checked against
the actor's unit, validated, audited; a case moves only along its status machine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.models import Department, Sector, Town
from anjian.core import audit, clock
from anjian.core.errors import Conflict
from anjian.core.permissions import check_permission
from anjian.core.scoping import in_scope
from anjian.registry.models import Enterprise, EnterpriseStatus
from anjian.registry.services import enterprise_update

from .models import CaseStatus, Conversion, FireworksCase, FiringRule

S = CaseStatus
# action → {from status: to status}. Verification finding nothing closes the case directly.
TRANSITIONS: dict[str, dict[str, str]] = {
    "transfer": {S.REGISTERED: S.TRANSFERRED},
    "verify": {S.REGISTERED: S.VERIFIED, S.TRANSFERRED: S.VERIFIED},
    "handle": {S.VERIFIED: S.HANDLED},
    "seal": {S.HANDLED: S.SEALED},
    "destroy": {S.SEALED: S.DESTROYED},
    "close": {S.VERIFIED: S.CLOSED, S.HANDLED: S.CLOSED, S.DESTROYED: S.CLOSED},
}
ACTIONS = tuple(TRANSITIONS)
CASE_FIELDS = ("clue_source", "received_at", "town", "place", "kind", "description")


class TransitionNotAllowed(Conflict):
    pass


def fireworks_sector() -> Sector:
    return Sector.objects.get(code="fireworks")


def _covers(actor, town) -> None:
    if not isinstance(town, Town) or not in_scope(
        actor, town_id=town.pk, sector_id=fireworks_sector().pk
    ):
        raise ValidationError({"town": _("This town lies outside your jurisdiction.")})


def case_build(*, actor, data: dict[str, Any]) -> FireworksCase:
    check_permission(actor, "officer")
    _covers(actor, data.get("town"))
    case = FireworksCase(
        **{k: v for k, v in data.items() if k in CASE_FIELDS},
        sector=fireworks_sector(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    case.full_clean()
    return case


@transaction.atomic
def case_create(*, actor, data: dict[str, Any], via: str = "web") -> FireworksCase:
    """登记 a clue (12350, patrol, grid member, online) as a 打非 case."""
    case = case_build(actor=actor, data=data)
    case.save()
    audit.record_create(actor=actor, instance=case, via=via)
    return case


def next_status(status: str, action: str) -> str:
    """The status after `action`, or TransitionNotAllowed (409) from the wrong status."""
    target = TRANSITIONS.get(action, {}).get(status)
    if target is None:
        raise TransitionNotAllowed(
            _("A case that is %(status)s cannot be %(action)s.")
            % {"status": CaseStatus(status).label, "action": action}
        )
    return target


def _transfer_target(to: str) -> str:
    to = (to or "").strip()
    if not (Department.objects.filter(code=to).exists() or Town.objects.filter(code=to).exists()):
        raise ValidationError({"to": _("Give a department or town code.")})
    return to


@transaction.atomic
def case_act(
    *, actor, case: FireworksCase, action: str, data: dict[str, Any] | None = None,
    via: str = "web",
) -> FireworksCase:  # fmt: skip
    """One step of the case (transfer → verify → handle → seal → destroy → close), audited as
    `fireworkscase.<action>` with the fields it set."""
    check_permission(actor, "officer")
    data = data or {}
    locked = FireworksCase.objects.select_for_update(of=("self",)).get(pk=case.pk)
    _covers(actor, locked.town)
    before = locked.status
    if action == "verify" and data.get("found") is False:
        target = next_status(before, "verify")
    else:
        target = next_status(before, action)
    now = clock.now()
    changes: dict[str, list] = {}

    def put(field, value):
        old = getattr(locked, field)
        if old != value:
            changes[field] = [audit._plain(old), audit._plain(value)]
            setattr(locked, field, value)

    if action == "transfer":
        put("transferred_to", _transfer_target(data.get("to", "")))
    elif action == "verify":
        found = data.get("found")
        if not isinstance(found, bool):
            raise ValidationError({"found": _("Say whether the clue was found true.")})
        put("found", found)
        put("verified_at", data.get("verified_at") or now)
        if not found:
            target = S.CLOSED
            put("result", (data.get("note") or _("Not found true on verification."))[:2000])
    elif action == "handle":
        seized = data.get("seized", 0)
        penalty = Decimal(str(data.get("penalty", 0)))
        if isinstance(seized, bool) or not isinstance(seized, int) or not 0 <= seized <= 1_000_000:
            raise ValidationError({"seized": _("A number of cases or pieces from 0 to 1,000,000.")})
        if not Decimal("0") <= penalty <= Decimal("100000000"):
            raise ValidationError({"penalty": _("A penalty from 0 to 100,000,000 yuan.")})
        put("seized", seized)
        put("penalty", penalty)
        put("referred_to_police", bool(data.get("referred_to_police", False)))
    elif action == "destroy":
        put("destroyed_at", data.get("destroyed_at") or now)
    elif action == "close":
        result = (data.get("result") or "").strip()
        if not result:
            raise ValidationError({"result": _("Write the feedback.")})
        put("result", result[:2000])
    locked.status = target
    locked.full_clean()
    locked.save()
    changes["status"] = [before, target]
    audit.record(
        actor=actor, action=f"fireworkscase.{action}", instance=locked, changes=changes, via=via
    )
    return locked


# --- 转产/退出 ---------------------------------------------------------------------------------


@transaction.atomic
def conversion_record(*, actor, data: dict[str, Any], via: str = "web") -> Conversion:
    """Record a plant's 转产 or 退出: its status becomes `converted`/`closed` (registry), and
    quarterly follow-up checks are due for a year (the watch list's `converted_follow_up`)."""
    check_permission(actor, "officer")
    enterprise = data.get("enterprise")
    if not isinstance(enterprise, Enterprise) or not in_scope(
        actor,
        town_id=enterprise.town_id,
        sector_id=enterprise.sector_id,
        enterprise_id=enterprise.pk,
    ):
        raise ValidationError({"enterprise": _("This unit lies outside your jurisdiction.")})
    on = data.get("on")
    if isinstance(on, dt.date) and on > clock.today():
        raise ValidationError({"on": _("The date lies in the future.")})
    record = Conversion(
        enterprise=enterprise,
        kind=data.get("kind"),
        on=on,
        licences_cancelled=bool(data.get("licences_cancelled", False)),
        stock_disposal=data.get("stock_disposal", ""),
        workshops=data.get("workshops", ""),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record.full_clean()
    record.save()
    audit.record_create(actor=actor, instance=record, via=via)
    status = EnterpriseStatus.CONVERTED if record.kind == "converted" else EnterpriseStatus.CLOSED
    if enterprise.status != status:
        enterprise_update(actor=actor, enterprise=enterprise, data={"status": status}, via=via)
    return record


# --- firing rules --------------------------------------------------------------------------


@transaction.atomic
def firing_rule_create(*, actor, data: dict[str, Any], via: str = "web") -> FiringRule:
    """A county rule (禁放/限放, Art. 28): the county admin sets it."""
    check_permission(actor, "county_admin")
    rule = FiringRule(
        **{
            k: v
            for k, v in data.items()
            if k in ("kind", "area", "starts_on", "ends_on", "hours", "note")
        }
    )
    rule.full_clean()
    if rule.ends_on < rule.starts_on:
        raise ValidationError({"ends_on": _("The end must not come before the start.")})
    if (rule.ends_on - rule.starts_on).days > 366:
        raise ValidationError({"ends_on": _("A rule covers at most a year.")})
    rule.save()
    audit.record_create(actor=actor, instance=rule, via=via)
    return rule


@transaction.atomic
def firing_rule_delete(*, actor, rule: FiringRule, via: str = "web") -> None:
    check_permission(actor, "county_admin")
    audit.record_delete(actor=actor, instance=rule, via=via)
    rule.delete()
