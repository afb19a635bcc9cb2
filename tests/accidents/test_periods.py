import datetime as dt

import pytest

from anjian.core.periods import Period, PeriodError, parse_period


@pytest.mark.parametrize(
    "text,start,end,label",
    [
        ("2024-03", dt.date(2024, 3, 1), dt.date(2024, 3, 31), "2024年3月"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024年2月"),
        ("2024-12", dt.date(2024, 12, 1), dt.date(2024, 12, 31), "2024年12月"),
        ("2024-Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31), "2024年一季度"),
        ("2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31), "2024年四季度"),
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "2024年"),
    ],
)
def test_periods_parse_to_calendar_bounds(text, start, end, label):
    period = parse_period(text)
    assert (period.start, period.end, period.label, str(period)) == (start, end, label, text)


@pytest.mark.parametrize(
    "text", ["2024-13", "2024-00", "2024-Q5", "24-03", "2024-3", "", "abc", "2024-03-01"]
)
def test_bad_periods_are_refused(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_bounds_are_utc_of_shanghai_midnight():
    start, end = parse_period("2024-03").bounds()
    assert start == dt.datetime(2024, 2, 29, 16, 0, tzinfo=dt.UTC)
    assert end == dt.datetime(2024, 3, 31, 16, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "text,previous_year,previous",
    [
        ("2024-03", "2023-03", "2024-02"),
        ("2024-01", "2023-01", "2023-12"),
        ("2024-Q1", "2023-Q1", "2023-Q4"),
        ("2024-Q3", "2023-Q3", "2024-Q2"),
        ("2024", "2023", "2023"),
    ],
)
def test_previous_year_and_previous_period(text, previous_year, previous):
    period = parse_period(text)
    assert str(period.previous_year()) == previous_year
    assert str(period.previous()) == previous


def test_period_is_hashable_and_ordered():
    assert Period(2024, "month", 3) == parse_period("2024-03")
