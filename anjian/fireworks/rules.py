"""Fireworks rules as pure functions (domain-rules §13). The intervals are UNVERIFIED defaults
stored as versioned rules (`core.rules`, keys `fireworks.*`) the county admin can change."""

import datetime as dt

from lunardate import LunarDate


def lunar(day: dt.date) -> LunarDate:
    return LunarDate.from_solar_date(day.year, day.month, day.day)


def in_peak(day: dt.date) -> bool:
    """腊月 (the 12th lunar month) to 正月十五 (the 15th of the 1st), both inclusive: the season
    of weekly unannounced checks on expired-licence plants (§13 "Expiry tracking")."""
    moon = lunar(day)
    if moon.isLeapMonth:
        return False
    return moon.month == 12 or (moon.month == 1 and moon.day <= 15)


def in_rush(day: dt.date) -> bool:
    """腊月二十三 to 正月十五: 打非 clues are verified within 24 h instead of 3 days (§13)."""
    moon = lunar(day)
    if moon.isLeapMonth:
        return False
    return (moon.month == 12 and moon.day >= 23) or (moon.month == 1 and moon.day <= 15)


def inspection_interval_days(day: dt.date, *, rule: dict) -> int:
    """Days between unannounced checks of an expired-licence plant: monthly, weekly in the peak."""
    return rule["peak_days"] if in_peak(day) else rule["normal_days"]


def inspection_due(*, last: dt.date | None, since: dt.date, rule: dict) -> dt.date:
    """The next unannounced check: `since` when never checked since it joined the list,
    else the last check plus the interval in force on that day."""
    if last is None or last < since:
        return since
    return last + dt.timedelta(days=inspection_interval_days(last, rule=rule))


def follow_up_due(*, exited_on: dt.date, last: dt.date | None, rule: dict) -> dt.date | None:
    """转产/退出 follow-up: a check every `every_days` (quarterly) for `months` months after the
    exit (§13 "Follow-up", default quarterly for 12). None once the follow-up period is over."""
    end = _add_months(exited_on, rule["months"])
    start = last if last is not None and last >= exited_on else exited_on
    due = start + dt.timedelta(days=rule["every_days"])
    return due if due <= end else None


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def verify_hours(received: dt.datetime) -> int:
    """Hours to verify a 打非 clue: 72 (3 days), or 24 from 腊月二十三 to 正月十五 (§13)."""
    return 24 if in_rush(received.date()) else 72


def licence_alert_due(*, expires_on: dt.date, today: dt.date, days: list[int]) -> int | None:
    """The alert (days before expiry, e.g. 90 or 30) that is due today: the smallest threshold
    the remaining days have reached; None when expired or further away than every threshold."""
    left = (expires_on - today).days
    if left < 0:
        return None
    reached = [d for d in days if left <= d]
    return min(reached) if reached else None
