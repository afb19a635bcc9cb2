"""Writes to accidents. Every path (web, API, import, command, demo) goes through here."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from anjian.accidents import rules
from anjian.accidents.models import (
    FIGURES,
    Accident,
    AccidentForward,
    AccidentRevision,
    Kind,
    RevisionKind,
)
from anjian.accounts.units import Unit, UnitKind
from anjian.core import audit, clock
from anjian.core.errors import Conflict
from anjian.core.permissions import check_permission, has_permission
from anjian.core.rules import rule_value
from anjian.core.scoping import in_scope
from anjian.notifications.services import notify

ACCIDENT_FIELDS = (
    "kind",
    "title",
    "occurred_at",
    "reported_at",
    "town",
    "sector",
    "enterprise",
    "accident_type",
    "deaths",
    "missing",
    "serious_injuries",
    "minor_injuries",
    "direct_loss",
    "description",
    "cause",
    "endangered",
    "trapped",
    "evacuated",
    "key_facilities_threatened",
    "lng",
    "lat",
)
COUNTS = (
    "deaths",
    "missing",
    "serious_injuries",
    "minor_injuries",
    "endangered",
    "trapped",
    "evacuated",
)


def _derive(accident: Accident) -> None:
    """Recompute what the regulation derives from the figures and the timestamps."""
    accident.grade = rules.accident_grade(
        deaths=accident.deaths_for_grading,
        serious_injuries=accident.serious_injuries,
        direct_loss=accident.direct_loss,
    )
    if accident.occurred_at and accident.reported_at:
        accident.report_late = rules.report_late(
            occurred_at=accident.occurred_at, reported_at=accident.reported_at
        )


def accident_validate(*, accident: Accident, now: dt.datetime | None = None) -> None:
    """Field errors beyond the model's own: negative figures, time order, 涉险 criteria."""
    errors: dict[str, list] = {}
    for name in COUNTS:
        value = getattr(accident, name)
        if value is not None and value < 0:
            errors.setdefault(name, []).append(_("The number cannot be negative."))
    if accident.direct_loss is not None and Decimal(accident.direct_loss) < 0:
        errors.setdefault("direct_loss", []).append(_("The loss cannot be negative."))
    if (
        accident.occurred_at
        and accident.reported_at
        and accident.reported_at < accident.occurred_at
    ):
        errors.setdefault("reported_at", []).append(
            _("The report cannot be received before the accident happened.")
        )
    if (accident.lng is None) != (accident.lat is None):
        errors.setdefault("lat" if accident.lat is None else "lng", []).append(
            _("Give both the longitude and the latitude, or neither.")
        )
    now = now or clock.now()
    if accident.occurred_at and accident.occurred_at > now + dt.timedelta(minutes=5):
        errors.setdefault("occurred_at", []).append(_("The accident time lies in the future."))
    if accident.kind == Kind.DANGEROUS_OCCURRENCE and not rules.is_large_dangerous_occurrence(
        endangered=accident.endangered or 0,
        trapped=accident.trapped or 0,
        evacuated=accident.evacuated or 0,
        key_facilities_threatened=accident.key_facilities_threatened,
    ):
        errors.setdefault("endangered", []).append(
            _(
                "A large dangerous occurrence needs at least 10 people endangered, 3 trapped, "
                "500 evacuated or a threat to key facilities."
            )
        )
    if errors:
        raise ValidationError(errors)


def _check_scope(actor, accident: Accident) -> None:
    """Departments write in their sectors, towns in their town, the county admin anywhere."""
    if accident.enterprise_id and not in_scope(
        actor,
        town_id=accident.enterprise.town_id,
        sector_id=accident.enterprise.sector_id,
        enterprise_id=accident.enterprise_id,
    ):
        # A unit of another town or sector is neither attached nor confirmed to exist.
        raise ValidationError({"enterprise": _("No such unit was found in your scope.")})
    if accident.enterprise_id and accident.enterprise.town_id != accident.town_id:
        # An accident at a unit happens in the unit's town; this also keeps officers from
        # attaching units of other towns (outside their jurisdiction) to their reports.
        raise ValidationError({"enterprise": _("The unit is not located in this town.")})
    if in_scope(actor, town_id=accident.town_id, sector_id=accident.sector_id):
        return
    unit = Unit.of(actor)
    field = "sector" if unit is not None and unit.kind == UnitKind.DEPARTMENT else "town"
    raise ValidationError({field: _("This accident lies outside your jurisdiction.")})


def accident_build(*, data: dict[str, Any], now: dt.datetime | None = None) -> Accident:
    """An unsaved, fully validated accident with grade and lateness computed."""
    accident = Accident(**{k: v for k, v in data.items() if k in ACCIDENT_FIELDS})
    accident_validate(accident=accident, now=now)
    _derive(accident)
    accident.full_clean()
    return accident


