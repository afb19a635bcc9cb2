"""The rectification workflow (整改 → 验收 → 销号) and deadline extensions.

A transition table plus one service per arrow. Each service locks the hazard and re-checks
its state inside the write transaction, so of two simultaneous acceptances exactly one wins
(on SQLite the IMMEDIATE transaction serialises writers; on PostgreSQL `select_for_update`).
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from anjian.core import audit, clock
from anjian.core.permissions import check_permission
from anjian.core.scoping import in_scope
from anjian.notifications.services import notify

from . import policy
from .evidence import check_upload, check_uploads, removed_on_failure, storage_name
from .models import (
    FIVE_FIXES,
    ExtensionStatus,
    Hazard,
    HazardEvidence,
    HazardExtension,
    HazardStatus,
    HazardTransition,
)
from .services import TransitionNotAllowed, enterprise_users, responsible_users

S = HazardStatus
TRANSITIONS: dict[str, dict[str, str]] = {
    S.PENDING: {"acknowledge": S.RECTIFYING},
    S.RECTIFYING: {"submit": S.AWAITING_ACCEPTANCE},
    S.AWAITING_ACCEPTANCE: {"accept": S.CLOSED, "reject": S.RECTIFYING},
    S.CLOSED: {},
}
ACTIONS = ("acknowledge", "submit", "accept", "reject")


class UnknownAction(Http404):
    """Not one of ACTIONS: there is no such step (404)."""


def _lock(hazard: Hazard | int) -> Hazard:
    pk = getattr(hazard, "pk", hazard)
    # of=("self",): PostgreSQL cannot lock the nullable side of the enterprise outer join.
    return (
        Hazard.objects.select_for_update(of=("self",))
        .select_related("enterprise", "town")
        .get(pk=pk)
    )


def _check_access(actor, hazard: Hazard, allowed) -> None:
    """Outside scope: 404; inside scope without the right: 403."""
    from django.http import Http404

    if not in_scope(
        actor,
        town_id=hazard.town_id,
        sector_id=hazard.sector_id,
        enterprise_id=hazard.enterprise_id,
    ):
        raise Http404
    check_permission(actor, "write")
    if not allowed(actor, hazard):
        raise PermissionDenied


def _ready_to_submit(hazard: Hazard) -> None:
    """All five of the 五定 stated (responsible person, measures, funds, deadline, contingency
    plan; funds may be 0 but not blank); a major hazard also needs its six-part 治理方案
    (令第16号 Art. 15). Each missing field gets its own error."""
    errors = {}
    for field in missing_five_fixes(hazard):
        label = Hazard._meta.get_field(field).verbose_name
        errors[field] = [
            _("State the %(field)s before submitting for acceptance.") % {"field": label}
        ]
    if hazard.is_major:
        for field in hazard.missing_plan_parts():
            errors[field] = [_("A major hazard needs every part of its rectification plan.")]
    if errors:
        raise ValidationError(errors)


def missing_five_fixes(hazard: Hazard) -> list[str]:
    """The 五定 fields still blank (domain rules §2); a funds figure of 0 counts as stated."""
    missing = []
    for field in FIVE_FIXES:
        value = getattr(hazard, field)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(field)
    return missing


def _save_evidence(
    *,
    actor,
    hazard: Hazard,
    uploads: Iterable,
    step: str,
    stored: list,
    transition: HazardTransition | None = None,
) -> list[HazardEvidence]:
    """Store the files; each stored file is added to `stored` (see `removed_on_failure`)."""
    saved = []
    for upload in uploads or ():
        kind, _content_type = check_upload(upload)
        item = HazardEvidence(
            hazard=hazard,
            transition=transition,
            kind=kind,
            step=step,
            name=upload.name[:200],
            size=upload.size,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        item.file.save(storage_name(upload.name), upload, save=False)
        stored.append(item.file)
        item.save()
        saved.append(item)
    return saved


def hazard_transition(
    *,
    actor,
    hazard: Hazard | int,
    action: str,
    comment: str = "",
    evidence: Iterable = (),
    via: str = "web",
) -> HazardTransition:
    """Move a hazard along one arrow of TRANSITIONS; returns the history row written."""
    if action not in ACTIONS:
        raise UnknownAction(action)
    evidence = list(evidence or ())
    check_uploads(evidence)
    with removed_on_failure() as stored, transaction.atomic():
        locked = _lock(hazard)
        _check_access(actor, locked, policy.ALLOWED_BY_ACTION[action])
        before = locked.status
        target = TRANSITIONS[before].get(action)
        if target is None:
            raise TransitionNotAllowed(
                _("This hazard is %(status)s: “%(action)s” is not possible now.")
                % {"status": locked.get_status_display(), "action": action_label(action)},
                status=before,
                action=action,
            )
        if action == "submit":
            _ready_to_submit(locked)
        if action == "reject" and not comment.strip():
            raise ValidationError({"comment": [_("Say why the rectification is rejected.")]})
        locked.status = target
        locked.closed_at = clock.now() if target == S.CLOSED else None
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        step = HazardTransition.objects.create(
            hazard=locked,
            action=action,
            from_status=before,
            to_status=target,
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=getattr(actor, "username", "") or "system",
            comment=comment,
        )
        files = _save_evidence(
            actor=actor,
            hazard=locked,
            uploads=evidence,
            step=before,
            transition=step,
            stored=stored,
        )
        audit.record(
            actor=actor,
            action=f"hazard.{action}",
            instance=locked,
            via=via,
            changes={
                "status": [before, target],
                **({"comment": [None, comment]} if comment else {}),
                **({"evidence": [None, [f.name for f in files]]} if files else {}),
            },
        )
        _notify_transition(locked, step)
    if hasattr(hazard, "pk"):
        hazard.status, hazard.closed_at = locked.status, locked.closed_at
    return step


def hazard_acknowledge(*, actor, hazard, comment: str = "", evidence=(), via: str = "web"):
    """The unit takes the hazard on (pending → rectifying)."""
    return hazard_transition(
        actor=actor,
        hazard=hazard,
        action="acknowledge",
        comment=comment,
        evidence=evidence,
        via=via,
    )


def hazard_submit(*, actor, hazard, comment: str = "", evidence=(), via: str = "web"):
    """The unit reports the rectification done and asks for acceptance."""
    return hazard_transition(
        actor=actor, hazard=hazard, action="submit", comment=comment, evidence=evidence, via=via
    )


def hazard_accept(*, actor, hazard, comment: str = "", evidence=(), via: str = "web"):
    """Acceptance passed: the hazard is closed (销号)."""
    return hazard_transition(
        actor=actor, hazard=hazard, action="accept", comment=comment, evidence=evidence, via=via
    )


def hazard_reject(*, actor, hazard, comment: str = "", evidence=(), via: str = "web"):
    """Acceptance failed: back to rectifying, with the reason."""
    return hazard_transition(
        actor=actor, hazard=hazard, action="reject", comment=comment, evidence=evidence, via=via
    )


def action_label(action: str) -> str:
    return {
        "acknowledge": _("Acknowledge"),
        "submit": _("Submit for acceptance"),
        "accept": _("Accept and close"),
        "reject": _("Reject"),
    }.get(action, action)


def _notify_transition(hazard: Hazard, step: HazardTransition) -> None:
    url = hazard.get_absolute_url()
    if step.action == "submit":
        recipients = [u for u in responsible_users(hazard) if policy.can_accept(u, hazard)]
        title = _("Rectification submitted for acceptance: %(hazard)s")
    elif step.action in ("accept", "reject"):
        recipients = list(enterprise_users(hazard))
        title = (
            _("Rectification accepted, hazard closed: %(hazard)s")
            if step.action == "accept"
            else _("Rectification rejected: %(hazard)s")
        )
    else:
        return
    title = (title % {"hazard": str(hazard)})[:200]
    key = f"hazard.{step.action}:{step.pk}"
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            kind=f"hazard.{step.action}",
            title=title,
            key=key,
            body=step.comment,
            url=url,
        )
    )


def hazard_evidence_add(
    *, actor, hazard: Hazard, uploads: Iterable, via: str = "web"
) -> list[HazardEvidence]:
    """Attach photos or documents to a hazard at its current step (anyone who may edit it)."""
    uploads = list(uploads)
    check_uploads(uploads)
    with removed_on_failure() as stored, transaction.atomic():
        locked = _lock(hazard)
        _check_access(actor, locked, policy.can_edit)
        files = _save_evidence(
            actor=actor, hazard=locked, uploads=uploads, step=locked.status, stored=stored
        )
        audit.record(
            actor=actor,
            action="hazard.evidence",
            instance=locked,
            via=via,
            changes={"evidence": [None, [f.name for f in files]]},
        )
    return files


def hazard_extension_request(
    *, actor, hazard: Hazard, new_deadline: dt.date, reason: str, via: str = "web"
) -> HazardExtension:
    """The unit asks to move the deadline; nothing changes until the government approves."""
    with transaction.atomic():
        locked = _lock(hazard)
        _check_access(actor, locked, policy.can_rectify)
        if locked.status == S.CLOSED:
            raise TransitionNotAllowed(
                _("A closed hazard needs no extension."), status=locked.status, action="extend"
            )
        if locked.extensions.filter(status=ExtensionStatus.REQUESTED).exists():
            raise TransitionNotAllowed(
                _("An extension request is already waiting for a decision."),
                status=locked.status,
                action="extend",
            )
        errors = {}
        if not new_deadline or new_deadline <= locked.deadline:
            errors["new_deadline"] = [_("The new deadline must be later than the current one.")]
        if not (reason or "").strip():
            errors["reason"] = [_("Give the reason for the extension.")]
        if errors:
            raise ValidationError(errors)
        extension = HazardExtension.objects.create(
            hazard=locked,
            previous_deadline=locked.deadline,
            new_deadline=new_deadline,
            reason=reason.strip(),
            requested_by=actor if getattr(actor, "pk", None) else None,
        )
        audit.record(
            actor=actor,
            action="hazard.extension_request",
            instance=locked,
            via=via,
            changes={
                "deadline": [locked.deadline.isoformat(), new_deadline.isoformat()],
                "reason": [None, extension.reason],
            },
        )
        recipients = [
            u for u in responsible_users(locked) if policy.can_decide_extension(u, locked)
        ]
        title = (_("Deadline extension requested: %(hazard)s") % {"hazard": str(locked)})[:200]
        transaction.on_commit(
            lambda: notify(
                recipients=recipients,
                kind="hazard.extension",
                title=title,
                key=f"hazard.extension:{extension.pk}",
                body=extension.reason,
                url=locked.get_absolute_url(),
            )
        )
    return extension


def hazard_extension_decide(
    *, actor, extension: HazardExtension | int, approve: bool, comment: str = "", via: str = "web"
) -> HazardExtension:
    """The government side approves (the deadline moves) or refuses an extension request."""
    pk = getattr(extension, "pk", extension)
    with transaction.atomic():
        ext = HazardExtension.objects.select_for_update(of=("self",)).get(pk=pk)
        locked = _lock(ext.hazard_id)
        _check_access(actor, locked, policy.can_decide_extension)
        if ext.status != ExtensionStatus.REQUESTED:
            raise TransitionNotAllowed(
                _("This request has already been decided."), status=ext.status, action="decide"
            )
        ext.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
        ext.decided_by = actor if getattr(actor, "pk", None) else None
        ext.decided_at = clock.now()
        ext.decision_comment = comment
        ext.save()
        changes = {"extension": [ExtensionStatus.REQUESTED, ext.status]}
        if approve:
            changes["deadline"] = [locked.deadline.isoformat(), ext.new_deadline.isoformat()]
            locked.deadline = ext.new_deadline
            locked.save(update_fields=["deadline", "updated_at"])
        audit.record(
            actor=actor, action="hazard.extension_decide", instance=locked, via=via, changes=changes
        )
        recipients = list(enterprise_users(locked))
        title = (
            (_("Extension approved: %(hazard)s") if approve else _("Extension refused: %(hazard)s"))
            % {"hazard": str(locked)}
        )[:200]
        transaction.on_commit(
            lambda: notify(
                recipients=recipients,
                kind="hazard.extension_decided",
                title=title,
                key=f"hazard.extension_decided:{ext.pk}",
                body=comment,
                url=locked.get_absolute_url(),
            )
        )
    return ext
