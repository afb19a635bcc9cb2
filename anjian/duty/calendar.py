"""The work calendar: statutory holidays and adjusted working days, the county's local festivals
and seasons, and the work each period asks for (domain rules §8; mission capability 10).

Statutory holidays come from the `chinesecalendar` package (the State Council's yearly notice).
For a year the package does not cover yet, the county may enter the notice by hand
(`DeclaredHoliday`, `DeclaredWorkday`); with neither, the calendar refuses the year
(`UnsupportedYear`) rather than guess. Local festivals such as 三月三 are computed each year,
lunar ones through `lunardate`. Every holiday is the whole span of days off: the weekend days a
holiday runs into (与周末连休) belong to it (端午 2024 is 8–10 June).
"""

import datetime as dt
import functools
from dataclasses import dataclass, field

import chinese_calendar
from chinese_calendar.constants import Holiday as PackageHoliday
from django.utils import timezone
from django.utils.translation import gettext as _
from lunardate import LunarDate

from anjian.core import clock
from anjian.duty.models import (
    DateSystem,
    DeclaredHoliday,
    DeclaredWorkday,
    LocalFestival,
    PeriodWork,
    Season,
)

STATUTORY = "statutory"
LOCAL = "local"

# The package's English day names → the Chinese names of the State Council's notices.
CHINESE_NAMES = {
    PackageHoliday.new_years_day.value: "元旦",
    PackageHoliday.spring_festival.value: "春节",
    PackageHoliday.tomb_sweeping_day.value: "清明节",
    PackageHoliday.labour_day.value: "劳动节",
    PackageHoliday.dragon_boat_festival.value: "端午节",
    PackageHoliday.national_day.value: "国庆节",
    PackageHoliday.mid_autumn_festival.value: "中秋节",
    PackageHoliday.anti_fascist_70th_day.value: "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# How far around a year to look, so that a holiday crossing New Year keeps its whole extent.
_MARGIN = dt.timedelta(days=16)


class UnsupportedYear(ValueError):
    """No statutory holiday data for the year: neither the package nor the county's entries."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(year)

    def message(self) -> str:
        return _(
            "There are no statutory holidays for %(year)s yet: the holiday package covers "
            "%(first)s–%(last)s; the county admin can enter the State Council's notice "
            "for this year."
        ) % {"year": self.year, "first": PACKAGE_YEARS[0], "last": PACKAGE_YEARS[-1]}


def _package_years() -> tuple[int, ...]:
    from chinese_calendar.constants import holidays

    return tuple(sorted({day.year for day in holidays}))


PACKAGE_YEARS = _package_years()


@dataclass(frozen=True)
class Holiday:
    name: str
    start: dt.date
    end: dt.date
    kind: str  # "statutory" or "local"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def window(self) -> tuple[dt.datetime, dt.datetime]:
        """The holiday as [00:00 of the first day, 00:00 after the last day) in Asia/Shanghai."""
        tz = timezone.get_default_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "kind": self.kind,
        }


@dataclass(frozen=True)
class SeasonRange:
    season: Season
    start: dt.date
    end: dt.date


@dataclass
class YearCalendar:
    year: int
    holidays: list[Holiday]
    workdays: list[dt.date]
    source: str  # "package" or "declared"
    seasons: list[SeasonRange] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The API's shape: {"holidays": [...], "workdays": ["YYYY-MM-DD", ...]}."""
        return {
            "holidays": [h.as_dict() for h in self.holidays],
            "workdays": [d.isoformat() for d in self.workdays],
        }


def _declared_years() -> set[int]:
    return {d.year for d in DeclaredHoliday.objects.dates("start", "year")}


def year_source(year: int) -> str:
    """Where the year's statutory holidays come from; raises UnsupportedYear when nowhere."""
    if year in PACKAGE_YEARS:
        return "package"
    if year in _declared_years():
        return "declared"
    raise UnsupportedYear(year)


def _package_days(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """Days off named by the package within [first, last], where the package has the year."""
    days = {}
    day = first
    while day <= last:
        if day.year in PACKAGE_YEARS:
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
            if name is not None and on_holiday:
                days[day] = CHINESE_NAMES.get(name, name)
        day += dt.timedelta(days=1)
    return days


def _day_off(day: dt.date) -> bool:
    """Not a working day: a holiday, or a weekend day not made a working day (调休上班)."""
    if day.year in PACKAGE_YEARS:
        return not chinese_calendar.is_workday(day)
    return day.weekday() >= 5 and not DeclaredWorkday.objects.filter(day=day).exists()


def _with_weekends(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """A holiday widened by the days off it runs into: the State Council's notice joins a holiday
    to the weekend (与周末连休), so 端午 2024 (10 June) is 8–10 June (domain rules §8)."""
    one = dt.timedelta(days=1)
    while _day_off(start - one) and (start - one).weekday() >= 5:
        start -= one
    while _day_off(end + one) and (end + one).weekday() >= 5:
        end += one
    return start, end


def _widen(days: dict[dt.date, str]) -> dict[dt.date, str]:
    """Every named day off plus the weekend days off joined to it, carrying its name."""
    result = dict(days)
    for day in sorted(days):
        start, end = _with_weekends(day, day)
        current = start
        while current <= end:
            result.setdefault(current, days[day])
            current += dt.timedelta(days=1)
    return result


def _group(days: dict[dt.date, str]) -> list[Holiday]:
    """Contiguous days off → one period; two festivals that run together (中秋节 inside
    国庆节, 2025) make one period named like the notice: 国庆节、中秋节."""
    periods: list[list] = []
    for day in sorted(days):
        if periods and periods[-1][1] + dt.timedelta(days=1) == day:
            periods[-1][1] = day
            if days[day] not in periods[-1][2]:
                periods[-1][2].append(days[day])
        else:
            periods.append([day, day, [days[day]]])
    return [
        Holiday(name="、".join(names), start=a, end=b, kind=STATUTORY) for a, b, names in periods
    ]


def statutory_holidays(year: int, source: str = "") -> list[Holiday]:
    """The statutory holiday periods that touch `year` (a period crossing New Year is whole)."""
    if (source or year_source(year)) == "declared":
        return [
            Holiday(name=h.name, start=span[0], end=span[1], kind=STATUTORY)
            for h in DeclaredHoliday.objects.filter(end__year__gte=year, start__year__lte=year)
            for span in [_with_weekends(h.start, h.end)]
        ]
    return list(_package_holidays(year))


@functools.cache
def _package_holidays(year: int) -> tuple[Holiday, ...]:
    """The package's periods for `year`: fixed data, computed once per process (walking the
    year day by day costs tens of milliseconds, and the workbench asks on every page)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    periods = _group(_widen(_package_days(first - _MARGIN, last + _MARGIN)))
    return tuple(p for p in periods if p.end >= first and p.start <= last)


def adjusted_workdays(year: int, source: str = "") -> list[dt.date]:
    """The weekend days that are working days (调休上班) in `year`."""
    if (source or year_source(year)) == "declared":
        return list(DeclaredWorkday.objects.filter(day__year=year).values_list("day", flat=True))
    from chinese_calendar.constants import workdays

    return sorted(d for d in workdays if d.year == year and d.weekday() >= 5)


def festival_start(festival: LocalFestival, year: int) -> dt.date:
    """The festival's first day in `year` (lunar dates converted; ValueError if impossible)."""
    if festival.date_system == DateSystem.LUNAR:
        return LunarDate(year, festival.month, festival.day).to_solar_date()
    return dt.date(year, festival.month, festival.day)


def local_holidays(year: int) -> list[Holiday]:
    result = []
    for festival in LocalFestival.objects.filter(active=True):
        first = festival_start(festival, year)
        start, end = _with_weekends(first, first + dt.timedelta(days=festival.days - 1))
        result.append(Holiday(name=festival.name, start=start, end=end, kind=LOCAL))
    return result


def season_ranges(year: int) -> list[SeasonRange]:
    """Each season's stretches that touch `year` (a season crossing New Year gives two)."""
    result = []
    for season in Season.objects.all():
        for start_year in (year - 1, year):
            start = _month_day(start_year, season.start_month, season.start_day)
            end_year = start_year + 1 if season.crosses_year_end else start_year
            end = _month_day(end_year, season.end_month, season.end_day)
            if (
                end.year >= year
                and start.year <= year
                and (end >= dt.date(year, 1, 1))
                and (start <= dt.date(year, 12, 31))
            ):
                result.append(SeasonRange(season=season, start=start, end=end))
    return sorted(result, key=lambda r: (r.start, r.season.name))


def _month_day(year: int, month: int, day: int) -> dt.date:
    if month == 2 and day == 29:
        try:
            return dt.date(year, 2, 29)
        except ValueError:
            return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def seasons_on(day: dt.date) -> list[Season]:
    return [r.season for r in season_ranges(day.year) if r.start <= day <= r.end]


def year_calendar(year: int, *, full: bool = True) -> YearCalendar:
    """The year's holidays (statutory and local, by first day) and adjusted working days;
    with `full`, also the seasons (the page needs them, `next_holiday` does not)."""
    source = year_source(year)
    holidays = sorted(
        statutory_holidays(year, source) + local_holidays(year),
        key=lambda h: (h.start, h.kind != STATUTORY, h.name),
    )
    if not full:
        return YearCalendar(year=year, holidays=holidays, workdays=[], source=source)
    return YearCalendar(
        year=year,
        holidays=holidays,
        workdays=adjusted_workdays(year, source),
        source=source,
        seasons=season_ranges(year),
    )


def holidays_from(on: dt.date, *, years: int = 2) -> list[Holiday]:
    """Holidays that have not ended by `on`, in order, through the following year.

    Stops at the first year without statutory data: beyond it the order is unknown.
    """
    result = []
    for year in range(on.year, on.year + years):
        try:
            calendar = year_calendar(year, full=False)
        except UnsupportedYear:
            break
        result.extend(h for h in calendar.holidays if h.end >= on and h not in result)
    return sorted(result, key=lambda h: (h.start, h.name))


def next_holiday(on: dt.date | None = None) -> Holiday | None:
    """The holiday under way on `on`, or else the next one; None when the calendar runs out."""
    found = holidays_from(on or clock.today())
    return found[0] if found else None


def work_for(name: str, *, holiday: bool) -> list[PeriodWork]:
    """The work the county lists for a holiday (its own and every holiday's) or a season.

    A joint period (国庆节、中秋节) gets the work of each of its festivals.
    """
    names = set(name.split("、"))
    items = [
        w
        for w in _all_work()
        if w.period in names or (holiday and w.period == PeriodWork.EVERY_HOLIDAY)
    ]
    return sorted(items, key=lambda w: (w.timing != "before", w.ordering, w.pk))


def _all_work() -> list[PeriodWork]:
    return list(PeriodWork.objects.all())
