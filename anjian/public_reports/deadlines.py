"""The §15 deadlines of one report: the pure rules with the county's calendar and time limits."""

import datetime as dt

from django.utils import timezone

from anjian.core import clock
from anjian.core.rules import rule_value
from anjian.duty.calendar import PACKAGE_YEARS, _day_off
from anjian.duty.models import DeclaredHoliday

from . import rules


def day_off(day: dt.date) -> bool:
    """A day off of the work calendar (duty.calendar): a statutory holiday or a rest day not
    made a working day. For a year the holiday package lacks, the holidays the county entered
    from the State Council's notice count as well."""
    if (
        day.year not in PACKAGE_YEARS
        and DeclaredHoliday.objects.filter(start__lte=day, end__gte=day).exists()
    ):
        return True
    return _day_off(day)


def time_limits(on: dt.date) -> dict:
    return {**rules.DEFAULT_TIME_LIMITS, **rule_value("public_reports.time_limits", on=on)}


def verify_due(accepted_at: dt.datetime, *, extended: bool) -> dt.date:
    accepted_on = timezone.localdate(accepted_at)
    return rules.verify_due(
        accepted_on, extended=extended, limits=time_limits(accepted_on), day_off=day_off
    )


def feedback_due(verified_at: dt.datetime) -> dt.date:
    verified_on = timezone.localdate(verified_at)
    return rules.feedback_due(verified_on, limits=time_limits(verified_on), day_off=day_off)


def report_overdue(report, today: dt.date | None = None) -> bool:
    from .models import ReportStatus

    today = today or clock.today()
    if report.status == ReportStatus.ACCEPTED:
        return rules.is_overdue(report.verify_due, today)
    if report.status in (ReportStatus.VERIFIED, ReportStatus.REWARDED):
        return rules.is_overdue(report.feedback_due, today)
    return False
