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
    list(RuleSetting.objects.select_for_update().filter(key=key).values_list("pk", flat=True))
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
