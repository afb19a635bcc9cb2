"""Tailings pond rules as pure functions (domain-rules §12), each with its clause.

The figures (class bands, aggregation counts) come in as arguments: they are versioned rule
settings (`core.rules`: `mines.pond_class_bands`, `mines.alarm_aggregation`) the county admin
can change, because GB 39496-2020's own table and the full pond-level rule were not retrieved.
"""

import datetime as dt
from collections.abc import Iterable, Sequence

# Alarm levels, lowest first; None = no alarm (GB 39496-2020 §5.5.4: 蓝 < 黄 < 橙 < 红).
LEVELS = ("blue", "yellow", "orange", "red")
RANK = {None: 0, "blue": 1, "yellow": 2, "orange": 3, "red": 4}

# Items whose danger grows with the value (alarm when value ≥ threshold) and those whose danger
# grows as the value falls (alarm when value ≤ threshold: a shallower phreatic line, a shorter
# dry beach, a smaller freeboard).
RISING = ("water_level", "displacement", "rainfall")
FALLING = ("phreatic_depth", "beach_length", "freeboard")


def level_of(rank: int) -> str | None:
    return None if rank <= 0 else LEVELS[min(rank, 4) - 1]


def _class_of(value: float, bounds: Sequence[float]) -> int:
    """AQ 2006-2005 table: 二 ≥ bounds[0]; 三 ≥ bounds[1]; 四 ≥ bounds[2]; else 五 ("以上"
    includes the number, "以下"/"<" excludes it)."""
    for index, bound in enumerate(bounds):
        if value >= bound:
            return 2 + index
    return 5


def class_by_capacity(v: float, bands: dict) -> int:
    """The class by V, 全库容 in 10⁴ m³ (AQ 2006-2005 table; §12)."""
    return _class_of(v, bands["v"])


def class_by_height(h: float, bands: dict) -> int:
    """The class by H, dam height in m (AQ 2006-2005 table; §12)."""
    return _class_of(h, bands["h"])


def combine(by_v: int, by_h: int) -> int:
    """§12 combination rule: classes one apart → the higher (smaller number); further apart →
    the higher one lowered by one class. V=500 (四) & H=65 (三) → 三; V=50 (五) & H=70 (三) → 四."""
    high, low = min(by_v, by_h), max(by_v, by_h)
    return high if low - high <= 1 else high + 1


def pond_class(v: float, h: float, bands: dict, *, raised: bool = False) -> int:
    """尾矿库等别 (1–5). `raised`: the class was raised by one after 论证 because a failure would
    seriously harm important downstream towns, plants, trunk railways or expressways; a 二等库
    so raised is 一等 ("二等库具备提高等别条件者"), and nothing goes above 一等."""
    result = combine(class_by_capacity(v, bands), class_by_height(h, bands))
    return max(1, result - 1) if raised else result


def is_overhead(downstream_within_1km: int | None) -> bool:
    """头顶库 (应急〔2020〕15号): residents or important facilities within 1 km along the tailings
    flow path below the starter-dam toe; true when the count is > 0."""
    return bool(downstream_within_1km and downstream_within_1km > 0)


def reading_alarm(item: str, value: float, thresholds: dict) -> str | None:
    """The level one reading reaches against its point's design thresholds (§5.5.4: set by the
    design unit, no national numbers). Rising items alarm at value ≥ threshold, falling items
    at value ≤ threshold; the highest level reached wins; a missing threshold never fires."""
    found = None
    for level in LEVELS:
        bound = thresholds.get(level)
        if bound is None:
            continue
        if (value >= bound) if item not in FALLING else (value <= bound):
            found = level
    return found


def item_alarm(point_levels: Iterable[str | None], counts: dict) -> str | None:
    """One item's level from its points' levels (§12 aggregation): the worst point, raised to
    黄 when `counts["blue"]` points are at 蓝 or above, to 橙 when `counts["yellow"]` are at 黄
    or above, to 红 when `counts["orange"]` are at 橙 or above."""
    ranks = [RANK[level] for level in point_levels]
    rank = max(ranks, default=0)
    for at, raises_to in (("blue", 2), ("yellow", 3), ("orange", 4)):
        if sum(1 for r in ranks if r >= RANK[at]) >= counts[at]:
            rank = max(rank, raises_to)
    return level_of(rank)


def pond_alarm(item_levels: Iterable[str | None], counts: dict) -> str | None:
    """A pond's level from its items' levels: the worst item; `counts["items_blue"]` items at 蓝
    (or above) count as one item at 黄. The rest of the standard's pond rule was not read
    (UNVERIFIED, domain-rules §12)."""
    ranks = [RANK[level] for level in item_levels]
    rank = max(ranks, default=0)
    if sum(1 for r in ranks if r >= 1) >= counts["items_blue"]:
        rank = max(rank, 2)
    return level_of(rank)


def thresholds_ordered(item: str, thresholds: dict) -> bool:
    """The given thresholds step the right way: rising items blue < yellow < orange < red,
    falling items blue > yellow > orange > red."""
    given = [thresholds[level] for level in LEVELS if thresholds.get(level) is not None]
    pairs = list(zip(given, given[1:], strict=False))
    if item in FALLING:
        return all(a > b for a, b in pairs)
    return all(a < b for a, b in pairs)


def flood_season_start(year: int, season: dict) -> dt.date:
    """The county's flood-season start in `year` from the rule `mines.flood_season` ("MM-DD",
    default 04-01, domain-rules §12); a 02-29 start falls on 03-01 in a common year."""
    month, day = (int(part) for part in season["start"].split("-"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, 3, 1)


def flood_routing_missing(*, today: dt.date, start: dt.date, routed_on) -> bool:
    """§12: "a missing 汛前调洪演算 by the county's flood-season start date is a hazard". From the
    start day on (the start day included: the routing must be done before the season opens), a
    year's check without a routing date is missing; before the start nothing is missing yet."""
    return today >= start and routed_on is None


CHECKLIST = ("drainage_clear", "freeboard_beach_ok", "materials_ready", "monitoring_working")


def flood_check_open_items(checklist: dict) -> list[str]:
    """The checklist items not yet met (GB 39496-2020 §6.4: drainage clear, freeboard and beach
    as designed, emergency materials, monitoring working), in the checklist's order."""
    return [item for item in CHECKLIST if not checklist.get(item)]


def void_is_hazard(treatment: str) -> bool:
    """§12 "closed loop": each untreated mined-out area (采空区) is a hazard under §2; one that is
    filled (充填), caved (崩落), sealed (封闭) or isolated (隔离) is not."""
    return treatment == "untreated"


SMALL_QUARRY_MAX_T = 500_000


def is_small_quarry(annual_output_t: int) -> bool:
    """原安监总局令第39号 Art. 2: a small open-pit quarry produces at most 500,000 t a year
    ("50万吨以下" read as including 500,000)."""
    return 0 <= annual_output_t <= SMALL_QUARRY_MAX_T


BANNED_BLASTING = ("pot_hole", "undercut", "undermining", "one_wall")


def blasting_problem(method: str, demonstration: str) -> str | None:
    """Art. 13: 中深孔 is allowed; 浅孔 only with an expert 论证 record ("needs_demonstration");
    扩壶爆破, 掏底崩落, 掏挖开采 and the unbenched 一面墙 are banned ("banned")."""
    if method in BANNED_BLASTING:
        return "banned"
    if method == "shallow_hole" and not (demonstration or "").strip():
        return "needs_demonstration"
    return None
