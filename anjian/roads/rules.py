"""Road rules as pure functions (domain-rules §17)."""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class Point:
    """A fatal or other accident with where and when it happened."""

    key: int
    lng: float
    lat: float
    day: dt.date
    deaths: int


def distance_m(a: Point, b: Point) -> float:
    """Great-circle distance in metres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lng - a.lng)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def fatal_clusters(points: Sequence[Point], *, accidents: int, metres: int, days: int) -> list[set]:
    """Accident-cluster alert (§17 default, Zhejiang's trigger): at least `accidents` fatal
    accidents within `metres` (以内: the distance itself counts) of one of them and within a
    window of `days` consecutive days (the first and last at most `days` − 1 days apart).
    Returns the clusters as sets of keys, each the largest around its anchor, without
    duplicates or clusters contained in another."""
    fatal = sorted((p for p in points if p.deaths > 0), key=lambda p: (p.day, p.key))
    found: list[set] = []
    for anchor in fatal:
        near = [p for p in fatal if distance_m(anchor, p) <= metres]
        for start in near:
            window = {p.key for p in near if 0 <= (p.day - start.day).days <= days - 1}
            if len(window) >= accidents and not any(window <= other for other in found):
                found = [other for other in found if not other <= window]
                found.append(window)
    return found


def overlaps(a_from: float, a_to: float, b_from: float, b_to: float) -> bool:
    """Two chainage intervals on the same road share at least one point."""
    return min(a_from, a_to) <= max(b_from, b_to) and min(b_from, b_to) <= max(a_from, a_to)
