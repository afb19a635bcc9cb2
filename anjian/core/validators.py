"""The plausibility and text checks every input path shares (pages, API, imports).

Text: the C0 control characters XML 1.0 cannot carry are refused at input (a Word or Excel file
holding one cannot be written) and stripped on the way out for rows stored before the check.
Dates and numbers: a value a person types must be one that can have happened.
"""

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# \t, \n and \r are the only C0 characters XML 1.0 allows.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# The founding of the People's Republic: no record of this platform can be older.
EARLIEST_DATE = dt.date(1949, 10, 1)
MAX_PEOPLE = 10_000
CLOCK_SLACK = dt.timedelta(minutes=5)


def has_control_characters(value: Any) -> bool:
    return isinstance(value, str) and XML_ILLEGAL.search(value) is not None


def strip_control_characters(value: Any) -> Any:
    """The text without the characters XML cannot carry; anything else unchanged."""
    return XML_ILLEGAL.sub("", value) if isinstance(value, str) else value


CONTROL_MESSAGE = _("The text contains control characters that cannot be stored.")


def reject_control_characters(value: Any) -> None:
    if has_control_characters(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def _latest_date() -> dt.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today + dt.timedelta(days=365)


def plausible_date(value: Any) -> None:
    """A date between 1949-10-01 and one year from today."""
    if value is None:
        return
    day = (
        timezone.localtime(value).date()
        if isinstance(value, dt.datetime) and timezone.is_aware(value)
        else (value.date() if isinstance(value, dt.datetime) else value)
    )
    if day < EARLIEST_DATE or day > _latest_date():
        raise ValidationError(
            _("The date must lie between %(first)s and %(last)s."),
            code="implausible_date",
            params={"first": EARLIEST_DATE.isoformat(), "last": _latest_date().isoformat()},
        )


def not_in_future(value: Any) -> None:
    """A moment that has already happened (a few minutes of clock slack allowed)."""
    if value is None:
        return
    plausible_date(value)
    if isinstance(value, dt.datetime) and value > timezone.now() + CLOCK_SLACK:
        raise ValidationError(_("The time lies in the future."), code="future")


def people_count(value: Any) -> None:
    """A number of people: 0 to 10,000."""
    if value is None:
        return
    if value < 0 or value > MAX_PEOPLE:
        raise ValidationError(
            _("The number of people must be between 0 and %(max)s."),
            code="implausible_count",
            params={"max": MAX_PEOPLE},
        )


def non_negative_money(value: Any) -> None:
    if value is not None and Decimal(value) < 0:
        raise ValidationError(_("The amount cannot be negative."), code="negative_money")


# --- the rules above, attached to the platform's model fields ----------------------------------

# Dates that lie years ahead by nature: a licence's expiry, a risk assessment's next review.
LONG_HORIZON_FIELDS = {"expires_on", "review_on", "certificate_expires_on"}
LONG_HORIZON = dt.timedelta(days=366 * 30)
# Moments that must already have happened.
PAST_FIELDS = {("accidents", "accident"): {"occurred_at", "reported_at"}}
# Counts of people: at most 10,000 (an accident's casualties and those endangered or trapped);
# an evacuation or a workforce can be larger, so those take a wider bound.
PEOPLE_FIELDS = {"deaths", "missing", "serious_injuries", "minor_injuries", "endangered", "trapped"}
MANY_PEOPLE_FIELDS = {"evacuated", "employees", "participants", "attendees"}
MAX_MANY_PEOPLE = 1_000_000
MONEY_FIELDS = {"direct_loss", "funds", "amount", "spent", "penalty", "fine"}


def plausible_far_date(value: Any) -> None:
    """A date between 1949-10-01 and thirty years from today (expiries, reviews)."""
    if value is None:
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    last = timezone.localdate() + LONG_HORIZON
    if day < EARLIEST_DATE or day > last:
        raise ValidationError(
            _("The date must lie between %(first)s and %(last)s."),
            code="implausible_date",
            params={"first": EARLIEST_DATE.isoformat(), "last": last.isoformat()},
        )


def many_people_count(value: Any) -> None:
    if value is not None and (value < 0 or value > MAX_MANY_PEOPLE):
        raise ValidationError(
            _("The number of people must be between 0 and %(max)s."),
            code="implausible_count",
            params={"max": MAX_MANY_PEOPLE},
        )


def _rules_for(model, field) -> list:
    from django.db import models

    if isinstance(field, models.DateField):  # DateTimeField too
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return []
        if field.name in PAST_FIELDS.get((model._meta.app_label, model._meta.model_name), ()):
            return [not_in_future]
        return [plausible_far_date if field.name in LONG_HORIZON_FIELDS else plausible_date]
    if isinstance(field, models.IntegerField) and field.name in PEOPLE_FIELDS:
        return [people_count]
    if isinstance(field, models.IntegerField) and field.name in MANY_PEOPLE_FIELDS:
        return [many_people_count]
    if isinstance(field, models.DecimalField) and field.name in MONEY_FIELDS:
        return [non_negative_money]
    return []


def install_plausibility_rules() -> None:
    """Attach the rules to every date, people count and amount of the platform's models, once
    (CoreConfig.ready). They join the field's `validators` list that model forms, `full_clean`
    and DRF's model serializers all read; `_validators` (what migrations record) is untouched,
    so the rules can change without a migration."""
    from django.apps import apps

    for model in apps.get_models():
        if not model.__module__.startswith("anjian."):
            continue
        for field in model._meta.concrete_fields:
            rules = [r for r in _rules_for(model, field) if r not in field.validators]
            field.validators.extend(rules)
