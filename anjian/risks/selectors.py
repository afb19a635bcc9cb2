"""Reads of the risk register, always through the caller's jurisdiction."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from anjian.core import clock
from anjian.core.scoping import get_in_scope, scope_queryset
from anjian.registry import selectors as registry
from anjian.registry.models import Enterprise
from anjian.risks import rules
from anjian.risks.models import RANK_LEVEL, RiskBands, RiskPoint, TownOutline, level_rank


def bands_in_force(*, sector_id: int | None, method: str, on: dt.date | None = None
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


def risk_point_list(*, actor, town: str = "", sector: str = "", level: str = "", method: str = "",
                    enterprise: int | None = None, q: str = "", public: bool | None = None
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
    return get_in_scope(RiskPoint.objects.select_related("enterprise", "town", "sector", "bands"),
                        actor, pk=pk)


def top_rank() -> Coalesce:
    """SQL: an enterprise's highest risk rank (4 major … 1 low, 0 not assessed)."""
    ranks = (RiskPoint.objects.filter(enterprise=OuterRef("pk")).annotate(rank=level_rank())
             .order_by("-rank").values("rank")[:1])
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
        rows = (base.order_by().values(code, name)
                .annotate(major=Count("pk", filter=Q(top=rules.LEVEL_RANK[rules.MAJOR])),
                          large=Count("pk", filter=Q(top=rules.LEVEL_RANK[rules.LARGE])))
                .order_by("-major", "-large", code))
        return [WatchRow(r[code], r[name], r["major"], r["large"]) for r in rows]

    return WatchList(
        enterprises=base.order_by("-top", "town__ordering", "name", "pk"),
        by_sector=grouped("sector__code", "sector__name"),
        by_town=grouped("town__code", "town__name"),
        public_points=risk_point_list(actor=actor, town=town, sector=sector, public=True)
        .filter(level__in=[rules.MAJOR, rules.LARGE]).with_rank().order_by("-rank", "name"),
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
        enterprises=list(enterprises.filter(located).order_by("top", "pk").values(
            "pk", "name", "lng", "lat", "top", "town__name", "sector__name")),
        public_points=list(public.order_by("pk").values(
            "pk", "name", "location", "lng", "lat", "level", "town__name", "sector__name")),
        outlines=list(TownOutline.objects.select_related("town")),
        enterprise_counts=_counts(enterprises.order_by().values("top").annotate(n=Count("pk")),
                                  "top"),
        public_counts=_counts(public.order_by().values("level").annotate(n=Count("pk")), "level"),
        without_coordinates=enterprises.exclude(located).count(),
    )


def enterprise_board(*, actor, enterprise_pk) -> tuple[Enterprise, QuerySet]:
    """An enterprise and its points, highest level first (the risk notice board)."""
    enterprise = registry.enterprise_get_for(actor=actor, pk=enterprise_pk)
    points = (risk_point_list(actor=actor, enterprise=enterprise.pk).with_rank()
              .order_by("-rank", "name", "pk"))
    return enterprise, points
