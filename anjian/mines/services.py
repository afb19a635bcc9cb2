"""Writes to the tailings pond register and its monitoring (domain-rules §12).

Every path (API, import, demo) comes here. A pond's class and head-top flag are recomputed on
every change; a reading's alarm is computed when stored; then the pond is judged: 橙 notifies
the county, 红 (and every 危库 or 险库) becomes a major hazard under county supervision, once.
"""

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.core import audit, clock
from anjian.core.actors import SYSTEM
from anjian.core.permissions import check_permission
from anjian.core.rules import rule_value
from anjian.core.scoping import in_scope
from anjian.core.updates import model_update
from anjian.core.validators import CLOCK_SLACK, EARLIEST_DATE
from anjian.hazards import services as hazards
from anjian.hazards.models import HazardGrade, HazardSource, HazardStatus
from anjian.notifications.services import notify
from anjian.registry.models import Enterprise

from . import rules
from .models import (
    ITEM_UNITS,
    FloodCheck,
    MinedOutArea,
    MinePlan,
    MonitoringPoint,
    PondReading,
    Quarry,
    SafetyDegree,
    TailingsPond,
)

POND_FIELDS = (
    "name",
    "total_capacity",
    "dam_height",
    "design_capacity",
    "design_height",
    "wet",
    "construction",
    "safety_degree",
    "safety_degree_source",
    "assessed_on",
    "downstream_within_1km",
    "class_raised",
)
POINT_FIELDS = ("code", "item", "blue", "yellow", "orange", "red")
HAZARD_DEGREES = (SafetyDegree.DANGEROUS, SafetyDegree.RISKY)


def _check_scope(actor, enterprise) -> None:
    if not in_scope(
        actor,
        town_id=enterprise.town_id,
        sector_id=enterprise.sector_id,
        enterprise_id=enterprise.pk,
    ):
        raise ValidationError({"enterprise": _("This unit lies outside your jurisdiction.")})


def _derive(pond: TailingsPond) -> None:
    if pond.total_capacity is not None and pond.dam_height is not None:
        bands = rule_value("mines.pond_class_bands")
        pond.pond_class = rules.pond_class(
            float(pond.total_capacity), float(pond.dam_height), bands, raised=pond.class_raised
        )
    pond.overhead = rules.is_overhead(pond.downstream_within_1km)


@transaction.atomic
def pond_create(*, actor, enterprise, data: dict[str, Any], via: str = "web") -> TailingsPond:
    """Register a pond of `enterprise`; a 危库 or 险库 goes under county supervision at once."""
    check_permission(actor, "write")
    _check_scope(actor, enterprise)
    pond = TailingsPond(
        enterprise=enterprise, **{k: v for k, v in data.items() if k in POND_FIELDS}
    )
    _derive(pond)
    pond.full_clean()
    pond.save()
    audit.record_create(actor=actor, instance=pond, via=via)
    _judge_degree(pond, via=via)
    return pond


@transaction.atomic
def pond_update(
    *, actor, pond: TailingsPond, data: dict[str, Any], via: str = "web"
) -> TailingsPond:
    check_permission(actor, "write")
    locked = (
        TailingsPond.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .get(pk=pond.pk)
    )
    _check_scope(actor, locked.enterprise)
    locked, _changes = model_update(
        actor=actor, instance=locked, data=data, fields=POND_FIELDS, via=via, before_clean=_derive
    )
    _judge_degree(locked, via=via)
    return locked


def _judge_degree(pond: TailingsPond, *, via: str) -> None:
    if pond.safety_degree in HAZARD_DEGREES:
        pond_raise_hazard(
            pond=pond,
            description=_("Tailings pond %(pond)s is assessed as %(degree)s.")
            % {"pond": pond.name, "degree": pond.get_safety_degree_display()},
            via=via,
        )


