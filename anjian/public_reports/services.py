"""Writes to 12350 reports: the public's submission, then one service per arrow of TRANSITIONS.

Each handling service locks the report, checks that the actor handles it (404 otherwise) and
that the report's state allows the step (`ReportConflict`, 409), writes, audits as
`public_report.<action>` — never with the reporter's name or phone — and notifies on commit.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.models import Sector, Town
from anjian.accounts.units import Unit, UnitKind
from anjian.core import audit, clock
from anjian.core.errors import Conflict
from anjian.core.permissions import check_permission
from anjian.notifications.services import notify

from . import deadlines, policy, rules
from .models import Finding, PublicReport, ReportStatus, RewardBasis

# Who files from the public page: nobody logged in (the audit names "public").
PUBLIC = SimpleNamespace(pk=None, username="public")

S = ReportStatus
TRANSITIONS: dict[str, dict[str, str]] = {
    S.RECEIVED: {"accept": S.ACCEPTED, "reject": S.REJECTED, "transfer": S.RECEIVED},
    S.ACCEPTED: {"transfer": S.ACCEPTED, "extend": S.ACCEPTED, "verify": S.VERIFIED},
    S.VERIFIED: {
        "reward": S.REWARDED,
        "hazard": S.VERIFIED,
        "fireworks_case": S.VERIFIED,
        "close": S.CLOSED,
    },
    S.REWARDED: {"hazard": S.REWARDED, "fireworks_case": S.REWARDED, "close": S.CLOSED},
    S.REJECTED: {},
    S.CLOSED: {},
}
ACTIONS = (
    "accept",
    "reject",
    "transfer",
    "extend",
    "verify",
    "reward",
    "hazard",
    "fireworks_case",
    "close",
)
SUBMIT_FIELDS = (
    "content",
    "town",
    "place",
    "enterprise_name",
    "contact_name",
    "contact_phone",
    "anonymous",
)


class ReportConflict(Conflict):
    """The report's state does not allow this step (API: 409)."""


def public_report_submit(*, data: dict[str, Any], via: str = "web") -> PublicReport:
    """File a report from the public (no login). An anonymous report keeps no contact."""
    report = PublicReport(**{k: data[k] for k in SUBMIT_FIELDS if k in data and k != "town"})
    town = data.get("town")
    if town is not None:
        report.town_id = getattr(town, "pk", town)
    report.content = (report.content or "").strip()
    if report.anonymous:
        report.contact_name = report.contact_phone = ""
    elif not (report.contact_phone or "").strip():
        raise ValidationError(
            {
                "contact_phone": [
                    _(
                        "Give a phone number so that we can tell you the result, or report anonymously."
                    )
                ]
            }
        )
    report.full_clean()
    with transaction.atomic():
        report.save()
        audit.record_create(actor=PUBLIC, instance=report, via=via)
        recipients = list(Unit.county_of(report.town).users())
        title = _("New 12350 report #%(pk)s") % {"pk": report.pk}
        transaction.on_commit(
            lambda: notify(
                recipients=recipients,
                kind="public_report.received",
                title=title,
                key=f"public_report.received:{report.pk}",
                url=report.get_absolute_url(),
            )
        )
    return report


def _lock(actor, report: PublicReport | int) -> PublicReport:
    check_permission(actor, "officer")
    locked = PublicReport.objects.select_for_update(of=("self",)).get(
        pk=getattr(report, "pk", report)
    )
    if not policy.handles(actor, locked):
        raise Http404
    return locked


def _step(actor, locked: PublicReport, action: str) -> str:
    """The target state of `action` from the report's state, or a 409."""
    target = TRANSITIONS[locked.status].get(action)
    if target is None:
        raise ReportConflict(
            _("This report is %(status)s: “%(action)s” is not possible now.")
            % {"status": locked.get_status_display(), "action": action}
        )
    return target


def _record(actor, locked: PublicReport, action: str, before: str, via: str, **changes) -> None:
    audit.record(
        actor=actor,
        action=f"public_report.{action}",
        instance=locked,
        via=via,
        changes={"status": [before, locked.status], **changes},
    )


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: [message]})
    return value


def _write(
    actor, locked: PublicReport, action: str, via: str, fields: list[str], **changes
) -> PublicReport:
    before = locked.status
    locked.status = _step(actor, locked, action)
    locked.full_clean()
    locked.save(update_fields=["status", *fields])
    _record(actor, locked, action, before, via, **changes)
    return locked


@transaction.atomic
def public_report_accept(
    *, actor, report, sector: Sector | str | None = None, via: str = "web"
) -> PublicReport:
    """Accept (受理): verification is due 60 days later (§15)."""
    locked = _lock(actor, report)
    _step(actor, locked, "accept")
    if sector:
        found = sector if isinstance(sector, Sector) else Sector.objects.filter(code=sector).first()
        if found is None:
            raise ValidationError({"sector": [_("No sector has this code.")]})
        locked.sector = found
    locked.accepted_at = clock.now()
    locked.verify_due = deadlines.verify_due(locked.accepted_at, extended=False)
    return _write(
        actor,
        locked,
        "accept",
        via,
        ["sector", "accepted_at", "verify_due"],
        verify_due=[None, locked.verify_due.isoformat()],
    )