def _notify_reported(accident: Accident) -> None:
    grade = accident.get_grade_display()
    notify(
        recipients=Unit.county_of(accident.town).users(),
        kind="accident.reported",
        title=_("Accident reported: %(title)s (%(grade)s)")
        % {"title": accident.title, "grade": grade},
        key=f"accident.reported.{accident.pk}",
        url=reverse("accidents:accident_detail", args=[accident.pk]),
    )


@transaction.atomic
def accident_report(*, actor, data: dict[str, Any], via: str = "web") -> Accident:
    """Record an accident reported to the county (事故报告)."""
    check_permission(actor, "officer")
    accident = accident_build(data=data)
    _check_scope(actor, accident)
    accident.save()
    forwarding_sync([accident])
    audit.record_create(actor=actor, instance=accident, via=via)
    transaction.on_commit(lambda: _notify_reported(accident))
    return accident


def forwarding_sync(accidents) -> None:
    """Give each accident the forwarding entries its grade calls for (493号令 Art. 10), due
    2 h per level after the report. An entry stays once made (a lower grade after 补报 does
    not take back what went up); the due time of one not yet received follows the report."""
    accidents = list(accidents)
    if not accidents:
        return
    have = {
        (f.accident_id, f.level): f
        for f in AccidentForward.objects.filter(accident__in=[a.pk for a in accidents])
    }
    new, moved = [], []
    for accident in accidents:
        for level, due in rules.forwarding_deadlines(
            grade=accident.grade, reported_at=accident.reported_at
        ):
            entry = have.get((accident.pk, level))
            if entry is None:
                new.append(AccidentForward(accident=accident, level=level, due=due))
            elif entry.due != due and entry.received_at is None:
                entry.due = due
                moved.append(entry)
    AccidentForward.objects.bulk_create(new)
    AccidentForward.objects.bulk_update(moved, ["due"])


def _revision_allowed(actor, accident: Accident, *, now: dt.datetime) -> bool:
    """True when in the 补报 window; outside it only the county admin may change figures."""
    windows = rule_value(rules.SUPPLEMENTARY_RULE, on=accident.occurred_at)
    if rules.revision_in_window(
        occurred_at=accident.occurred_at,
        at=now,
        sector_code=accident.sector.code,
        days_by_sector=windows,
    ):
        return False
    if not has_permission(actor, "county_admin"):
        days = rules.revision_window_days(accident.sector.code, windows)
        raise ValidationError(
            {
                "deaths": _(
                    "Casualty figures can be changed within %(days)s days of the accident; later "
                    "changes must be made by the county work-safety office."
                )
                % {"days": days}
            }
        )
    return True


def _record_revision(
    *,
    actor,
    accident: Accident,
    before: dict,
    grade_before: str,
    kind: str,
    note: str,
    out_of_window: bool,
    at: dt.datetime,
) -> AccidentRevision:
    revision = AccidentRevision(
        accident=accident,
        kind=kind,
        at=at,
        user=actor if getattr(actor, "pk", None) else None,
        username=getattr(actor, "username", "") or "system",
        before=before,
        after=_plain_figures(accident),
        grade_before=grade_before,
        grade_after=accident.grade,
        note=note,
        out_of_window=out_of_window,
    )
    revision.full_clean()
    revision.save()
    return revision


def _plain_figures(accident: Accident) -> dict:
    figures = accident.figures()
    figures["direct_loss"] = str(Decimal(figures["direct_loss"]).quantize(Decimal("0.01")))
    return figures


def _apply(
    *, actor, accident: Accident, data: dict[str, Any], note: str, via: str, now: dt.datetime | None
) -> tuple[Accident, AccidentRevision | None]:
    check_permission(actor, "officer")
    now = now or clock.now()
    locked = (
        Accident.objects.select_for_update(of=("self",))
        .select_related("sector")
        .get(pk=accident.pk)
    )
    _check_scope(actor, locked)
    before, figures_before, grade_before = (
        audit.snapshot(locked),
        _plain_figures(locked),
        locked.grade,
    )
    for key, value in data.items():
        if key in ACCIDENT_FIELDS:
            setattr(locked, key, value)
    accident_validate(accident=locked, now=now)
    _derive(locked)
    locked.full_clean()
    _check_scope(actor, locked)
    revision = None
    if _plain_figures(locked) != figures_before:
        out_of_window = _revision_allowed(actor, locked, now=now)
        locked.save()
        revision = _record_revision(
            actor=actor,
            accident=locked,
            before=figures_before,
            grade_before=grade_before,
            kind=RevisionKind.SUPPLEMENTARY,
            note=note,
            out_of_window=out_of_window,
            at=now,
        )
    else:
        locked.save()
    forwarding_sync([locked])
    audit.record_update(actor=actor, instance=locked, before=before, via=via)
    return locked, revision


