"""Working days for the filing deadline, from the work calendar's sources (duty.calendar):
the chinesecalendar package where it knows the year, else the holidays and adjusted working days
the county entered by hand; a year in neither counts Monday to Friday."""

import datetime as dt
from functools import lru_cache

import chinese_calendar

from anjian.duty.calendar import PACKAGE_YEARS
from anjian.duty.models import DeclaredHoliday, DeclaredWorkday

# The package's calendar never changes while the process runs: a list page asks about the same
# few hundred days for every row (20 working days after each plan's publication).
_package_workday = lru_cache(maxsize=8192)(chinese_calendar.is_workday)


def is_workday(day: dt.date) -> bool:
    if day.year in PACKAGE_YEARS:
        return _package_workday(day)
    if DeclaredWorkday.objects.filter(day=day).exists():
        return True
    if DeclaredHoliday.objects.filter(start__lte=day, end__gte=day).exists():
        return False
    return day.weekday() < 5
