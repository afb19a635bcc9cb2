"""Writes to the risk register. Every path (web, API, import, demo) goes through here."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from anjian.accounts.units import is_enterprise
from anjian.core import audit, clock
from anjian.core.gb6441 import parse_accident_type
from anjian.core.permissions import check_permission
from anjian.core.rules import rule_value
from anjian.core.scoping import in_scope
from anjian.core.updates import model_update
from anjian.risks import rules
from anjian.risks.models import RiskBands, RiskPoint, TownOutline
from anjian.risks.selectors import bands_in_force

POINT_FIELDS = (
    "enterprise",
    "town",
    "sector",
    "name",
    "location",
    "lng",
    "lat",
    "accident_types",
    "method",
    "l",
    "e",
    "c",
    "s",
    "measures",
    "control_level",
    "responsible_person",
    "responsible_phone",
    "review_on",
)
FACTORS = ("l", "e", "c", "s")
OTHER_METHOD_FACTORS = {"LEC": ("s",), "LS": ("e", "c")}
CENTS = Decimal("0.01")


def _merge(errors: dict[str, list], exc: ValidationError) -> None:
    for field, messages in exc.message_dict.items():
        errors.setdefault(field, []).extend(m for m in messages if m not in errors.get(field, []))


def _number(value: Any) -> Any:
    """Numbers as exact decimals (floats from Excel or JSON as written: 0.1, not 0.1000…01)."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return value