@transaction.atomic
def accident_update(
    *,
    actor,
    accident: Accident,
    data: dict[str, Any],
    note: str = "",
    via: str = "web",
    now: dt.datetime | None = None,
) -> Accident:
    """Change an accident; a change of casualty figures is a 补报 and keeps a revision."""
    return _apply(actor=actor, accident=accident, data=data, note=note, via=via, now=now)[0]


@transaction.atomic
def accident_revise(
    *,
    actor,
    accident: Accident,
    figures: dict[str, Any],
    note: str = "",
    via: str = "web",
    now: dt.datetime | None = None,
) -> AccidentRevision:
    """补报 when the figures change (the accident is regraded), else 续报 with a progress note."""
    if not any(k in FIGURES for k in figures) and not note.strip():
        raise ValidationError({"note": _("Describe the progress of the follow-up report.")})
    updated, revision = _apply(
        actor=actor,
        accident=accident,
        via=via,
        now=now,
        note=note,
        data={k: v for k, v in figures.items() if k in FIGURES},
    )
    if revision is not None:
        return revision
    if not note.strip():
        raise ValidationError({"note": _("Describe the progress of the follow-up report.")})
    revision = _record_revision(
        actor=actor,
        accident=updated,
        before=_plain_figures(updated),
        grade_before=updated.grade,
        kind=RevisionKind.FOLLOW_UP,
        note=note,
        out_of_window=False,
        at=now or clock.now(),
    )
    audit.record(
        actor=actor,
        action="accident.follow_up",
        instance=updated,
        changes={"note": [None, note]},
        via=via,
    )
    return revision


@transaction.atomic
def accident_forward(
    *,
    actor,
    accident: Accident,
    level: str,
    forwarded_at: dt.datetime | None = None,
    note: str = "",
    via: str = "web",
) -> AccidentForward:
    """Record that the county forwarded the accident to `level` (493号令 Art. 10)."""
    check_permission(actor, "county_admin")
    locked = Accident.objects.select_for_update(of=("self",)).get(pk=accident.pk)
    entry = AccidentForward.objects.filter(accident=locked, level=level).first()
    if entry is None:
        raise ValidationError({"level": _("This accident is not forwarded to that level.")})
    forwarded_at = forwarded_at or clock.now()
    if forwarded_at < locked.reported_at:
        raise ValidationError(
            {"forwarded_at": _("It cannot be forwarded before the county received the report.")}
        )
    if entry.forwarded_at is not None:
        raise ValidationError({"level": _("It was already forwarded to that level.")})
    entry.forwarded_at = forwarded_at
    entry.username = getattr(actor, "username", "") or "system"
    entry.note = note
    entry.full_clean()
    entry.save(update_fields=["forwarded_at", "username", "note"])
    audit.record(
        actor=actor,
        action="accident.forward",
        instance=locked,
        changes={level: [None, forwarded_at.isoformat()]},
        via=via,
    )
    return entry


@transaction.atomic
def accident_receive(*, actor, accident: Accident, via: str = "web") -> AccidentForward:
    """An admin of the receiving division (city, province) records that the accident reached
    it; once: a second call changes nothing. `Conflict` when the accident does not go up to
    the caller's level. The caller's scope (404 outside) is the view's `get_object`."""
    check_permission(actor, "county_admin")
    unit = Unit.of(actor)
    level = unit.kind if unit is not None else ""
    entry = (
        AccidentForward.objects.select_for_update(of=("self",))
        .filter(accident=accident, level=level)
        .first()
        if level in (UnitKind.CITY, UnitKind.PROVINCE)
        else None
    )
    if entry is None:
        raise Conflict(_("This accident does not go up to your level."))
    if entry.received_at is not None:
        return entry
    entry.received_at = clock.now()
    entry.received_by = actor.username
    entry.save(update_fields=["received_at", "received_by"])
    audit.record(
        actor=actor,
        action="accident.receive",
        instance=accident,
        changes={level: [None, entry.received_at.isoformat()]},
        via=via,
    )
    return entry


@transaction.atomic
def accident_delete(*, actor, accident: Accident, via: str = "web") -> None:
    """Only the county admin removes an accident record (a mistaken entry)."""
    check_permission(actor, "county_admin")
    if actor is None:
        raise PermissionDenied
    audit.record_delete(actor=actor, instance=accident, via=via)
    accident.delete()


def accident_bulk_create(*, actor, accidents: list[Accident], via: str = "import") -> None:
    """Save validated accidents in one INSERT and audit them (imports, demo)."""
    created = Accident.objects.bulk_create(accidents)
    if created and created[0].pk is None:  # backends without RETURNING
        raise RuntimeError("bulk_create did not return primary keys")
    forwarding_sync(created)
    audit.bulk_record_create(actor=actor, instances=created, via=via)
