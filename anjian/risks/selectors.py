"""Reads of the risk register, always through the caller's jurisdiction."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from anjian.accounts.models import Division, DivisionLevel
from anjian.core import clock
from anjian.core.scoping import get_in_scope, scope_queryset
from anjian.registry import selectors as registry
from anjian.registry.models import Enterprise
from anjian.risks import rules
from anjian.risks.models import RANK_LEVEL, RiskBands, RiskPoint, TownOutline, level_rank


def bands_in_force(
    *, sector_id: int | None, method: str, on: dt.date | None = None
) -> RiskBands | None:
    """The sector's newest bands effective on `on`, else the county default; None: built-in."""
    day = on or clock.today()
    candidates = RiskBands.objects.filter(method=method, effective_on__lte=day)
    if sector_id:
        found = candidates.filter(sector_id=sector_id).order_by("-effective_on", "-version").first()
        if found:
            return found
    return candidates.filter(sector__isnull=True).order_by("-effective_on", "-version").first()


def bands_history() -> QuerySet:
    """Every version of the bands, newest first within each sector and method."""
    return RiskBands.objects.select_related("sector", "created_by")


def risk_point_list(
    *,
    actor,
    town: str = "",
    sector: str = "",
    level: str = "",
    method: str = "",
    enterprise: int | None = None,
    q: str = "",
    public: bool | None = None,
) -> QuerySet:
    """The risk points the actor may see, filtered (town and sector by code)."""
    qs = scope_queryset(RiskPoint.objects.all(), actor)
    if town:
        qs = qs.filter(town__code=town)
    if sector:
        qs = qs.filter(sector__code=sector)
    if level:
        qs = qs.filter(level=level)
    if method:
        qs = qs.filter(method=method)
    if enterprise:
        qs = qs.filter(enterprise_id=enterprise)
    if public is not None:
        qs = qs.filter(enterprise__isnull=public)
    if q:
        qs = qs.search(q)
    return qs.select_related("enterprise", "town", "sector")


def risk_point_get_for(*, actor, pk) -> RiskPoint:
    return get_in_scope(
        RiskPoint.objects.select_related("enterprise", "town", "sector", "bands"), actor, pk=pk
    )


def top_rank() -> Coalesce:
    """SQL: an enterprise's highest risk rank (4 major … 1 low, 0 not assessed)."""
    ranks = (
        RiskPoint.objects.filter(enterprise=OuterRef("pk"))
        .annotate(rank=level_rank())
        .order_by("-rank")
        .values("rank")[:1]
    )
    return Coalesce(Subquery(ranks, output_field=IntegerField()), Value(0))


def enterprises_with_level(*, actor, town: str = "", sector: str = "") -> QuerySet:
    """Enterprises in scope annotated with `top` (their overall risk rank, computed in SQL)."""
    return registry.enterprise_list(actor=actor, town=town, sector=sector).annotate(top=top_rank())


def enterprise_level(enterprise: Enterprise) -> str | None:
    """One enterprise's overall level (its highest risk point), or None if not assessed."""
    rank = RiskPoint.objects.filter(enterprise=enterprise).aggregate(top=Max(level_rank()))["top"]
    return RANK_LEVEL.get(rank or 0)


@dataclass
class LevelCounts:
    major: int = 0
    large: int = 0
    general: int = 0
    low: int = 0
    none: int = 0

    @property
    def total(self) -> int:
        return self.major + self.large + self.general + self.low + self.none


def _counts(rows, key: str) -> LevelCounts:
    counts = LevelCounts()
    for row in rows:
        setattr(counts, RANK_LEVEL.get(row[key], "none") if key == "top" else row[key], row["n"])
    return counts


@dataclass
class WatchRow:
    code: str
    name: str
    major: int
    large: int


@dataclass
class WatchList:
    enterprises: QuerySet
    by_sector: list[WatchRow] = field(default_factory=list)
    by_town: list[WatchRow] = field(default_factory=list)
    public_points: QuerySet | None = None


def watch_list(*, actor, town: str = "", sector: str = "") -> WatchList:
    """The high-risk watch-list: enterprises whose highest level is major or large, with the
    counts per sector and per town aggregated in the database."""
    high = Q(top__gte=rules.LEVEL_RANK[rules.LARGE])
    base = enterprises_with_level(actor=actor, town=town, sector=sector).filter(high)

    def grouped(code: str, name: str) -> list[WatchRow]:
        rows = (
            base.order_by()
            .values(code, name)
            .annotate(
                major=Count("pk", filter=Q(top=rules.LEVEL_RANK[rules.MAJOR])),
                large=Count("pk", filter=Q(top=rules.LEVEL_RANK[rules.LARGE])),
            )
            .order_by("-major", "-large", code)
        )
        return [WatchRow(r[code], r[name], r["major"], r["large"]) for r in rows]

    return WatchList(
        enterprises=base.order_by("-top", "town__ordering", "name", "pk"),
        by_sector=grouped("sector__code", "sector__name"),
        by_town=grouped("town__code", "town__name"),
        public_points=risk_point_list(actor=actor, town=town, sector=sector, public=True)
        .filter(level__in=[rules.MAJOR, rules.LARGE])
        .with_rank()
        .order_by("-rank", "name"),
    )