def _accident_types(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [v for v in value.replace("，", "、").replace(",", "、").split("、") if v.strip()]
    codes = set()
    for item in value or []:
        codes.add(parse_accident_type(item))
    if not codes:
        raise ValidationError(_("Name at least one accident type."))
    return sorted(codes)


def risk_point_assemble(
    *,
    point: RiskPoint,
    data: dict[str, Any],
    bands_cache: dict | None = None,
    on: dt.date | None = None,
) -> RiskPoint:
    """Apply `data` to `point`, grade it with the bands in force and validate it (unsaved).

    Raises ValidationError naming every wrong field at once.
    """
    data = {k: v for k, v in data.items() if k in POINT_FIELDS}
    method = data.get("method") or point.method
    for factor in OTHER_METHOD_FACTORS.get(method, ()):
        data.setdefault(factor, None)  # switching method drops the other method's factors
    for key, value in data.items():
        if key not in FACTORS and key != "accident_types":
            setattr(point, key, value)
    errors: dict[str, list] = {}
    if point.enterprise_id:
        enterprise = point.enterprise
        point.town_id, point.sector_id = enterprise.town_id, enterprise.sector_id
    else:
        for field in ("town", "sector", "location", "lng", "lat"):
            if getattr(point, f"{field}_id" if field in ("town", "sector") else field) in (
                None,
                "",
            ):
                errors[field] = [
                    _("A public place needs its town, sector, location and coordinates.")
                ]
    try:
        point.accident_types = _accident_types(data.get("accident_types", point.accident_types))
    except ValidationError as exc:
        errors["accident_types"] = exc.messages
    factors = {f: _number(data[f]) if f in data else getattr(point, f) for f in FACTORS}
    bands = _bands(point.sector_id, method, bands_cache, on)
    try:
        score, level = rules.assess(
            method=method, bands=bands.as_bands() if bands else None, **factors
        )
    except ValidationError as exc:
        _merge(errors, exc)
        exclude = ["score", "level", "control_level", *FACTORS]
    else:
        point.score, point.level, point.bands = score.quantize(CENTS), level, bands
        for f in FACTORS:
            value = factors[f]
            setattr(
                point,
                f,
                None
                if value is None
                else (int(value) if f == "s" else value.quantize(Decimal("0.1"))),
            )
        if method == "LS":
            point.l = int(point.l)
        controls = _controls(bands_cache, on)
        if not point.control_level:
            point.control_level = rules.required_control(level, controls)
        elif point.control_level in rules.CONTROL_RANK and not rules.control_at_least(
            point.control_level, level, controls
        ):
            errors["control_level"] = [
                _(
                    "A %(level)s risk is controlled at least at the level “%(control)s” "
                    "(安委办〔2016〕11号)."
                )
                % {
                    "level": point.get_level_display(),
                    "control": dict(RiskPoint._meta.get_field("control_level").choices)[
                        rules.required_control(level, controls)
                    ],
                }
            ]
        exclude = list(errors)
    try:
        point.full_clean(exclude=exclude)
    except ValidationError as exc:
        _merge(errors, exc)
    if errors:
        raise ValidationError(errors)
    return point


def _bands(sector_id, method: str, cache: dict | None, on) -> RiskBands | None:
    key = (sector_id, method)
    if cache is not None and key in cache:
        return cache[key]
    found = bands_in_force(sector_id=sector_id, method=method, on=on)
    if cache is not None:
        cache[key] = found
    return found


def _controls(cache: dict | None, on) -> dict:
    """The control levels in force (rule `risks.control_levels`), once per import or demo run."""
    key = ("control_levels", on)
    if cache is not None and key in cache:
        return cache[key]
    found = rule_value("risks.control_levels", on=on)
    if cache is not None:
        cache[key] = found
    return found


def check_scope(actor, point: RiskPoint) -> None:
    if not in_scope(
        actor, town_id=point.town_id, sector_id=point.sector_id, enterprise_id=point.enterprise_id
    ):
        field = "enterprise" if point.enterprise_id or is_enterprise(actor) else "town"
        raise ValidationError({field: _("This risk point lies outside your jurisdiction.")})


@transaction.atomic
def risk_point_create(*, actor, data: dict[str, Any], via: str = "web") -> RiskPoint:
    """Register a risk point of an enterprise or of a public place, graded on save."""
    check_permission(actor, "write")
    point = risk_point_assemble(point=RiskPoint(), data=data)
    check_scope(actor, point)
    point.save()
    audit.record_create(actor=actor, instance=point, via=via)
    return point


@transaction.atomic
def risk_point_update(
    *, actor, risk_point: RiskPoint, data: dict[str, Any], via: str = "web"
) -> RiskPoint:
    """Change a risk point; it is graded again with the bands in force today."""
    check_permission(actor, "write")
    locked = (
        RiskPoint.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .get(pk=risk_point.pk)
    )
    check_scope(actor, locked)
    before = audit.snapshot(locked)
    risk_point_assemble(point=locked, data=data)
    check_scope(actor, locked)
    locked.save()
    audit.record_update(actor=actor, instance=locked, before=before, via=via)
    return locked


@transaction.atomic
def risk_point_delete(*, actor, risk_point: RiskPoint, via: str = "web") -> None:
    check_permission(actor, "write")
    check_scope(actor, risk_point)
    audit.record_delete(actor=actor, instance=risk_point, via=via)
    risk_point.delete()


def risk_point_bulk_create(*, actor, points: list[RiskPoint], via: str = "import") -> None:
    """Save validated points in one INSERT and audit them (imports, demo)."""
    created = RiskPoint.objects.bulk_create(points)
    if created and created[0].pk is None:
        # Backends without RETURNING: the newest ids, in insertion order.
        ids = list(RiskPoint.objects.order_by("-pk").values_list("pk", flat=True)[: len(points)])
        for point, pk in zip(points, reversed(ids), strict=True):
            point.pk = pk
    audit.bulk_record_create(actor=actor, instances=points, via=via)


@transaction.atomic
def risk_bands_create(
    *,
    actor,
    sector,
    method: str,
    major,
    large,
    general,
    effective_on: dt.date | None = None,
    note: str = "",
    via: str = "web",
) -> RiskBands:
    """A new version of the bands for a sector (or the county default); regrades at once
    when it is already in force."""
    check_permission(actor, "county_admin")
    bands = rules.Bands(major=Decimal(major), large=Decimal(large), general=Decimal(general))
    rules.validate_bands(method, bands)
    last = (
        RiskBands.objects.select_for_update(of=("self",))
        .filter(sector=sector, method=method)
        .order_by("-version")
        .first()
    )
    row = RiskBands(
        sector=sector,
        method=method,
        major=bands.major,
        large=bands.large,
        general=bands.general,
        version=(last.version + 1) if last else 1,
        effective_on=effective_on or clock.today(),
        note=note,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    row.full_clean()
    row.save()
    audit.record_create(actor=actor, instance=row, via=via)
    if row.effective_on <= clock.today():
        risk_points_regrade(actor=actor, sector_id=sector.pk if sector else None, via=via)
    return row


def risk_points_regrade(
    *, actor, sector_id: int | None = None, on: dt.date | None = None, via: str = "system"
) -> int:
    """Grade again the points whose bands are not the ones in force (all sectors, or one);
    a point whose control level falls below its new level is raised. Returns the count."""
    qs = RiskPoint.objects.select_for_update(of=("self",)).order_by("pk")
    if sector_id:
        qs = qs.filter(sector_id=sector_id)
    cache: dict = {}
    changed = 0
    with transaction.atomic():
        for point in qs.iterator(chunk_size=500):
            bands = _bands(point.sector_id, point.method, cache, on)
            score, level = rules.assess(
                method=point.method,
                l=point.l,
                e=point.e,
                c=point.c,
                s=point.s,
                bands=bands.as_bands() if bands else None,
            )
            if point.bands_id == (bands.pk if bands else None) and point.level == level:
                continue
            before = audit.snapshot(point)
            point.score, point.level, point.bands = score.quantize(CENTS), level, bands
            controls = _controls(cache, on)
            if not rules.control_at_least(point.control_level, level, controls):
                point.control_level = rules.required_control(level, controls)
            point.save(update_fields=["score", "level", "bands", "control_level", "updated_at"])
            audit.record_update(actor=actor, instance=point, before=before, via=via)
            changed += 1
    return changed


def risk_points_sync_enterprises(
    *, actor, via: str = "system", enterprise_id: int | None = None
) -> int:
    """Copy each enterprise's current town and sector onto its points (after the enterprise
    moved or changed sector), so scoping stays right. Returns the count of points changed."""
    points = RiskPoint.objects.filter(enterprise__isnull=False)
    if enterprise_id is not None:
        points = points.filter(enterprise_id=enterprise_id)
    stale = points.select_related("enterprise").exclude(
        town_id=F("enterprise__town_id"), sector_id=F("enterprise__sector_id")
    )
    changed = 0
    with transaction.atomic():
        for point in stale.select_for_update(of=("self",)):
            before = audit.snapshot(point)
            point.town_id, point.sector_id = point.enterprise.town_id, point.enterprise.sector_id
            point.save(update_fields=["town", "sector", "updated_at"])
            audit.record_update(actor=actor, instance=point, before=before, via=via)
            changed += 1
    return changed


@transaction.atomic
def town_outlines_replace(*, actor, outlines: dict, via: str = "web") -> int:
    """Store the given towns' outlines (town → GeoJSON geometry), replacing earlier ones."""
    check_permission(actor, "county_admin")
    for town, geometry in outlines.items():
        existing = TownOutline.objects.select_for_update(of=("self",)).filter(town=town).first()
        if existing:
            model_update(
                actor=actor,
                instance=existing,
                via=via,
                fields=("geometry", "uploaded_at"),
                data={"geometry": geometry, "uploaded_at": clock.now()},
            )
        else:
            outline = TownOutline.objects.create(town=town, geometry=geometry)
            audit.record_create(actor=actor, instance=outline, via=via)
    return len(outlines)
