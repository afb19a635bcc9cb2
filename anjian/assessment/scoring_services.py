"""Writes of the annual assessment: the scheme, control targets, hand scores, publishing and
corrections. County admin only; everything audited; nothing changes a published year but a
correction (a new version)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit, UnitKind
from anjian.assessment import results, scoring
from anjian.assessment.indicators import registry
from anjian.assessment.models import (
    AssessmentPublication,
    AssessmentScheme,
    AssessmentTarget,
    HandScore,
)
from anjian.core import audit, clock
from anjian.core.errors import Conflict
from anjian.core.permissions import check_permission


class YearPublished(Conflict):
    """The year's results are published: its scheme, targets and scores stay as they were."""


def _check_year(year) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError({"year": [_("A year from 2000 to 2100.")]})
    return year


def _open_year(year: int) -> None:
    if AssessmentPublication.objects.filter(year=year).exists():
        raise YearPublished(
            _("The results of %(year)s are published; correct them as a new version instead.")
            % {"year": year}
        )


def scheme_get_or_default(year: int) -> AssessmentScheme:
    """The year's scheme; the default of domain-rules §7 is stored on first use."""
    scheme, _created = AssessmentScheme.objects.get_or_create(
        year=_check_year(year), defaults={"items": [dict(i) for i in scoring.DEFAULT_ITEMS]}
    )
    return scheme


@transaction.atomic
def scheme_save(*, actor, year: int, items, via: str = "web") -> AssessmentScheme:
    """Set the year's items (checked: known indicators, 100 points plus the bonus)."""
    check_permission(actor, "county_admin")
    year = _check_year(year)
    checked = scoring.check_items(items, known=tuple(registry()))
    scheme = AssessmentScheme.objects.select_for_update(of=("self",)).filter(year=year).first()
    _open_year(year)
    if scheme is None:
        scheme = AssessmentScheme.objects.create(year=year, items=checked)
        audit.record_create(actor=actor, instance=scheme, via=via)
        return scheme
    before = scheme.items
    if before != checked:
        scheme.items = checked
        scheme.save(update_fields=["items", "updated_at"])
        audit.record(
            actor=actor,
            action="assessmentscheme.update",
            instance=scheme,
            changes={"items": [before, checked]},
            via=via,
        )
    return scheme


def _assessed(unit: Unit | None) -> Unit:
    if unit is None or unit.kind not in (UnitKind.TOWN, UnitKind.DEPARTMENT):
        raise ValidationError({"unit": [_("Give a town or department code.")]})
    return unit


@transaction.atomic
def target_set(
    *, actor, year: int, unit: Unit, max_accidents: int, max_deaths: int, via: str = "web"
) -> AssessmentTarget:
    """Set a town's or department's control targets for a year (created or changed)."""
    check_permission(actor, "county_admin")
    year = _check_year(year)
    unit = _assessed(unit)
    _open_year(year)
    target = (
        AssessmentTarget.objects.select_for_update(of=("self",))
        .filter(year=year, unit_kind=unit.kind, **{unit.field: unit.pk})
        .first()
    )
    if target is None:
        target = AssessmentTarget(year=year, max_accidents=max_accidents, max_deaths=max_deaths)
        target.set_unit(unit)
        target.full_clean()
        target.save()
        audit.record_create(actor=actor, instance=target, via=via)
        return target
    before = audit.snapshot(target)
    target.max_accidents, target.max_deaths = max_accidents, max_deaths
    target.full_clean()
    target.save()
    audit.record_update(actor=actor, instance=target, before=before, via=via)
    return target


@transaction.atomic
def target_delete(*, actor, target: AssessmentTarget, via: str = "web") -> None:
    check_permission(actor, "county_admin")
    _open_year(target.year)
    audit.record_delete(actor=actor, instance=target, via=via)
    target.delete()


@transaction.atomic
def hand_score_set(
    *, actor, year: int, unit: Unit, item: str, points, evidence: str, via: str = "web"
) -> HandScore:
    """Score an item that has no indicator, with the evidence relied on."""
    check_permission(actor, "county_admin")
    year = _check_year(year)
    unit = _assessed(unit)
    _open_year(year)
    found = {i["code"]: i for i in results.scheme_items(year) if not i.get("indicator")}
    if item not in found:
        raise ValidationError({"item": [_("Not an item scored by hand in this year's scheme.")]})
    points = Decimal(str(points))
    if not 0 <= points <= Decimal(str(found[item]["max_points"])):
        raise ValidationError(
            {"points": [_("From 0 to %(max)s points.") % {"max": found[item]["max_points"]}]}
        )
    if not (evidence or "").strip():
        raise ValidationError({"evidence": [_("Name the evidence the score rests on.")]})
    score = (
        HandScore.objects.select_for_update(of=("self",))
        .filter(year=year, item=item, unit_kind=unit.kind, **{unit.field: unit.pk})
        .first()
    )
    before = {"points": str(score.points), "evidence": score.evidence} if score else {}
    if score is None:
        score = HandScore(year=year, item=item)
        score.set_unit(unit)
    score.points, score.evidence = points, evidence.strip()
    score.full_clean()
    score.save()
    audit.record(
        actor=actor,
        action="handscore.set",
        instance=score,
        changes=audit.diff(before, {"points": str(score.points), "evidence": score.evidence}),
        via=via,
    )
    return score


@transaction.atomic
def results_publish(*, actor, year: int, via: str = "web") -> AssessmentPublication:
    """Freeze the year's results (version 1); a second publication is a conflict."""
    check_permission(actor, "county_admin")
    year = _check_year(year)
    # Serialise publications of the same year on the scheme's row.
    scheme_get_or_default(year)
    AssessmentScheme.objects.select_for_update(of=("self",)).filter(year=year).first()
    if AssessmentPublication.objects.filter(year=year).exists():
        raise YearPublished(_("The results of %(year)s are already published.") % {"year": year})
    return _freeze(actor=actor, year=year, version=1, reason="", via=via)


@transaction.atomic
def results_correct(*, actor, year: int, reason: str, via: str = "web") -> AssessmentPublication:
    """A correction after publication: the results recomputed now, as the next version."""
    check_permission(actor, "county_admin")
    year = _check_year(year)
    AssessmentScheme.objects.select_for_update(of=("self",)).filter(year=year).first()
    last = results.publication(year)
    if last is None:
        raise YearPublished(_("The results of %(year)s are not published yet.") % {"year": year})
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why the published results are corrected.")]})
    return _freeze(actor=actor, year=year, version=last.version + 1, reason=reason.strip(), via=via)


def _freeze(*, actor, year: int, version: int, reason: str, via: str) -> AssessmentPublication:
    rows = results.assess(results.assessed_units(Unit.of(actor)), year)
    published = AssessmentPublication.objects.create(
        year=year,
        version=version,
        results=rows,
        reason=reason,
        published_at=clock.now(),
        published_by=actor,
    )
    audit.record(
        actor=actor,
        action="assessment.publish" if version == 1 else "assessment.correct",
        instance=published,
        changes={
            "version": [version - 1 or None, version],
            "ranking": [None, [f"{r['rank']} {r['unit']['name']} {r['score']}" for r in rows]],
            **({"reason": [None, reason]} if reason else {}),
        },
        via=via,
    )
    return published
