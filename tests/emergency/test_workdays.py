"""Working days for 备案 come from the work calendar: the package's years, else the county's own
entries for a year the package lacks."""

import datetime as dt

import pytest

from anjian.duty.calendar import PACKAGE_YEARS
from anjian.duty.models import DeclaredHoliday, DeclaredWorkday
from anjian.emergency.rules import filing_deadline
from anjian.emergency.workdays import is_workday

pytestmark = pytest.mark.django_db


def test_the_package_knows_the_national_day_and_its_adjusted_workdays():
    assert is_workday(dt.date(2025, 10, 3)) is False  # Friday, 国庆
    assert is_workday(dt.date(2025, 9, 28)) is True  # Sunday, 调休上班


def test_a_year_beyond_the_package_uses_the_countys_entries():
    year = max(PACKAGE_YEARS) + 2
    first_monday = next(
        dt.date(year, 10, d) for d in range(1, 8) if dt.date(year, 10, d).weekday() == 0
    )
    assert is_workday(first_monday) is True
    DeclaredHoliday.objects.create(
        name="国庆节", start=first_monday, end=first_monday + dt.timedelta(days=4)
    )
    saturday = first_monday + dt.timedelta(days=5)
    DeclaredWorkday.objects.create(day=saturday)
    assert is_workday(first_monday) is False and is_workday(saturday) is True
    # Published the Friday before: five days off and one Saturday worked put the 20th working
    # day four working days (six calendar days, across a weekend) later.
    friday = first_monday - dt.timedelta(days=3)
    plain = filing_deadline(friday, is_workday=lambda d: d.weekday() < 5)
    assert filing_deadline(friday, is_workday=is_workday) == plain + dt.timedelta(days=6)
