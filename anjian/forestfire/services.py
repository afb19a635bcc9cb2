"""Writes on forest fires, fire danger, field-fire approvals, watch areas and patrols: checked
against the actor's unit, validated, audited (domain-rules §11)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anjian.accounts.models import Sector, Town
from anjian.alerts.models import AlertKind, AlertLevel
from anjian.alerts.services import alert_publish
from anjian.core import audit, clock
from anjian.core.actors import SYSTEM
from anjian.core.errors import Conflict
from anjian.core.permissions import check_permission
from anjian.core.rules import rule_value
from anjian.core.scoping import in_scope
from anjian.core.updates import model_update

from . import rules
from .models import FieldFirePermit, FireDanger, ForestFire, Patrol, PermitStatus, WatchArea

FIRE_FIELDS = (
    "town", "place", "lng", "lat", "started_at", "discovered_at", "reported_at",
    "damaged_area_ha", "burned_area_ha", "deaths", "serious_injuries", "minor_injuries",
    "cause", "extinguished_at",
)  # fmt: skip
PERMIT_FIELDS = ("applicant", "purpose", "town", "starts_at", "ends_at", "measures")
AREA_FIELDS = ("town", "name", "lng", "lat", "buffer_m", "leader", "rangers", "opened_on")
PATROL_FIELDS = ("area", "ranger", "at", "points", "findings")


class PermitConflict(Conflict):
    pass


def forestry() -> Sector:
    return Sector.objects.get(code="forestry")


def _covers(actor, town: Town | None, field: str = "town") -> None:
    if town is None or not in_scope(actor, town_id=town.pk, sector_id=forestry().pk):
        raise ValidationError({field: _("This town lies outside your jurisdiction.")})


def _not_ahead(instance, fields) -> None:
    """Nothing after the business clock's now (the field validators check the real clock)."""
    limit = clock.now() + dt.timedelta(minutes=5)
    errors = {
        f: [_("The time lies in the future.")]
        for f in fields
        if getattr(instance, f, None) is not None and getattr(instance, f) > limit
    }
    if errors:
        raise ValidationError(errors)


