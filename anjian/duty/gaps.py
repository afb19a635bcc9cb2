"""Roster gaps (domain rules §6; 493 Art. 18, 708 Art. 14): holiday duty needs staff around the
clock and a leader on duty (领导带班). Pure functions over aware datetimes; no database.

An interval of the roster period with no shift that has staff is a `staff` gap (even when a
leader is listed); an interval with staff but no leader is a `leader` gap. Overlapping and
touching shifts count together, so cover may pass from one shift to the next, across midnight
or any other boundary; adjacent intervals of the same kind merge into one gap.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

COVERED = "covered"
STAFF = "staff"
LEADER = "leader"


class ShiftLike(Protocol):
    starts_at: dt.datetime
    ends_at: dt.datetime
    leader: str
    staff: str


@dataclass(frozen=True)
class Segment:
    starts_at: dt.datetime
    ends_at: dt.datetime
    missing: str  # "staff", "leader" or "covered"

    def as_dict(self) -> dict:
        return {"starts_at": self.starts_at, "ends_at": self.ends_at, "missing": self.missing}


def _kind(staffed: bool, led: bool) -> str:
    if not staffed:
        return STAFF
    if not led:
        return LEADER
    return COVERED


def segments(starts_at: dt.datetime, ends_at: dt.datetime, shifts) -> list[Segment]:
    """The roster period cut into maximal segments, each covered or missing staff/leader.

    The segments run from `starts_at` to `ends_at` without holes or overlaps, and no two
    neighbours share a kind. Shifts outside the period are clipped to it.
    """
    if ends_at <= starts_at:
        return []
    cuts = {starts_at, ends_at}
    clipped = []
    for shift in shifts:
        a, b = max(shift.starts_at, starts_at), min(shift.ends_at, ends_at)
        if a < b:
            clipped.append(
                (a, b, bool((shift.staff or "").strip()), bool((shift.leader or "").strip()))
            )
            cuts.update((a, b))
    points = sorted(cuts)
    result: list[Segment] = []
    for a, b in zip(points, points[1:], strict=False):
        active = [(staffed, led) for (s, e, staffed, led) in clipped if s <= a and b <= e]
        kind = _kind(any(s for s, _ in active), any(led for _, led in active))
        if result and result[-1].missing == kind:
            result[-1] = Segment(result[-1].starts_at, b, kind)
        else:
            result.append(Segment(a, b, kind))
    return result


def gaps(starts_at: dt.datetime, ends_at: dt.datetime, shifts) -> list[Segment]:
    """The roster's gaps: the segments missing staff or a leader, merged, in time order."""
    return [s for s in segments(starts_at, ends_at, shifts) if s.missing != COVERED]


def uncovered(
    window_start: dt.datetime,
    window_end: dt.datetime,
    periods: list[tuple[dt.datetime, dt.datetime]],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The parts of [window_start, window_end) that none of `periods` covers (filing overview)."""
    holes, cursor = [], window_start
    for a, b in sorted(periods):
        if b <= cursor:
            continue
        if a > cursor:
            holes.append((cursor, min(a, window_end)))
        cursor = max(cursor, b)
        if cursor >= window_end:
            break
    if cursor < window_end:
        holes.append((cursor, window_end))
    return [(a, b) for a, b in holes if a < b]