def pond_raise_hazard(*, pond: TailingsPond, description: str, via: str = "system"):
    """Make the pond a major hazard under county supervision, unless it already has an open one
    (idempotent: locked on the pond row). Returns the hazard."""
    locked = (
        TailingsPond.objects.select_for_update(of=("self",))
        .select_related("hazard")
        .get(pk=pond.pk)
    )
    if locked.hazard_id and locked.hazard.status != HazardStatus.CLOSED:
        return locked.hazard
    today = clock.today()
    hazard = hazards.hazard_create(
        actor=SYSTEM,
        data={
            "enterprise": locked.enterprise_id,
            "description": description[:2000],
            "grade": HazardGrade.MAJOR,
            "found_on": today,
            "found_by": _("Tailings pond monitoring"),
            "source": HazardSource.INSPECTION,
            "deadline": today + dt.timedelta(days=rule_value("mines.hazard_deadline_days")),
            "location": locked.name[:200],
        },
        via=via,
    )
    TailingsPond.objects.filter(pk=locked.pk).update(hazard=hazard)
    pond.hazard = hazard
    return hazard


# Monitoring points ---------------------------------------------------------------------------


def _clean_point(point: MonitoringPoint) -> None:
    point.full_clean()
    errors = {}
    for level, value in point.thresholds.items():
        if value is not None and not math.isfinite(value):
            errors[level] = [_("A finite number.")]
    if not errors and not rules.thresholds_ordered(point.item, point.thresholds):
        errors["red" if point.red is not None else "orange"] = [
            _(
                "The thresholds must step from blue to red: rising for this item, or falling "
                "for phreatic depth, beach length and freeboard."
            )
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def point_create(
    *, actor, pond: TailingsPond, data: dict[str, Any], via: str = "web"
) -> MonitoringPoint:
    """Add a monitoring point with its design thresholds."""
    check_permission(actor, "write")
    _check_scope(actor, pond.enterprise)
    point = MonitoringPoint(pond=pond, **{k: v for k, v in data.items() if k in POINT_FIELDS})
    _clean_point(point)
    point.save()
    audit.record_create(actor=actor, instance=point, via=via)
    return point


@transaction.atomic
def point_update(
    *, actor, point: MonitoringPoint, data: dict[str, Any], via: str = "web"
) -> MonitoringPoint:
    """Change a point's thresholds (readings already stored keep the alarm they had)."""
    check_permission(actor, "write")
    locked = (
        MonitoringPoint.objects.select_for_update(of=("self",))
        .select_related("pond__enterprise")
        .get(pk=point.pk)
    )
    _check_scope(actor, locked.pond.enterprise)
    fields = ("blue", "yellow", "orange", "red")
    for key in fields:
        if key in data:
            setattr(locked, key, data[key])
    _clean_point(locked)
    return model_update(actor=actor, instance=locked, data=data, fields=fields, via=via)[0]


# Readings ------------------------------------------------------------------------------------


def reading_build(
    *, point: MonitoringPoint, item: str, value: Any, at: Any, unit: str = ""
) -> PondReading:
    """An unsaved reading, checked: item of the point, unit of the item, value in range, time
    neither implausible nor in the future (read on the real clock). ValidationError by field."""
    errors: dict[str, list] = {}
    if item != point.item:
        errors["item"] = [
            _("Point %(point)s measures %(item)s.")
            % {"point": point.code, "item": point.get_item_display()}
        ]
    expected, low, high = ITEM_UNITS[point.item]
    if unit and unit.strip() != expected:
        errors["unit"] = [_("This item is measured in %(unit)s.") % {"unit": expected}]
    number = None
    if isinstance(value, bool) or value in (None, ""):
        errors["value"] = [_("A number is required.")]
    else:
        try:
            number = float(Decimal(str(value).strip()))
        except (ArithmeticError, ValueError):
            errors["value"] = [_("“%(value)s” is not a number.") % {"value": str(value)[:40]}]
        else:
            if not math.isfinite(number) or not low <= number <= high:
                errors["value"] = [
                    _("Out of range for this item: from %(low)s to %(high)s %(unit)s.")
                    % {"low": low, "high": high, "unit": expected}
                ]
    if not isinstance(at, dt.datetime):
        errors["at"] = [_("Give the time of the reading.")]
    else:
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        if at > timezone.now() + CLOCK_SLACK:
            errors["at"] = [_("The time lies in the future.")]
        elif timezone.localtime(at).date() < EARLIEST_DATE:
            errors["at"] = [_("The time is not plausible.")]
    if errors:
        raise ValidationError(errors)
    return PondReading(
        pond_id=point.pond_id,
        point=point,
        item=point.item,
        value=number,
        at=at,
        alarm=rules.reading_alarm(point.item, number, point.thresholds),
    )


@transaction.atomic
def reading_add(
    *, actor, point: MonitoringPoint, data: dict[str, Any], via: str = "web"
) -> PondReading:
    """Record one reading (manual entry) and judge its pond."""
    check_permission(actor, "write")
    _check_scope(actor, point.pond.enterprise)
    reading = reading_build(
        point=point,
        item=data.get("item") or point.item,
        value=data.get("value"),
        at=data.get("at"),
        unit=data.get("unit") or "",
    )
    if PondReading.objects.filter(point=point, at=reading.at).exists():
        raise ValidationError({"at": [_("This point already has a reading at this time.")]})
    reading.manual = data.get("manual", True) is not False
    reading.save()
    audit.record_create(actor=actor, instance=reading, via=via)
    pond_judge(pond=point.pond, via=via)
    return reading


@transaction.atomic
def readings_bulk_create(*, actor, readings: list[PondReading], via: str = "import") -> int:
    """Store many checked readings at once (the Excel import), then judge each pond once."""
    check_permission(actor, "write")
    PondReading.objects.bulk_create(readings, batch_size=1000)
    ponds = TailingsPond.objects.filter(pk__in={r.pond_id for r in readings})
    for pond in ponds:
        audit.record(
            actor=actor,
            action="pondreading.import",
            instance=pond,
            via=via,
            changes={"readings": [None, sum(1 for r in readings if r.pond_id == pond.pk)]},
        )
        pond_judge(pond=pond, via=via)
    return len(readings)


def pond_judge(*, pond: TailingsPond, via: str = "system") -> str | None:
    """Compute the pond's current alarm; 橙 notifies the county (once per pond and day), 红
    makes the pond a supervised major hazard (once). Returns the pond's level."""
    from .selectors import pond_status

    status = pond_status(pond)
    level = status["alarm"]
    if rules.RANK[level] >= rules.RANK["orange"]:
        day = clock.today().isoformat()
        title = _("Tailings pond %(pond)s at %(level)s alarm") % {
            "pond": pond.name,
            "level": dict(rules_labels())[level],
        }
        notify(
            recipients=Unit.county_of(pond.enterprise.town).users(),
            kind="pond.alarm",
            title=title[:200],
            key=f"pond:{pond.pk}:{level}:{day}",
        )
    if level == "red":
        pond_raise_hazard(
            pond=pond,
            description=_(
                "Tailings pond %(pond)s reached the red monitoring alarm (GB 39496-2020 §5.5.4)."
            )
            % {"pond": pond.name},
            via=via,
        )
    return level


def rules_labels():
    from .models import ALARM_CHOICES

    return [(code, str(label)) for code, label in ALARM_CHOICES]


# Flood-season checks (汛前检查) ---------------------------------------------------------------

FLOOD_FIELDS = (
    "routed_on",
    "routed_by",
    "control_water_level",
    "beach_length",
    "freeboard",
    "drainage_clear",
    "freeboard_beach_ok",
    "materials_ready",
    "monitoring_working",
    "note",
)


def _check_flood(check: FloodCheck) -> None:
    errors: dict[str, list] = {}
    today = clock.today()
    if not EARLIEST_DATE.year <= check.year <= today.year + 1:
        errors["year"] = [_("The year must lie between 1949 and next year.")]
    if check.routed_on is not None:
        if check.routed_on > today:
            errors["routed_on"] = [_("The flood routing cannot be done in the future.")]
        if not (check.routed_by or "").strip():
            errors["routed_by"] = [_("Name who did the flood routing (the design unit).")]
    if errors:
        raise ValidationError(errors)


def _attach_report(check: FloodCheck, upload, stored: list) -> None:
    """Store the (already checked) report on the check; removed again if the write fails."""
    from anjian.hazards.evidence import storage_name

    name = storage_name(upload.name)
    check.report.save(name, upload, save=False)
    check.report_name = name
    stored.append(check.report)


@transaction.atomic
def _flood_check_write(*, actor, pond, year, data, upload, stored, via) -> FloodCheck:
    locked_pond = TailingsPond.objects.select_for_update(of=("self",)).get(pk=pond.pk)
    check = FloodCheck.objects.filter(pond=locked_pond, year=year).first()
    if check is None:
        check = FloodCheck(pond=locked_pond, year=year)
        for name in FLOOD_FIELDS:
            if name in data:
                setattr(check, name, data[name])
        _check_flood(check)
        if upload is not None:
            _attach_report(check, upload, stored)
        check.full_clean()
        check.save()
        audit.record_create(actor=actor, instance=check, via=via)
        return check
    report_before = check.report_name
    if upload is not None:
        _attach_report(check, upload, stored)
    check, _changes = model_update(
        actor=actor,
        instance=check,
        data=data,
        fields=FLOOD_FIELDS,
        via=via,
        before_clean=_check_flood,
    )
    if upload is not None:
        FloodCheck.objects.filter(pk=check.pk).update(
            report=check.report.name, report_name=check.report_name
        )
        audit.record(
            actor=actor,
            action="floodcheck.report",
            instance=check,
            via=via,
            changes={"report": [report_before or None, check.report_name]},
        )
    return check


def flood_check_save(
    *,
    actor,
    pond: TailingsPond,
    year: int,
    data: dict[str, Any],
    upload=None,
    via: str = "web",
) -> FloodCheck:
    """Record (or complete) the pond's 汛前检查 for `year`: the designer's flood routing, the
    season's control water level, beach length and freeboard, the checklist and the routing
    report (JPG, PNG, PDF, DOCX or XLSX, checked by its content like hazard evidence). A hazard
    already raised for a missing routing stays open until closed through the hazard loop."""
    from anjian.hazards.evidence import check_upload, removed_on_failure

    check_permission(actor, "write")
    _check_scope(actor, pond.enterprise)
    if upload is not None:
        try:
            check_upload(upload)
        except ValidationError as exc:
            raise ValidationError({"report": exc.message_dict["evidence"]}) from exc
    with removed_on_failure() as stored:
        return _flood_check_write(
            actor=actor, pond=pond, year=year, data=data, upload=upload, stored=stored, via=via
        )


@transaction.atomic
def flood_check_raise_hazard(*, pond: TailingsPond, year: int, via: str = "sweep"):
    """The sweep's step: the pond has no 调洪演算 for `year` at the season's start, so it becomes
    a hazard (§12), once per pond and year: the year's check row, locked, keeps the hazard.
    Returns the hazard, or None when the routing is recorded or a hazard was raised already."""
    locked_pond = TailingsPond.objects.select_for_update(of=("self",)).get(pk=pond.pk)
    check, created = FloodCheck.objects.get_or_create(pond=locked_pond, year=year)
    if created:
        audit.record_create(actor=SYSTEM, instance=check, via=via)
    check = FloodCheck.objects.select_for_update(of=("self",)).get(pk=check.pk)
    if check.hazard_id or check.routed_on is not None:
        return None
    today = clock.today()
    hazard = hazards.hazard_create(
        actor=SYSTEM,
        data={
            "enterprise": locked_pond.enterprise_id,
            "description": (
                _(
                    "Tailings pond %(pond)s has no flood routing (汛前调洪演算) for %(year)s at "
                    "the start of the flood season (GB 39496-2020 §6.4.2)."
                )
                % {"pond": locked_pond.name, "year": year}
            )[:2000],
            "grade": HazardGrade.GENERAL,
            "found_on": today,
            "found_by": _("Flood-season check"),
            "source": HazardSource.INSPECTION,
            "deadline": today + dt.timedelta(days=rule_value("mines.hazard_deadline_days")),
            "location": locked_pond.name[:200],
        },
        via=via,
    )
    check.hazard = hazard
    check.save(update_fields=["hazard"])
    audit.record(
        actor=SYSTEM,
        action="floodcheck.raise_hazard",
        instance=check,
        via=via,
        changes={"hazard": [None, hazard.pk]},
    )
    return hazard


# Mined-out areas (采空区) ---------------------------------------------------------------------

VOID_FIELDS = (
    "location",
    "lng",
    "lat",
    "volume",
    "treatment",
    "affected_area",
    "monitoring",
    "responsible",
    "deadline",
)


def _check_void(area: MinedOutArea) -> None:
    errors: dict[str, list] = {}
    if (area.lng is None) != (area.lat is None):
        errors["lat" if area.lat is None else "lng"] = [
            _("Give both longitude and latitude, or neither.")
        ]
    if rules.void_is_hazard(area.treatment) and area.deadline is None:
        errors["deadline"] = [_("An untreated mined-out area needs a treatment deadline.")]
    if errors:
        raise ValidationError(errors)


def _judge_void(area: MinedOutArea, *, via: str) -> None:
    if not rules.void_is_hazard(area.treatment):
        return
    locked = MinedOutArea.objects.select_for_update(of=("self",)).get(pk=area.pk)
    if locked.hazard_id:
        return
    hazard = hazards.hazard_create(
        actor=SYSTEM,
        data={
            "enterprise": locked.enterprise_id,
            "description": (
                _("Untreated mined-out area (采空区) at %(location)s, %(volume)s m³.")
                % {"location": locked.location, "volume": locked.volume}
            )[:2000],
            "grade": HazardGrade.GENERAL,
            "found_on": clock.today(),
            "found_by": _("Mined-out area register"),
            "source": HazardSource.INSPECTION,
            "deadline": max(locked.deadline, clock.today()),
            "location": locked.location[:200],
        },
        via=via,
    )
    locked.hazard = hazard
    locked.save(update_fields=["hazard"])
    audit.record(
        actor=SYSTEM,
        action="minedoutarea.raise_hazard",
        instance=locked,
        via=via,
        changes={"hazard": [None, hazard.pk]},
    )
    area.hazard = hazard


@transaction.atomic
def void_create(*, actor, enterprise, data: dict[str, Any], via: str = "web") -> MinedOutArea:
    """Register a mined-out area; an untreated one becomes a hazard with its deadline, once."""
    check_permission(actor, "write")
    _check_scope(actor, enterprise)
    area = MinedOutArea(
        enterprise=enterprise, **{k: v for k, v in data.items() if k in VOID_FIELDS}
    )
    _check_void(area)
    area.full_clean()
    area.save()
    audit.record_create(actor=actor, instance=area, via=via)
    _judge_void(area, via=via)
    return area


@transaction.atomic
def void_update(
    *, actor, area: MinedOutArea, data: dict[str, Any], via: str = "web"
) -> MinedOutArea:
    """Change a mined-out area. Treated later, its hazard stays until closed through the hazard
    loop; untreated again after that, no second hazard is raised (once per area)."""
    check_permission(actor, "write")
    locked = (
        MinedOutArea.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .get(pk=area.pk)
    )
    _check_scope(actor, locked.enterprise)
    locked, _changes = model_update(
        actor=actor,
        instance=locked,
        data=data,
        fields=VOID_FIELDS,
        via=via,
        before_clean=_check_void,
    )
    _judge_void(locked, via=via)
    return locked


# Small open-pit quarries (小型露天采石场) --------------------------------------------------------

QUARRY_FIELDS = (
    "name",
    "licence_number",
    "expires_on",
    "annual_output",
    "blasting",
    "demonstration",
    "safety_manager",
    "principal_certified",
)


def _check_quarry(quarry: Quarry) -> None:
    if rules.blasting_problem(quarry.blasting, quarry.demonstration) == "needs_demonstration":
        raise ValidationError(
            {
                "demonstration": [
                    _(
                        "Shallow-hole blasting needs the expert 论证 arranged by the supervising "
                        "department (原安监总局令第39号 Art. 13): give its record."
                    )
                ]
            }
        )


def _judge_quarry(quarry: Quarry, *, via: str) -> None:
    """A banned blasting method found at the quarry is a major hazard under county supervision
    (矿安〔2022〕88号 露天矿山 (2) banned processes, (3) not benched), once per quarry."""
    if rules.blasting_problem(quarry.blasting, quarry.demonstration) != "banned":
        return
    locked = (
        Quarry.objects.select_for_update(of=("self",)).select_related("hazard").get(pk=quarry.pk)
    )
    if locked.hazard_id and locked.hazard.status != HazardStatus.CLOSED:
        return
    today = clock.today()
    hazard = hazards.hazard_create(
        actor=SYSTEM,
        data={
            "enterprise": locked.enterprise_id,
            "description": (
                _(
                    "Quarry %(quarry)s uses a banned method: %(method)s (原安监总局令第39号 Art. 13)."
                )
                % {"quarry": locked.name, "method": locked.get_blasting_display()}
            )[:2000],
            "grade": HazardGrade.MAJOR,
            "found_on": today,
            "found_by": _("Quarry register"),
            "source": HazardSource.INSPECTION,
            "deadline": today + dt.timedelta(days=rule_value("mines.hazard_deadline_days")),
            "location": locked.name[:200],
        },
        via=via,
    )
    locked.hazard = hazard
    locked.save(update_fields=["hazard"])
    audit.record(
        actor=SYSTEM,
        action="quarry.raise_hazard",
        instance=locked,
        via=via,
        changes={"hazard": [None, hazard.pk]},
    )
    quarry.hazard = hazard


@transaction.atomic
def quarry_create(*, actor, enterprise, data: dict[str, Any], via: str = "web") -> Quarry:
    """Register a small quarry. Over 500,000 t a year is refused (not a small quarry); 浅孔
    without its 论证 record is refused; a banned method is recorded and raises a major hazard."""
    check_permission(actor, "write")
    _check_scope(actor, enterprise)
    quarry = Quarry(enterprise=enterprise, **{k: v for k, v in data.items() if k in QUARRY_FIELDS})
    quarry.full_clean()
    _check_quarry(quarry)
    quarry.save()
    audit.record_create(actor=actor, instance=quarry, via=via)
    _judge_quarry(quarry, via=via)
    return quarry


@transaction.atomic
def quarry_update(*, actor, quarry: Quarry, data: dict[str, Any], via: str = "web") -> Quarry:
    check_permission(actor, "write")
    locked = (
        Quarry.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .get(pk=quarry.pk)
    )
    _check_scope(actor, locked.enterprise)
    locked, _changes = model_update(
        actor=actor,
        instance=locked,
        data=data,
        fields=QUARRY_FIELDS,
        via=via,
        before_clean=_check_quarry,
    )
    _judge_quarry(locked, via=via)
    return locked


# 一矿一策 (one plan per mine) -----------------------------------------------------------------

PLAN_FIELDS = ("risks", "measures", "responsible", "review_on")


def _checked_upload(upload) -> None:
    from anjian.hazards.evidence import check_upload

    if upload is None:
        return
    try:
        check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"attachment": exc.message_dict["evidence"]}) from exc