def _fire_order(fire: ForestFire) -> None:
    _not_ahead(fire, ("started_at", "discovered_at", "reported_at", "extinguished_at"))
    errors = {}
    if fire.started_at and fire.discovered_at and fire.discovered_at < fire.started_at:
        errors["discovered_at"] = [_("A fire is discovered after it starts.")]
    if fire.discovered_at and fire.reported_at and fire.reported_at < fire.discovered_at:
        errors["reported_at"] = [_("A fire is reported after it is discovered.")]
    if fire.started_at and fire.extinguished_at and fire.extinguished_at < fire.started_at:
        errors["extinguished_at"] = [_("The flame goes out after the fire starts.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def fire_create(*, actor, data: dict[str, Any], via: str = "web") -> ForestFire:
    """Record a forest fire or 火情 in a town the actor covers; its grade is computed."""
    check_permission(actor, "officer")
    _covers(actor, data.get("town"))
    fire = ForestFire(**{k: v for k, v in data.items() if k in FIRE_FIELDS}, sector=forestry())
    fire.full_clean()
    _fire_order(fire)
    fire.save()
    audit.record_create(actor=actor, instance=fire, via=via)
    return fire


@transaction.atomic
def fire_update(*, actor, fire: ForestFire, data: dict[str, Any], via: str = "web") -> ForestFire:
    check_permission(actor, "officer")
    locked = ForestFire.objects.select_for_update(of=("self",)).get(pk=fire.pk)
    _covers(actor, data.get("town", locked.town))
    fire, _diff = model_update(
        actor=actor, instance=locked, data=data, fields=FIRE_FIELDS, via=via,
        before_clean=_fire_order,
    )  # fmt: skip
    return fire


# --- fire danger ---------------------------------------------------------------------------


def _publish_notice(danger: FireDanger) -> None:
    """A notice to the town to be confirmed (签收) like any warning (§11): the warnings' own
    mechanism, published by the system for the day."""
    tz = timezone.get_default_timezone()
    start = dt.datetime.combine(danger.date, dt.time.min, tzinfo=tz)
    with translation.override(settings.LANGUAGE_CODE):
        wording = {4: "林区须加强火源管理", 5: "严禁一切林内用火"}.get(danger.level, "须加强防范")
        title = _("Forest fire danger level %(level)s in %(town)s on %(day)s") % {
            "level": danger.level,
            "town": danger.town.name,
            "day": danger.date.isoformat(),
        }
        content = _(
            "Fire-danger level %(level)s: %(wording)s. Step up patrols of the watch areas; "
            "field-fire approvals are void on this day."
        ) % {"level": danger.level, "wording": wording}
    alert = alert_publish(
        actor=SYSTEM,
        data={
            "title": title[:200],
            "level": AlertLevel.RED if danger.level >= 5 else AlertLevel.ORANGE,
            "kind": AlertKind.WEATHER,
            "content": content,
            "valid_from": start,
            "valid_to": start + dt.timedelta(days=1),
        },
        towns=[danger.town],
        departments=[],
        via="forestfire",
    )
    danger.alert = alert
    danger.save(update_fields=["alert"])


def _check_level(level: Any) -> int:
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        raise ValidationError({"level": _("A fire-danger level from 1 to 5.")})
    return level


def _check_day(day: Any) -> dt.date:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ValidationError({"date": _("Enter a date.")})
    today = clock.today()
    if day < today - dt.timedelta(days=366) or day > today + dt.timedelta(days=15):
        raise ValidationError({"date": _("A fire-danger date from a year ago to 15 days ahead.")})
    return day


def _danger_write(*, actor, town: Town, day: dt.date, level: int, via: str) -> FireDanger:
    existing = (
        FireDanger.objects.select_for_update(of=("self",)).filter(date=day, town=town).first()
    )
    if existing is None:
        danger = FireDanger.objects.create(date=day, town=town, level=level)
        audit.record_create(actor=actor, instance=danger, via=via)
    else:
        danger = existing
        if danger.level != level:
            before = danger.level
            danger.level = level
            danger.save(update_fields=["level"])
            audit.record(
                actor=actor, action="firedanger.update", instance=danger, via=via,
                changes={"level": [before, level]},
            )  # fmt: skip
    if (
        danger.alert_id is None
        and day >= clock.today()
        and rules.danger_notice(level, notice_at_level=rule_value("forestfire.notice_level", day))
    ):
        _publish_notice(danger)
    return danger


@transaction.atomic
def danger_set(*, actor, town: Town, date: dt.date, level: int, via: str = "web") -> FireDanger:
    """The day's level for a town (a second entry for the day replaces the level). At the
    notice level (default 4) the town gets a notice to confirm (签收), once a day."""
    check_permission(actor, "officer")
    _covers(actor, town)
    return _danger_write(
        actor=actor, town=town, day=_check_day(date), level=_check_level(level), via=via
    )


@transaction.atomic
def danger_bulk_set(*, actor, rows: list[dict], via: str = "import") -> list[FireDanger]:
    """Several days and towns at once (the Excel import): all rows or none."""
    check_permission(actor, "officer")
    for row in rows:
        _covers(actor, row["town"])
        _check_day(row["date"])
        _check_level(row["level"])
    return [
        _danger_write(actor=actor, town=r["town"], day=r["date"], level=r["level"], via=via)
        for r in rows
    ]


def level_on(town_id: int, day: dt.date) -> int | None:
    return (
        FireDanger.objects.filter(town_id=town_id, date=day).values_list("level", flat=True).first()
    )


# --- field-fire approvals --------------------------------------------------------------------


def _permit_order(permit: FieldFirePermit) -> None:
    if permit.starts_at and permit.ends_at and permit.ends_at <= permit.starts_at:
        raise ValidationError({"ends_at": _("The end must come after the start.")})
    if (
        permit.starts_at
        and permit.ends_at
        and permit.ends_at - permit.starts_at > dt.timedelta(days=31)
    ):
        raise ValidationError({"ends_at": _("An approval covers at most 31 days.")})


@transaction.atomic
def permit_create(*, actor, data: dict[str, Any], via: str = "web") -> FieldFirePermit:
    """File an application for 野外用火 (the county approves it)."""
    check_permission(actor, "officer")
    _covers(actor, data.get("town"))
    permit = FieldFirePermit(
        **{k: v for k, v in data.items() if k in PERMIT_FIELDS}, sector=forestry()
    )
    permit.full_clean()
    _permit_order(permit)
    permit.save()
    audit.record_create(actor=actor, instance=permit, via=via)
    return permit


@transaction.atomic
def permit_decide(
    *, actor, permit: FieldFirePermit, approve: bool, via: str = "web"
) -> FieldFirePermit:
    """County-government approval (541 Art. 25): the county admin approves or rejects once."""
    check_permission(actor, "county_admin")
    locked = FieldFirePermit.objects.select_for_update(of=("self",)).get(pk=permit.pk)
    if locked.status != PermitStatus.PENDING:
        raise PermitConflict(_("This application has been decided already."))
    locked.status = PermitStatus.APPROVED if approve else PermitStatus.REJECTED
    locked.decided_by = actor if getattr(actor, "pk", None) else None
    locked.save(update_fields=["status", "decided_by"])
    audit.record(
        actor=actor, action="fieldfirepermit.decide", instance=locked, via=via,
        changes={"status": [PermitStatus.PENDING, locked.status]},
    )  # fmt: skip
    return locked


# --- watch areas and patrols ----------------------------------------------------------------


def _clean_rangers(value: Any) -> list[str]:
    if not isinstance(value, list) or len(value) > 50:
        raise ValidationError({"rangers": _("A list of at most 50 names.")})
    names = []
    for name in value:
        if not isinstance(name, str) or not name.strip() or len(name) > 60:
            raise ValidationError({"rangers": _("Each ranger is a name of 1 to 60 characters.")})
        names.append(name.strip())
    return names


@transaction.atomic
def area_create(*, actor, data: dict[str, Any], via: str = "web") -> WatchArea:
    """A watch area the county admin adds (e.g. 坟墓集中区, scenic-area edges)."""
    check_permission(actor, "county_admin")
    data = dict(data)
    data["rangers"] = _clean_rangers(data.get("rangers", []))
    area = WatchArea(**{k: v for k, v in data.items() if k in AREA_FIELDS}, sector=forestry())
    area.full_clean()
    area.save()
    audit.record_create(actor=actor, instance=area, via=via)
    return area


@transaction.atomic
def area_update(*, actor, area: WatchArea, data: dict[str, Any], via: str = "web") -> WatchArea:
    """Change the leader, the rangers or the place (officers of the town or the county)."""
    check_permission(actor, "officer")
    locked = WatchArea.objects.select_for_update(of=("self",)).get(pk=area.pk)
    _covers(actor, locked.town)
    data = dict(data)
    if "rangers" in data:
        data["rangers"] = _clean_rangers(data["rangers"])
    fields = ("name", "lng", "lat", "buffer_m", "leader", "rangers")
    area, _diff = model_update(actor=actor, instance=locked, data=data, fields=fields, via=via)
    return area


@transaction.atomic
def area_close(*, actor, area: WatchArea, reason: str, via: str = "web") -> WatchArea:
    check_permission(actor, "county_admin")
    locked = WatchArea.objects.select_for_update(of=("self",)).get(pk=area.pk)
    if locked.closed_on is not None:
        raise Conflict(_("This watch area is closed already."))
    if not (reason or "").strip():
        raise ValidationError({"close_reason": _("Give the reason for closing.")})
    area, _diff = model_update(
        actor=actor, instance=locked, data={"closed_on": clock.today(), "close_reason": reason},
        fields=("closed_on", "close_reason"), via=via, action="watcharea.close",
    )  # fmt: skip
    return area


def open_watch_areas(*, season_start: dt.date, actor=SYSTEM) -> list[WatchArea]:
    """At the start of a 防火期: every fire or 火情 of the lookback period (default 12 months)
    before `season_start` becomes a watch area opened that day. Idempotent (one per fire and
    season)."""
    lookback = rule_value("forestfire.watch_lookback_days", season_start)
    tz = timezone.get_default_timezone()
    start = dt.datetime.combine(season_start - dt.timedelta(days=lookback), dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(season_start, dt.time.min, tzinfo=tz)
    fires = ForestFire.objects.filter(started_at__gte=start, started_at__lt=end).exclude(
        watch_areas__opened_on=season_start
    )
    created = []
    for fire in fires.select_related("town"):
        with translation.override(settings.LANGUAGE_CODE):
            name = _("Burned area: %(place)s") % {"place": fire.place}
        with transaction.atomic():
            area, made = WatchArea.objects.get_or_create(
                source_fire=fire,
                opened_on=season_start,
                defaults={
                    "town": fire.town,
                    "sector_id": fire.sector_id,
                    "name": name[:200],
                    "lng": fire.lng,
                    "lat": fire.lat,
                },
            )
            if made:
                audit.record_create(actor=actor, instance=area, via="sweep")
                created.append(area)
    return created


def _check_points(points: Any) -> list[list[float]]:
    """Check-in points: [[lng, lat], …] in degrees (WGS-84), at most 500."""
    message = _("Points are [longitude, latitude] pairs in degrees, at most 500.")
    if not isinstance(points, list) or len(points) > 500:
        raise ValidationError({"points": message})
    result = []
    for point in points:
        if not isinstance(point, list | tuple) or len(point) != 2:
            raise ValidationError({"points": message})
        try:
            lng, lat = (Decimal(str(v)) for v in point)
        except (InvalidOperation, TypeError, ValueError) as exc:
            raise ValidationError({"points": message}) from exc
        if (
            isinstance(point[0], bool)
            or isinstance(point[1], bool)
            or not (lng.is_finite() and lat.is_finite() and -180 <= lng <= 180 and -90 <= lat <= 90)
        ):
            raise ValidationError(
                {"points": _("Longitude lies within ±180 and latitude within ±90 degrees.")}
            )
        result.append([float(round(lng, 6)), float(round(lat, 6))])
    return result


@transaction.atomic
def patrol_log(*, actor, data: dict[str, Any], via: str = "web") -> Patrol:
    """Log a patrol of an open watch area the actor covers (not in the future)."""
    check_permission(actor, "officer")
    area = data.get("area")
    if not isinstance(area, WatchArea):
        raise ValidationError({"area": _("Choose a watch area.")})
    _covers(actor, area.town, field="area")
    patrol = Patrol(**{k: v for k, v in data.items() if k in PATROL_FIELDS})
    patrol.points = _check_points(data.get("points") or [])
    patrol.logged_by = actor if getattr(actor, "pk", None) else None
    patrol.full_clean()
    _not_ahead(patrol, ("at",))
    if patrol.at and not area.open_on(timezone.localdate(patrol.at)):
        raise ValidationError({"at": _("The watch area was not open on that day.")})
    patrol.save()
    audit.record_create(actor=actor, instance=patrol, via=via)
    return patrol