@transaction.atomic
def public_report_reject(*, actor, report, reason: str, via: str = "web") -> PublicReport:
    """Not accepted, with the reason the reporter is told."""
    locked = _lock(actor, report)
    _step(actor, locked, "reject")
    locked.reject_reason = _required(reason, "reason", _("Say why the report is not accepted."))
    locked.result = locked.reject_reason
    locked.closed_at = clock.now()
    return _write(
        actor,
        locked,
        "reject",
        via,
        ["reject_reason", "result", "closed_at"],
        reason=[None, locked.reject_reason],
    )


@transaction.atomic
def public_report_transfer(*, actor, report, to: str, via: str = "web") -> PublicReport:
    """Transfer to the town or department that owns the matter (安全生产法 Art. 73). The
    report goes without a copy to anyone else; the new handling unit is notified."""
    locked = _lock(actor, report)
    _step(actor, locked, "transfer")
    try:
        unit = Unit.from_code(to)
    except ValidationError:
        unit = None
    if unit is None or unit.kind not in (UnitKind.TOWN, UnitKind.DEPARTMENT):
        raise ValidationError({"to": [_("Give the code of a town or a department.")]})
    before = policy.handling_unit(locked)
    if unit == before:
        raise ValidationError({"to": [_("The report is already with this unit.")]})
    locked.handler_town_id = unit.pk if unit.kind == UnitKind.TOWN else None
    locked.handler_department_id = unit.pk if unit.kind == UnitKind.DEPARTMENT else None
    _write(
        actor,
        locked,
        "transfer",
        via,
        ["handler_town", "handler_department"],
        handler=[before.code, unit.code],
    )
    recipients = list(unit.users())
    title = _("12350 report #%(pk)s transferred to you") % {"pk": locked.pk}
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            kind="public_report.transferred",
            title=title,
            key=f"public_report.transferred:{locked.pk}:{unit.key}",
            url=locked.get_absolute_url(),
        )
    )
    return locked


@transaction.atomic
def public_report_extend(*, actor, report, reason: str, via: str = "web") -> PublicReport:
    """The one extension of verification, by at most 30 days, with the reason (§15)."""
    locked = _lock(actor, report)
    _step(actor, locked, "extend")
    if locked.extended:
        raise ReportConflict(_("The verification of this report was extended already."))
    locked.extension_reason = _required(reason, "reason", _("Say why verification needs longer."))
    locked.extended = True
    before = locked.verify_due
    locked.verify_due = deadlines.verify_due(locked.accepted_at, extended=True)
    return _write(
        actor,
        locked,
        "extend",
        via,
        ["extended", "extension_reason", "verify_due"],
        verify_due=[before.isoformat(), locked.verify_due.isoformat()],
    )


@transaction.atomic
def public_report_verify(
    *, actor, report, finding: str, note: str = "", via: str = "web"
) -> PublicReport:
    """Record the verification: true, partly true or untrue. Feedback is due 10 days later."""
    locked = _lock(actor, report)
    _step(actor, locked, "verify")
    if finding not in Finding.values:
        raise ValidationError({"finding": [_("Choose true, partly or false.")]})
    locked.finding = finding
    locked.verify_note = (note or "").strip()
    locked.verified_at = clock.now()
    locked.feedback_due = deadlines.feedback_due(locked.verified_at)
    return _write(
        actor,
        locked,
        "verify",
        via,
        ["finding", "verify_note", "verified_at", "feedback_due"],
        finding=[None, finding],
        feedback_due=[None, locked.feedback_due.isoformat()],
    )


def reward_amount(*, basis: str, fine=None, deaths=None, grade=None) -> Decimal:
    """The §15 reward for the given basis; bad input is a ValidationError naming the field."""
    if basis == RewardBasis.FINE:
        try:
            value = Decimal(str(fine))
        except (InvalidOperation, ValueError):
            raise ValidationError({"fine": [_("Give the fine in yuan.")]}) from None
        if not value.is_finite() or value < 0 or value > Decimal("1000000000"):
            raise ValidationError({"fine": [_("Give the fine in yuan.")]})
        return rules.reward_for_fine(value)
    if basis == RewardBasis.CONCEALED_DEATHS:
        errors = {}
        if isinstance(deaths, bool) or not isinstance(deaths, int) or not 1 <= deaths <= 1000:
            errors["deaths"] = [_("Give the number of concealed deaths (at least 1).")]
        if grade not in rules.PER_CONCEALED_DEATH:
            errors["grade"] = [
                _("Give the accident grade: general, large, major or extraordinary.")
            ]
        if errors:
            raise ValidationError(errors)
        return rules.reward_for_concealed_deaths(deaths, grade)
    raise ValidationError({"basis": [_("Choose fine or concealed_deaths.")]})