def _store_plan_file(plan: MinePlan, upload, stored: list) -> None:
    from anjian.hazards.evidence import storage_name

    name = storage_name(upload.name)
    plan.attachment.save(name, upload, save=False)
    plan.attachment_name = name
    stored.append(plan.attachment)


def plan_create(
    *, actor, enterprise, data: dict[str, Any], upload=None, via: str = "web"
) -> MinePlan:
    """Write the mine's 一矿一策 (one per mine: a second is refused; change the first)."""
    from anjian.hazards.evidence import removed_on_failure

    check_permission(actor, "write")
    _check_scope(actor, enterprise)
    _checked_upload(upload)
    with removed_on_failure() as stored, transaction.atomic():
        # Two simultaneous first plans of one mine: the second waits here, then is refused.
        Enterprise.objects.select_for_update(of=("self",)).filter(pk=enterprise.pk).first()
        if MinePlan.objects.filter(enterprise=enterprise).exists():
            raise ValidationError(
                {"enterprise": [_("This mine already has its plan; change that one.")]}
            )
        plan = MinePlan(
            enterprise=enterprise, **{k: v for k, v in data.items() if k in PLAN_FIELDS}
        )
        plan.full_clean()
        if upload is not None:
            _store_plan_file(plan, upload, stored)
        plan.save()
        audit.record_create(actor=actor, instance=plan, via=via)
        return plan


def plan_update(
    *, actor, plan: MinePlan, data: dict[str, Any], upload=None, via: str = "web"
) -> MinePlan:
    """Revise the plan (every change audited); a new document replaces the old one."""
    from anjian.hazards.evidence import removed_on_failure

    check_permission(actor, "write")
    _checked_upload(upload)
    with removed_on_failure() as stored, transaction.atomic():
        locked = (
            MinePlan.objects.select_for_update(of=("self",))
            .select_related("enterprise")
            .get(pk=plan.pk)
        )
        _check_scope(actor, locked.enterprise)
        locked, _changes = model_update(
            actor=actor, instance=locked, data=data, fields=PLAN_FIELDS, via=via
        )
        if upload is not None:
            before = locked.attachment_name
            _store_plan_file(locked, upload, stored)
            locked.save(update_fields=["attachment", "attachment_name"])
            audit.record(
                actor=actor,
                action="mineplan.attach",
                instance=locked,
                via=via,
                changes={"attachment": [before or None, locked.attachment_name]},
            )
        return locked
