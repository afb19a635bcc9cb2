"""Versioned rule defaults (domain rules: "a default the county admin can change, stored with
its version and effective date, never a constant buried in code").

`RULES` names every configurable figure with its default, its source and whether the source
was verified; `rule_value(key, on=)` returns the version in force on a record's date;
`rule_setting_change` adds a new version (never overwriting) and audits it.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.core import audit, clock
from anjian.core.permissions import check_permission
from anjian.core.rule_models import RuleSetting

# The first version of every rule applies from the founding of the PRC: any record's date.
SEED_DATE = dt.date(1949, 10, 1)


def _days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 366:
        raise ValidationError(_("A whole number of days from 1 to 366."))
    return value


def _minutes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 7 * 24 * 60:
        raise ValidationError(_("A whole number of minutes from 1 to 10080."))
    return value


def _hours(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 2000:
        raise ValidationError(_("A whole number of hours from 1 to 2000."))
    return value


def _sector_days(value: Any) -> dict:
    if not isinstance(value, dict) or "default" not in value:
        raise ValidationError(_('An object of days by sector code with a "default" entry.'))
    return {str(k): _days(v) for k, v in value.items()}


RISK_LEVELS = ("major", "large", "general", "low")
CONTROL_LEVELS = ("enterprise", "department", "workshop", "post")  # highest first


def _control_levels(value: Any) -> dict:
    if (
        not isinstance(value, dict)
        or set(value) != set(RISK_LEVELS)
        or not all(v in CONTROL_LEVELS for v in value.values())
    ):
        raise ValidationError(
            _(
                "Give a control level (enterprise, department, workshop, post) "
                "for each risk level (major, large, general, low)."
            )
        )
    ranks = [CONTROL_LEVELS.index(value[level]) for level in RISK_LEVELS]
    if ranks != sorted(ranks):
        raise ValidationError(_("A higher risk level cannot be controlled at a lower level."))
    return dict(value)


def _report_deadlines(value: Any) -> dict:
    if not isinstance(value, dict) or not value:
        raise ValidationError(
            _('An object such as {"phone": {"minutes": 30, "grade_relevant_only": false}}.')
        )
    result = {}
    for kind, rule in value.items():
        if (
            kind not in ("phone", "written")
            or not isinstance(rule, dict)
            or not isinstance(rule.get("grade_relevant_only", False), bool)
        ):
            raise ValidationError(
                _('Each kind (phone, written) needs "minutes" and "grade_relevant_only".')
            )
        result[kind] = {
            "minutes": _minutes(rule.get("minutes")),
            "grade_relevant_only": rule.get("grade_relevant_only", False),
        }
    return result


def _time_limits(value: Any) -> dict:
    keys = ("verify_days", "extension_days", "feedback_days")
    if not isinstance(value, dict) or set(value) != set(keys):
        raise ValidationError(
            _('An object such as {"verify_days": 60, "extension_days": 30, "feedback_days": 10}.')
        )
    return {key: _days(value[key]) for key in keys}


def _descending_bands(value: Any) -> dict:
    """{"v": [3 bounds], "h": [3 bounds]}: the lower bounds of classes 二, 三, 四, highest first."""
    if not isinstance(value, dict) or set(value) != {"v", "h"}:
        raise ValidationError(_('An object such as {"v": [10000, 1000, 100], "h": [100, 60, 30]}.'))
    for key in ("v", "h"):
        bounds = value[key]
        if (
            not isinstance(bounds, list)
            or len(bounds) != 3
            or not all(isinstance(b, int | float) and not isinstance(b, bool) for b in bounds)
            or not bounds[0] > bounds[1] > bounds[2] > 0
        ):
            raise ValidationError(_("Three positive bounds, highest first, for v and for h."))
    return {"v": list(value["v"]), "h": list(value["h"])}


def _counts(keys: tuple[str, ...]) -> Callable[[Any], dict]:
    def check(value: Any) -> dict:
        if not isinstance(value, dict) or set(value) != set(keys):
            raise ValidationError(
                _("An object with a whole number from 1 to 100 for each of: %(keys)s.")
                % {"keys": ", ".join(keys)}
            )
        for v in value.values():
            if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 100:
                raise ValidationError(
                    _("An object with a whole number from 1 to 100 for each of: %(keys)s.")
                    % {"keys": ", ".join(keys)}
                )
        return dict(value)

    return check


def _month_day(value: Any) -> str:
    try:
        dt.date.fromisoformat(f"2024-{value}")
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("A month and day such as 04-01.")) from exc
    return value


def _season(value: Any) -> dict:
    if not isinstance(value, dict) or set(value) != {"start", "end"}:
        raise ValidationError(_('An object such as {"start": "04-01", "end": "09-30"}.'))
    return {"start": _month_day(value["start"]), "end": _month_day(value["end"])}


def _pond_inspections(value: Any) -> dict:
    if not isinstance(value, dict) or set(value) != {"normal", "flood_season"}:
        raise ValidationError(_('An object such as {"normal": 30, "flood_season": 7}.'))
    return {key: _days(value[key]) for key in ("normal", "flood_season")}


def _cluster(value: Any) -> dict:
    keys = ("accidents", "metres", "days")
    if not isinstance(value, dict) or set(value) != set(keys):
        raise ValidationError(_('An object such as {"accidents": 3, "metres": 1000, "days": 365}.'))
    metres = value["metres"]
    if isinstance(metres, bool) or not isinstance(metres, int) or not 1 <= metres <= 100_000:
        raise ValidationError(_("metres: a whole number from 1 to 100000."))
    return {
        "accidents": _counts(("accidents",))({"accidents": value["accidents"]})["accidents"],
        "metres": metres,
        "days": _days(value["days"]),
    }


WARNING_LEVELS = ("blue", "yellow", "orange", "red")


def _weather_levels(value: Any) -> dict:
    kinds = ("rainstorm", "typhoon", "heat", "thunder")
    if (
        not isinstance(value, dict)
        or set(value) != set(kinds)
        or not all(v in WARNING_LEVELS for v in value.values())
    ):
        raise ValidationError(
            _("Give the lowest warning level (blue, yellow, orange, red) for each of: %(k)s.")
            % {"k": ", ".join(kinds)}
        )
    return dict(value)


def _level(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(_("A fire-danger level from 1 to 5."))
    return value


def _forest_patrols(value: Any) -> dict:
    keys = ("base", "raised", "raise_at_level", "holidays")
    if (
        not isinstance(value, dict)
        or set(value) != set(keys)
        or not isinstance(value["holidays"], list)
        or not all(isinstance(h, str) and 0 < len(h) <= 40 for h in value["holidays"])
    ):
        raise ValidationError(
            _(
                'An object such as {"base": 1, "raised": 2, "raise_at_level": 4, '
                '"holidays": ["清明节", "三月三", "春节", "劳动节"]}.'
            )
        )
    for key in ("base", "raised"):
        if (
            isinstance(value[key], bool)
            or not isinstance(value[key], int)
            or not 1 <= value[key] <= 24
        ):
            raise ValidationError(_("Patrols a day: a whole number from 1 to 24."))
    return {**value, "raise_at_level": _level(value["raise_at_level"])}


def _alert_days(value: Any) -> list:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("A list of days before expiry, such as [90, 30]."))
    return sorted({_days(v) for v in value}, reverse=True)


def _intervals(value: Any) -> dict:
    if not isinstance(value, dict) or set(value) != {"normal_days", "peak_days"}:
        raise ValidationError(_('An object such as {"normal_days": 30, "peak_days": 7}.'))
    return {k: _days(v) for k, v in value.items()}


def _follow_up(value: Any) -> dict:
    if not isinstance(value, dict) or set(value) != {"every_days", "months"}:
        raise ValidationError(_('An object such as {"every_days": 91, "months": 12}.'))
    months = value["months"]
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 60:
        raise ValidationError(_("Months: a whole number from 1 to 60."))
    return {"every_days": _days(value["every_days"]), "months": months}


GRADE_NAMES = ("excellent", "good", "pass")  # the lowest score of each grade; below: fail


def _grade_cutoffs(value: Any) -> dict:
    if (
        not isinstance(value, dict)
        or set(value) != set(GRADE_NAMES)
        or not all(
            isinstance(value[k], int | float) and not isinstance(value[k], bool) for k in value
        )
    ):
        raise ValidationError(_('An object such as {"excellent": 90, "good": 80, "pass": 60}.'))
    cuts = [value[k] for k in GRADE_NAMES]
    if not all(0 < c <= 105 for c in cuts) or cuts != sorted(cuts, reverse=True):
        raise ValidationError(_("Each grade needs a higher score than the next (0–105)."))
    return dict(value)


@dataclass(frozen=True)
class Rule:
    key: str
    label: Promise
    default: Any
    source: str
    check: Callable[[Any], Any]
    unverified: bool = False
    help: Promise | str = ""


RULES: dict[str, Rule] = {
    r.key: r
    for r in [
        Rule(
            "hazards.reminder_days",
            gettext_lazy("Hazard deadline reminder (days before)"),
            3,
            "domain-rules §2 (escalation defaults)",
            _days,
        ),
        Rule(
            "accidents.supplementary_days",
            gettext_lazy("Supplementary-report (补报) window in calendar days, by sector"),
            {"default": 30, "road_traffic": 7, "fire": 7},
            "493号令 Art. 13; counted per 民法典 Art. 201, 203 (domain-rules §1)",
            _sector_days,
            help=gettext_lazy('Days by sector code; "default" for every other sector.'),
        ),
        Rule(
            "duty.holiday_reminder_days",
            gettext_lazy("Holiday duty-roster reminders start (days before the holiday)"),
            7,
            "platform default (not in domain-rules)",
            _days,
        ),
        Rule(
            "duty.report_deadlines",
            gettext_lazy("Duty information-report deadlines (minutes)"),
            {
                "phone": {"minutes": 30, "grade_relevant_only": False},
                "written": {"minutes": 60, "grade_relevant_only": True},
            },
            "domain-rules §6 (set per county)",
            _report_deadlines,
            help=gettext_lazy("grade_relevant_only: applies only to events of 较大 or above."),
        ),
        Rule(
            "public_reports.time_limits",
            gettext_lazy(
                "12350 report time limits (calendar days: verify, one extension, feedback)"
            ),
            {"verify_days": 60, "extension_days": 30, "feedback_days": 10},
            "2012 举报奖励办法 Art. 10(3), 11(5)–(6) (domain-rules §15)",
            _time_limits,
            unverified=True,
        ),
        Rule(
            "assessment.grade_cutoffs",
            gettext_lazy("Assessment grades: the lowest score of 优秀, 良好 and 合格"),
            {"excellent": 90, "good": 80, "pass": 60},
            "domain-rules §7 (set per county)",
            _grade_cutoffs,
        ),
        Rule(
            "risks.control_levels",
            gettext_lazy("Lowest control level for each risk level"),
            {"major": "enterprise", "large": "department", "general": "workshop", "low": "post"},
            "安委办〔2016〕11号 (domain-rules §3)",
            _control_levels,
        ),
        Rule(
            "mines.pond_class_bands",
            gettext_lazy(
                "Tailings pond class: lower bounds of classes 2, 3, 4 (V in 10⁴ m³, H in m)"
            ),
            {"v": [10000, 1000, 100], "h": [100, 60, 30]},
            "AQ 2006-2005 table (legacy); GB 39496-2020 §4.5 changed classes 1–2, its values "
            "not retrieved (domain-rules §12)",
            _descending_bands,
            unverified=True,
        ),
        Rule(
            "mines.alarm_aggregation",
            gettext_lazy(
                "Tailings monitoring: points (per item) and items (per pond) that raise the level"
            ),
            {"blue": 4, "yellow": 3, "orange": 2, "items_blue": 4},
            "GB 39496-2020 §5.5.4 (partly read; the pond-level rule UNVERIFIED, domain-rules §12)",
            _counts(("blue", "yellow", "orange", "items_blue")),
            unverified=True,
            help=gettext_lazy(
                "blue: points at blue that make the item yellow; yellow: points at yellow that "
                "make it orange; orange: points at orange that make it red; items_blue: items at "
                "blue that count as one item at yellow."
            ),
        ),
        Rule(
            "mines.flood_season",
            gettext_lazy("Flood season (month-day, first and last day)"),
            {"start": "04-01", "end": "09-30"},
            "domain-rules §12 (start 04-01 default; the end is a platform default)",
            _season,
            unverified=True,
        ),
        Rule(
            "mines.pond_inspection_days",
            gettext_lazy("County inspections of head-top and 危/险/病 ponds (days between)"),
            {"normal": 30, "flood_season": 7},
            "domain-rules §12 (platform default: monthly, weekly in the flood season)",
            _pond_inspections,
        ),
        Rule(
            "mines.hazard_deadline_days",
            gettext_lazy("Deadline of a pond's major hazard (days after it is raised)"),
            30,
            "platform default (not in domain-rules)",
            _days,
        ),
        Rule(
            "roads.accident_cluster",
            gettext_lazy("Road accident cluster: fatal accidents within a distance and a period"),
            {"accidents": 3, "metres": 1000, "days": 365},
            "Zhejiang trigger (domain-rules §17; no national figure, UNVERIFIED)",
            _cluster,
            unverified=True,
        ),
        Rule(
            "chemicals.weather_levels",
            gettext_lazy(
                "Weather warnings that reach units holding tagged chemicals (lowest level)"
            ),
            {"rainstorm": "yellow", "typhoon": "yellow", "heat": "orange", "thunder": "blue"},
            "platform defaults (domain-rules §14: no national rule found)",
            _weather_levels,
            unverified=True,
        ),
        Rule(
            "workforce.inspector_training_hours",
            gettext_lazy("Inspectors' yearly training hours (执法人员)"),
            40,
            "domain-rules §9 (set by the county)",
            _hours,
        ),
        Rule(
            "forestfire.patrols",
            gettext_lazy("Watch-area patrols a day (base, raised on holidays and high danger)"),
            {
                "base": 1,
                "raised": 2,
                "raise_at_level": 4,
                "holidays": ["清明节", "三月三", "春节", "劳动节"],
            },
            "domain-rules §11 (watch areas; no national frequency found)",
            _forest_patrols,
            unverified=True,
            help=gettext_lazy("holidays: names from the work calendar that raise the requirement."),
        ),
        Rule(
            "forestfire.notice_level",
            gettext_lazy("Fire-danger level from which towns get a notice to confirm (签收)"),
            4,
            "domain-rules §11 (fire danger, platform default)",
            _level,
            unverified=True,
        ),
        Rule(
            "forestfire.permit_void_level",
            gettext_lazy("Fire-danger level from which field-fire approvals are void that day"),
            4,
            "domain-rules §11 (approval record, platform default)",
            _level,
            unverified=True,
        ),
        Rule(
            "forestfire.watch_lookback_days",
            gettext_lazy("Fires of the last N days become watch areas when the 防火期 starts"),
            365,
            "domain-rules §11 (watch areas: previous 12 months)",
            _days,
            unverified=True,
        ),
        Rule(
            "fireworks.licence_alert_days",
            gettext_lazy("Fireworks licence alerts (days before expiry)"),
            [90, 30],
            "安全生产许可证条例 Art. 9 (apply 3 months before); domain-rules §13",
            _alert_days,
        ),
        Rule(
            "fireworks.inspection_interval",
            gettext_lazy("Unannounced checks of expired-licence plants (days; peak 腊月–正月十五)"),
            {"normal_days": 30, "peak_days": 7},
            "domain-rules §13 (expiry tracking, platform default)",
            _intervals,
            unverified=True,
        ),
        Rule(
            "fireworks.follow_up",
            gettext_lazy("转产/退出 follow-up checks (every N days, for M months)"),
            {"every_days": 91, "months": 12},
            "domain-rules §13 (conversion and exit; no national rule found)",
            _follow_up,
            unverified=True,
        ),
    ]
}


def rule_value(key: str, on: dt.date | dt.datetime | None = None) -> Any:
    """The value of rule `key` in force on `on` (a record's date; today by default).

    The newest version whose effective date is not after `on` wins; with no stored version
    the code default applies (a database flushed by tests, before the seed migration ran).
    """
    rule = RULES[key]
    if on is None:
        on = clock.today()
    elif isinstance(on, dt.datetime):
        on = timezone.localdate(on)
    found = (
        RuleSetting.objects.filter(key=key, effective_from__lte=on)
        .order_by("-effective_from", "-version")
        .values_list("value", flat=True)
        .first()
    )
    return rule.default if found is None else found


def rule_resolver(key: str) -> Callable[[dt.date], Any]:
    """`rule_value` for many records at once: one query, then `resolve(day)` per record."""
    default = RULES[key].default
    versions = list(
        RuleSetting.objects.filter(key=key)
        .order_by("effective_from", "version")
        .values_list("effective_from", "value")
    )

    def resolve(day: dt.date) -> Any:
        found = default
        for start, value in versions:
            if start > day:
                break
            found = value
        return found

    return resolve


def rule_versions(key: str) -> list[RuleSetting]:
    """Every stored version of a rule, newest effective date first."""
    return list(RuleSetting.objects.filter(key=key).select_related("changed_by"))


@transaction.atomic
def rule_setting_change(
    *, actor, key: str, value: Any, effective_from: dt.date, note: str = "", via: str = "web"
) -> RuleSetting:
    """Add a new version of a rule, in force from `effective_from` (county admin only)."""
    check_permission(actor, "county_admin")
    rule = RULES.get(key)
    if rule is None:
        raise ValidationError({"key": _("No such rule.")})
    errors = {}
    try:
        value = rule.check(value)
    except ValidationError as exc:
        errors["value"] = exc.messages
    if not isinstance(effective_from, dt.date) or effective_from < SEED_DATE:
        errors["effective_from"] = [_("Give the date from which the new value applies.")]
    if not (note or "").strip():
        errors["note"] = [_("Say why the value changes (the notice or decision).")]
    if errors:
        raise ValidationError(errors)
    # Lock the rule's versions so two simultaneous changes cannot take the same number.
    list(
        RuleSetting.objects.select_for_update(of=("self",))
        .filter(key=key)
        .values_list("pk", flat=True)
    )
    last = RuleSetting.objects.filter(key=key).aggregate(n=Max("version"))["n"] or 0
    before = rule_value(key, on=effective_from)
    setting = RuleSetting.objects.create(
        key=key,
        value=value,
        effective_from=effective_from,
        version=last + 1,
        note=note.strip(),
        changed_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(
        actor=actor,
        action="rule_setting.change",
        instance=setting,
        via=via,
        changes={
            "value": [before, value],
            "effective_from": [None, effective_from.isoformat()],
            "version": [last or None, last + 1],
            "note": [None, setting.note],
        },
    )
    return setting