@transaction.atomic
def public_report_reward(
    *, actor, report, basis: str, fine=None, deaths=None, grade=None, via: str = "web"
) -> PublicReport:
    """Assess the reward by §15 (only for a report found true or partly true)."""
    locked = _lock(actor, report)
    _step(actor, locked, "reward")
    amount = reward_amount(basis=basis, fine=fine, deaths=deaths, grade=grade)
    if locked.finding == Finding.FALSE:
        raise ReportConflict(_("An untrue report earns no reward."))
    locked.reward_basis, locked.reward_amount = basis, amount
    return _write(
        actor,
        locked,
        "reward",
        via,
        ["reward_basis", "reward_amount"],
        reward=[None, str(amount)],
        basis=[None, basis],
    )


@transaction.atomic
def public_report_close(*, actor, report, result: str, via: str = "web") -> PublicReport:
    """Tell the reporter the result (feedback, §15) and close the report."""
    locked = _lock(actor, report)
    _step(actor, locked, "close")
    locked.result = _required(result, "result", _("Write the result the reporter is told."))
    locked.closed_at = clock.now()
    return _write(actor, locked, "close", via, ["result", "closed_at"])


@transaction.atomic
def public_report_make_hazard(
    *,
    actor,
    report,
    description: str,
    deadline: dt.date,
    sector: Sector | str | None = None,
    enterprise=None,
    grade: str = "general",
    via: str = "web",
):
    """Turn a report found true (or partly) into a hazard (source `public_report`), linked
    back. The hazard carries the officer's description, never the report or the reporter:
    the unit reported on sees the hazard, not who reported it (§15)."""
    from anjian.hazards.models import HazardSource
    from anjian.hazards.services import hazard_create

    locked = _lock(actor, report)
    _step(actor, locked, "hazard")
    if locked.finding not in (Finding.TRUE, Finding.PARTLY):
        raise ReportConflict(_("Only a report found true or partly true becomes a hazard."))
    if locked.hazard_id:
        raise ReportConflict(_("This report has its hazard already."))
    data = {
        "description": _required(
            description, "description", _("Describe the hazard (not the report).")
        ),
        "deadline": deadline,
        "grade": grade,
        "source": HazardSource.PUBLIC_REPORT,
        "found_on": timezone.localdate(locked.verified_at),
        "found_by": str(actor)[:50],
    }
    enterprise = enterprise or locked.enterprise
    if enterprise:
        data["enterprise"] = enterprise
    else:
        code = getattr(sector, "code", sector) or (locked.sector.code if locked.sector else "")
        found = Sector.objects.filter(code=code).first() if code else None
        if found is None:
            raise ValidationError({"sector": [_("Give the sector of the public place.")]})
        data.update(
            town=Town.objects.get(pk=locked.town_id), sector=found, location=locked.place[:200]
        )
    hazard = hazard_create(actor=actor, data=data, via=via)
    locked.hazard = hazard
    locked.save(update_fields=["hazard"])
    _record(actor, locked, "hazard", locked.status, via, hazard=[None, hazard.pk])
    return hazard


@transaction.atomic
def public_report_make_fireworks_case(
    *, actor, report, kind: str, description: str, via: str = "web"
):
    """Turn a report found true (or partly) into a 打非 case (clue source 12350), linked back.
    The case carries the officer's description, never the report or the reporter (§15)."""
    from anjian.fireworks.models import ClueSource
    from anjian.fireworks.services import case_create

    locked = _lock(actor, report)
    _step(actor, locked, "fireworks_case")
    if locked.finding not in (Finding.TRUE, Finding.PARTLY):
        raise ReportConflict(_("Only a report found true or partly true becomes a 打非 case."))
    if locked.fireworks_case_id:
        raise ReportConflict(_("This report has its 打非 case already."))
    data = {
        "clue_source": ClueSource.PUBLIC_REPORT,
        "received_at": locked.received_at,
        "town": Town.objects.get(pk=locked.town_id),
        "place": (locked.place or locked.enterprise_name or "—")[:200],
        "kind": kind,
        "description": _required(
            description, "description", _("Describe the case (not the report).")
        ),
    }
    case = case_create(actor=actor, data=data, via=via)
    locked.fireworks_case = case
    locked.save(update_fields=["fireworks_case"])
    _record(actor, locked, "fireworks_case", locked.status, via, fireworks_case=[None, case.pk])
    return case


def public_report_reporter_view(*, actor, report: PublicReport, via: str = "web") -> None:
    """Audit that `actor` saw the reporter's identity (every view, §15)."""
    if report.contact_name or report.contact_phone:
        audit.record(
            actor=actor,
            action="public_report.reporter_view",
            instance=report,
            via=via,
            changes={"fields": [None, ["contact_name", "contact_phone"]]},
        )
