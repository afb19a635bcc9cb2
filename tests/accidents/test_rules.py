"""The regulation's thresholds, deadlines and windows, at every boundary (493号令)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from anjian.accidents.rules import (
    accident_grade,
    forwarding_deadlines,
    is_large_dangerous_occurrence,
    report_late,
    revision_in_window,
)
from anjian.core.gb6441 import ACCIDENT_TYPES, parse_accident_type

LOSS = Decimal


@pytest.mark.parametrize(
    "deaths,serious,loss,grade",
    [
        # deaths (dead + missing): 以上 includes the number
        (0, 0, 0, "general"),
        (2, 0, 0, "general"),
        (3, 0, 0, "large"),
        (9, 0, 0, "large"),
        (10, 0, 0, "major"),
        (29, 0, 0, "major"),
        (30, 0, 0, "extraordinary"),
        # serious injuries
        (0, 9, 0, "general"),
        (0, 10, 0, "large"),
        (0, 49, 0, "large"),
        (0, 50, 0, "major"),
        (0, 99, 0, "major"),
        (0, 100, 0, "extraordinary"),
        # direct loss in 元
        (0, 0, LOSS("9999999.99"), "general"),
        (0, 0, LOSS("10000000"), "large"),
        (0, 0, LOSS("49999999.99"), "large"),
        (0, 0, LOSS("50000000"), "major"),
        (0, 0, LOSS("99999999.99"), "major"),
        (0, 0, LOSS("100000000"), "extraordinary"),
        # the highest criterion wins
        (2, 50, LOSS("10000000"), "major"),
        (30, 0, 0, "extraordinary"),
        (1, 9, LOSS("10000000"), "large"),
    ],
)
def test_grade_at_every_threshold(deaths, serious, loss, grade):
    assert accident_grade(deaths=deaths, serious_injuries=serious, direct_loss=loss) == grade


BASE = dt.datetime(2024, 3, 5, 14, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "delay,late",
    [
        (dt.timedelta(0), False),
        (dt.timedelta(minutes=59, seconds=59), False),
        (dt.timedelta(minutes=60), False),
        (dt.timedelta(minutes=60, seconds=1), True),
        (dt.timedelta(hours=5), True),
    ],
)
def test_late_only_after_sixty_minutes(delay, late):
    assert report_late(occurred_at=BASE, reported_at=BASE + delay) is late


SHANGHAI = dt.timezone(dt.timedelta(hours=8))
WINDOWS = {"default": 30, "road_traffic": 7, "fire": 7}


def cst(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    "sector,occurred,at,inside",
    [
        # 民法典 Art. 201: the day of the accident is not counted; Art. 203: the last day ends at 24:00.
        ("construction", cst(2024, 3, 1, 20, 0), cst(2024, 3, 31, 22, 0), True),  # domain rules §1
        (
            "construction",
            cst(2024, 3, 1, 20, 0),
            cst(2024, 3, 31, 23, 59),
            True,
        ),  # day 30, last minute
        (
            "construction",
            cst(2024, 3, 1, 20, 0),
            cst(2024, 4, 1, 0, 0),
            False,
        ),  # day 31, first minute
        # more than 30 × 24 hours after an early-morning accident, still on day 30
        ("industry_trade", cst(2024, 3, 1, 0, 5), cst(2024, 3, 31, 23, 0), True),
        ("road_traffic", cst(2024, 3, 1, 23, 30), cst(2024, 3, 8, 23, 59), True),  # day 7
        ("road_traffic", cst(2024, 3, 1, 23, 30), cst(2024, 3, 9, 0, 0), False),  # day 8
        ("fire", cst(2024, 3, 1, 8, 0), cst(2024, 3, 8, 23, 59, 59), True),
        ("fire", cst(2024, 3, 1, 8, 0), cst(2024, 3, 9, 0, 0, 1), False),
        # a UTC time late in the evening is already the next day in Asia/Shanghai
        (
            "construction",
            dt.datetime(2024, 3, 1, 17, 0, tzinfo=dt.UTC),  # 3-2 01:00 CST
            dt.datetime(2024, 4, 1, 15, 59, tzinfo=dt.UTC),
            True,
        ),  # 4-1 23:59 CST, day 30
    ],
)
def test_supplementary_window_counts_calendar_days(sector, occurred, at, inside):
    assert (
        revision_in_window(occurred_at=occurred, at=at, sector_code=sector, days_by_sector=WINDOWS)
        is inside
    )


@pytest.mark.parametrize(
    "grade,levels",
    [
        ("general", ["city"]),
        ("large", ["city", "province"]),
        ("major", ["city", "province", "state"]),
        ("extraordinary", ["city", "province", "state"]),
    ],
)
def test_forwarding_two_hours_per_level(grade, levels):
    deadlines = forwarding_deadlines(grade=grade, reported_at=BASE)
    assert [lvl for lvl, _ in deadlines] == levels
    assert [due - BASE for _, due in deadlines] == [
        dt.timedelta(hours=2 * (i + 1)) for i in range(len(levels))
    ]


@pytest.mark.parametrize(
    "endangered,trapped,evacuated,threat,expected",
    [
        (9, 2, 499, False, False),
        (10, 0, 0, False, True),
        (0, 3, 0, False, True),
        (0, 0, 500, False, True),
        (0, 0, 0, True, True),
    ],
)
def test_large_dangerous_occurrence_criteria(endangered, trapped, evacuated, threat, expected):
    assert (
        is_large_dangerous_occurrence(
            endangered=endangered,
            trapped=trapped,
            evacuated=evacuated,
            key_facilities_threatened=threat,
        )
        is expected
    )


def test_gb6441_has_twenty_types_in_order():
    assert len(ACCIDENT_TYPES) == 20
    assert ACCIDENT_TYPES[0] == ("01", "物体打击") and ACCIDENT_TYPES[8] == ("09", "高处坠落")
    assert ACCIDENT_TYPES[-1] == ("20", "其他伤害")


@pytest.mark.parametrize(
    "value,code",
    [
        ("高处坠落", "09"),
        ("09", "09"),
        ("9", "09"),
        (9, "09"),
        (9.0, "09"),
        (" 车辆伤害 ", "02"),
    ],
)
def test_accident_type_by_name_or_code(value, code):
    assert parse_accident_type(value) == code


@pytest.mark.parametrize("value", ["21", "坠落", "", None])
def test_unknown_accident_type_is_refused_in_chinese(value):
    with pytest.raises(ValidationError):
        parse_accident_type(value)