@dataclass
class MapData:
    enterprises: list[dict]
    public_points: list[dict]
    outlines: list[TownOutline]
    enterprise_counts: LevelCounts
    public_counts: LevelCounts
    without_coordinates: int


def map_data(*, actor, town: str = "", sector: str = "") -> MapData:
    """What the four-colour map draws: a constant number of queries whatever the data."""
    enterprises = enterprises_with_level(actor=actor, town=town, sector=sector)
    public = risk_point_list(actor=actor, town=town, sector=sector, public=True)
    located = Q(lng__isnull=False, lat__isnull=False)
    return MapData(
        enterprises=list(
            enterprises.filter(located)
            .order_by("top", "pk")
            .values("pk", "name", "lng", "lat", "top", "town__name", "sector__name")
        ),
        public_points=list(
            public.order_by("pk").values(
                "pk", "name", "location", "lng", "lat", "level", "town__name", "sector__name"
            )
        ),
        outlines=list(TownOutline.objects.select_related("town")),
        enterprise_counts=_counts(
            enterprises.order_by().values("top").annotate(n=Count("pk")), "top"
        ),
        public_counts=_counts(public.order_by().values("level").annotate(n=Count("pk")), "level"),
        without_coordinates=enterprises.exclude(located).count(),
    )


def enterprise_board(*, actor, enterprise_pk) -> tuple[Enterprise, QuerySet]:
    """An enterprise and its points, highest level first (the risk notice board)."""
    enterprise = registry.enterprise_get_for(actor=actor, pk=enterprise_pk)
    points = (
        risk_point_list(actor=actor, enterprise=enterprise.pk)
        .with_rank()
        .order_by("-rank", "name", "pk")
    )
    return enterprise, points


@dataclass
class CountyArea:
    """One county on a city's or province's map: its units per level and its public points."""

    code: str
    name: str
    enterprise_counts: LevelCounts
    public: int
    level: str  # the highest level of its units and public points, or "none"
    outlines: list[TownOutline]


@dataclass
class CountyMapData:
    counties: list[CountyArea]
    enterprise_counts: LevelCounts
    public_counts: LevelCounts
    without_coordinates: int = 0


def county_map_data(*, actor, division: Division, sector: str = "") -> CountyMapData:
    """The map of a city or province: one area per county of `division`, coloured by the
    county's highest risk level. Four queries whatever the number of counties or units."""
    counties = list(
        Division.objects.filter(level=DivisionLevel.COUNTY, path__startswith=division.path)
    )
    ranks = {rank: level for level, rank in rules.LEVEL_RANK.items()}
    per_level = {level: Count("pk", filter=Q(top=rank)) for level, rank in rules.LEVEL_RANK.items()}
    units = {
        row["town__county_id"]: row
        for row in enterprises_with_level(actor=actor, sector=sector)
        .order_by()
        .values("town__county_id")
        .annotate(**per_level, none=Count("pk", filter=Q(top=0)))
    }
    public = {
        (row["town__county_id"], row["level"]): row["n"]
        for row in risk_point_list(actor=actor, sector=sector, public=True)
        .order_by()
        .values("town__county_id", "level")
        .annotate(n=Count("pk"))
    }
    outlines: dict[int, list[TownOutline]] = {}
    for outline in TownOutline.objects.filter(town__county__in=counties).select_related("town"):
        outlines.setdefault(outline.town.county_id, []).append(outline)
    areas, total, public_total = [], LevelCounts(), LevelCounts()
    for county in counties:
        row = units.get(county.pk, {})
        counts = LevelCounts(**{level: row.get(level, 0) for level in (*rules.LEVELS, "none")})
        top = max(
            [rules.LEVEL_RANK[level] for level in rules.LEVELS if getattr(counts, level)]
            + [rules.LEVEL_RANK[level] for (pk, level) in public if pk == county.pk],
            default=0,
        )
        for level in (*rules.LEVELS, "none"):
            setattr(total, level, getattr(total, level) + getattr(counts, level))
        for level in rules.LEVELS:
            n = public.get((county.pk, level), 0)
            setattr(public_total, level, getattr(public_total, level) + n)
        areas.append(
            CountyArea(
                code=county.code,
                name=county.name,
                enterprise_counts=counts,
                public=sum(n for (pk, _level), n in public.items() if pk == county.pk),
                level=ranks.get(top, "none"),
                outlines=outlines.get(county.pk, []),
            )
        )
    return CountyMapData(counties=areas, enterprise_counts=total, public_counts=public_total)
