"""Roster gaps (§6): nobody on duty → `staff`; staff but no leader → `leader`; merged, clipped."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anjian.duty.gaps import COVERED, gaps, segments, uncovered

TZ = ZoneInfo("Asia/Shanghai")


@dataclass
class S:
    starts_at: dt.datetime
    ends_at: dt.datetime
    leader: str = "韦局长"
    staff: str = "李明"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=TZ)


def shape(result):
    return [(g.starts_at, g.ends_at, g.missing) for g in result]


CASES = [
    ("one shift covers all", [S(at(1, 0), at(2, 0))], []),
    ("no shifts: one staff gap", [], [(at(1, 0), at(2, 0), "staff")]),
    ("touching shifts leave no gap", [S(at(1, 0), at(1, 12)), S(at(1, 12), at(2, 0))], []),
    ("overlapping shifts leave no gap", [S(at(1, 0), at(1, 14)), S(at(1, 10), at(2, 0))], []),
    (
        "a hole between shifts is a staff gap",
        [S(at(1, 0), at(1, 8)), S(at(1, 9), at(2, 0))],
        [(at(1, 8), at(1, 9), "staff")],
    ),
    (
        "uncovered start and end",
        [S(at(1, 6), at(1, 18))],
        [(at(1, 0), at(1, 6), "staff"), (at(1, 18), at(2, 0), "staff")],
    ),
    (
        "staff without leader is a leader gap",
        [S(at(1, 0), at(1, 12)), S(at(1, 12), at(2, 0), leader="")],
        [(at(1, 12), at(2, 0), "leader")],
    ),
    (
        "adjacent leaderless shifts merge into one gap",
        [
            S(at(1, 0), at(1, 8), leader=""),
            S(at(1, 8), at(1, 16), leader=""),
            S(at(1, 16), at(2, 0)),
        ],
        [(at(1, 0), at(1, 16), "leader")],
    ),
    (
        "a leader in an overlapping shift fills the leader gap",
        [S(at(1, 0), at(2, 0), leader=""), S(at(1, 8), at(1, 20), staff="")],
        [(at(1, 0), at(1, 8), "leader"), (at(1, 20), at(2, 0), "leader")],
    ),
    (
        "a leader alone is still a staff gap",
        [S(at(1, 0), at(1, 12)), S(at(1, 12), at(2, 0), staff="")],
        [(at(1, 12), at(2, 0), "staff")],
    ),
    (
        "night shifts across midnight",
        [S(at(1, 0), at(1, 8)), S(at(1, 8), at(1, 20)), S(at(1, 20), at(2, 8))],
        [],
    ),
    (
        "a missing night across midnight is one gap",
        [S(at(1, 0), at(1, 20))],
        [(at(1, 20), at(2, 0), "staff")],
    ),
    (
        "staff gap next to leader gap stay apart",
        [S(at(1, 0), at(1, 8)), S(at(1, 12), at(2, 0), leader="")],
        [(at(1, 8), at(1, 12), "staff"), (at(1, 12), at(2, 0), "leader")],
    ),
    (
        "shifts outside the roster are clipped",
        [
            S(at(1, 0) - dt.timedelta(hours=5), at(1, 4)),
            S(at(1, 4), at(2, 0) + dt.timedelta(hours=9)),
        ],
        [],
    ),
    (
        "blank staff counts as nobody",
        [S(at(1, 0), at(2, 0), staff="  ")],
        [(at(1, 0), at(2, 0), "staff")],
    ),
]


@pytest.mark.parametrize("name,shifts,expected", CASES, ids=[c[0] for c in CASES])
def test_gaps_table(name, shifts, expected):
    assert shape(gaps(at(1, 0), at(2, 0), shifts)) == expected


def test_shift_order_does_not_matter():
    shifts = [S(at(1, 12), at(2, 0), leader=""), S(at(1, 0), at(1, 8))]
    assert shape(gaps(at(1, 0), at(2, 0), shifts)) == shape(
        gaps(at(1, 0), at(2, 0), list(reversed(shifts)))
    )


def test_an_empty_period_has_no_gaps():
    assert gaps(at(1, 0), at(1, 0), [S(at(1, 0), at(2, 0))]) == []


def test_gaps_compare_instants_across_time_zones():
    utc = dt.UTC
    shifts = [
        S(dt.datetime(2026, 11, 30, 16, 0, tzinfo=utc), dt.datetime(2026, 12, 1, 16, 0, tzinfo=utc))
    ]
    assert gaps(at(1, 0), at(2, 0), shifts) == []


def test_uncovered_window_parts():
    assert uncovered(at(1, 0), at(3, 0), [(at(1, 0), at(2, 0)), (at(2, 6), at(4, 0))]) == [
        (at(2, 0), at(2, 6))
    ]
    assert uncovered(at(1, 0), at(2, 0), []) == [(at(1, 0), at(2, 0))]
    assert uncovered(at(1, 0), at(2, 0), [(at(1, 0) - dt.timedelta(days=1), at(3, 0))]) == []


hours = st.integers(min_value=-6, max_value=54)
shift_strategy = st.builds(
    lambda a, length, leader, staff: S(
        at(1, 0) + dt.timedelta(hours=a),
        at(1, 0) + dt.timedelta(hours=a + length),
        leader="韦" if leader else "",
        staff="李" if staff else "",
    ),
    hours,
    st.integers(min_value=1, max_value=30),
    st.booleans(),
    st.booleans(),
)


def _brute(instant, shifts):
    active = [s for s in shifts if s.starts_at <= instant < s.ends_at]
    if not any(s.staff for s in active):
        return "staff"
    if not any(s.leader for s in active):
        return "leader"
    return COVERED


@settings(max_examples=200, deadline=None)
@given(st.lists(shift_strategy, max_size=8))
def test_gaps_and_covered_partition_the_roster_period(shifts):
    start, end = at(1, 0), at(3, 0)
    parts = segments(start, end, shifts)
    # Contiguous from start to end: gaps ∪ covered = the roster period, without overlaps.
    assert parts[0].starts_at == start and parts[-1].ends_at == end
    for left, right in zip(parts, parts[1:], strict=False):
        assert left.ends_at == right.starts_at
        assert left.missing != right.missing  # merged
    # Each half hour is classified as a brute-force check says.
    for part in parts:
        probe = part.starts_at
        while probe < part.ends_at:
            assert _brute(probe, shifts) == part.missing
            probe += dt.timedelta(minutes=30)
    assert shape(gaps(start, end, shifts)) == [
        (p.starts_at, p.ends_at, p.missing) for p in parts if p.missing != COVERED
    ]
