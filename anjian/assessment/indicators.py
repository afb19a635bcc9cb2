"""The computed indicators of the annual assessment, measured in the database.

Every indicator measures many assessed units at once with a fixed number of queries: rows are
grouped by (town, sector) in the database ("cells") and each unit adds up the cells it covers
(a town its own town, a department its sectors), or grouped by the unit that keeps them (duty
rosters, warning receipts, publicity). So the query count does not grow with the number of
units, and a unit of another kind (a city assessing its counties) only needs `covers`.

An indicator is `function(ctx, item) -> {unit.key: Measure}`; `INDICATORS` maps the codes of
`scoring.INDICATORS` to them. `anjian.hooks.ASSESSMENT_INDICATORS` lists further dotted paths
of such maps, read after this one, so an app above (training records) replaces an indicator
without touching this module.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone

from anjian.accidents.models import Accident, Kind
from anjian.accounts.models import Department
from anjian.accounts.units import Unit, UnitKind
from anjian.alerts.models import AlertRecipient, PublicityActivity
from anjian.assessment import scoring
from anjian.assessment.models import AssessmentTarget
from anjian.core import clock
from anjian.core.hooks import resolve
from anjian.core.periods import Period
from anjian.duty import calendar
from anjian.duty.models import DutyRoster
from anjian.emergency.models import Drill, EmergencyPlan
from anjian.hazards.models import Hazard, HazardGrade, HazardStatus
from anjian.inspections.models import CampaignTarget, Inspection, InspectionKind
from anjian.registry.models import Enterprise, EnterpriseStatus


@dataclass
class Measure:
    value: Any
    points: float
    how: str
    url: str = ""


@dataclass
class Context:
    """What every indicator of one computation shares: the year, the units, the coverage."""

    year: int
    units: list[Unit]
    today: dt.date = field(default_factory=clock.today)
    _department_sectors: dict[int, set[int]] | None = None
    _targets: dict[str, AssessmentTarget] | None = None
    _hazards: dict[tuple, tuple] | None = None

    @property
    def period(self) -> Period:
        return Period(self.year, "year")

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    def department_sectors(self) -> dict[int, set[int]]:
        if self._department_sectors is None:
            found: dict[int, set[int]] = defaultdict(set)
            for dep, sector in Department.sectors.through.objects.values_list(
                "department_id", "sector_id"
            ):
                found[dep].add(sector)
            self._department_sectors = found
        return self._department_sectors

    def covers(self, unit: Unit, town_id, sector_id) -> bool:
        """Whether the cell (town, sector) lies in the unit's territory or sectors."""
        if unit.kind == UnitKind.TOWN:
            return town_id == unit.pk
        if unit.kind == UnitKind.DEPARTMENT:
            return sector_id in self.department_sectors().get(unit.pk, ())
        return unit.covers(town_id=town_id, sector_id=sector_id)

    def targets(self) -> dict[str, AssessmentTarget]:
        if self._targets is None:
            self._targets = {
                t.unit.key: t
                for t in AssessmentTarget.objects.filter(year=self.year).select_related(
                    "town", "department"
                )
            }
        return self._targets

    def hazard_cells(self) -> dict[tuple, tuple]:
        """Every hazard figure the indicators read, in one scan of the hazards grouped by
        (town, sector): found in the year, of them closed; overdue now; major found in the
        year, of them supervised; major overdue with a deadline in the year (视同事故)."""
        if self._hazards is None:
            found = Q(found_on__gte=self.start, found_on__lte=self.end)
            major = found & Q(grade=HazardGrade.MAJOR)
            self._hazards = cells(
                Hazard.objects.all(),
                "town_id",
                "sector_id",
                found=Count("id", filter=found),
                closed=Count("id", filter=found & Q(status=HazardStatus.CLOSED)),
                overdue=Count(
                    "id", filter=~Q(status=HazardStatus.CLOSED) & Q(deadline__lt=self.today)
                ),
                major=Count("id", filter=major),
                supervised=Count("id", filter=major & Q(supervised=True)),
                overdue_major=Count(
                    "id",
                    filter=Q(deadline__gte=self.start, deadline__lte=self.end)
                    & overdue_major_q(self.today),
                ),
            )
        return self._hazards

    def hazards(self, unit: Unit) -> dict[str, int]:
        names = ("found", "closed", "overdue", "major", "supervised", "overdue_major")
        values = self.sums(self.hazard_cells(), unit)
        return dict(zip(names, values + [0] * (len(names) - len(values)), strict=False))

    def sums(self, cells: dict[tuple, tuple], unit: Unit) -> list[int]:
        """The unit's totals over the cells it covers."""
        total: list[int] = []
        for (town_id, sector_id), values in cells.items():
            if self.covers(unit, town_id, sector_id):
                if not total:
                    total = [0] * len(values)
                for i, v in enumerate(values):
                    total[i] += v or 0
        return total or [0] * max((len(v) for v in cells.values()), default=4)


def cells(queryset, town: str, sector: str, **aggregates) -> dict[tuple, tuple]:
    """One grouped query: (town_id, sector_id) → the aggregates, in the order given."""
    names = list(aggregates)
    rows = queryset.order_by().values(town, sector).annotate(**aggregates)
    return {(r[town], r[sector]): tuple(r[n] for n in names) for r in rows}


def unit_filter(unit: Unit) -> dict[str, str]:
    """The list pages' filter for the unit's records (town or department code)."""
    if unit.kind in (UnitKind.TOWN, UnitKind.DEPARTMENT):
        return {unit.kind: unit.code}
    return {}


def link(name: str, unit: Unit, **params) -> str:
    query = {**unit_filter(unit), **{k: v for k, v in params.items() if v not in (None, "")}}
    return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)


def pct(done: int, total: int) -> float | None:
    return round(100 * done / total, 1) if total else None


def _pct_text(done: int, total: int) -> str:
    return "—" if not total else f"{pct(done, total)}%"


# --- the indicators ------------------------------------------------------------------------


def overdue_major_q(today: dt.date) -> Q:
    """A major hazard overdue (视同发生事故): closed after its deadline day, or still open after it."""
    return Q(grade=HazardGrade.MAJOR) & (
        Q(status=HazardStatus.CLOSED, closed_at__date__gt=F("deadline"))
        | (~Q(status=HazardStatus.CLOSED) & Q(deadline__lt=today))
    )


def accident_control(ctx: Context, item: dict) -> dict[str, Measure]:
    start, end = ctx.period.bounds()
    accidents = cells(
        Accident.objects.filter(kind=Kind.ACCIDENT, occurred_at__gte=start, occurred_at__lt=end),
        "town_id",
        "sector_id",
        n=Count("id"),
        deaths=Sum("deaths"),
    )
    params = item.get("params") or {}
    targets = ctx.targets()
    result = {}
    for unit in ctx.units:
        n, deaths = ctx.sums(accidents, unit)[:2]
        late = ctx.hazards(unit)["overdue_major"]
        target = targets.get(unit.key)
        max_acc = target.max_accidents if target else 0
        max_deaths = target.max_deaths if target else 0
        points = scoring.accident_control_points(
            item["max_points"],
            accidents=n,
            deaths=deaths,
            overdue_major=late,
            max_accidents=max_acc,
            max_deaths=max_deaths,
            per_accident=params.get("per_accident", 5),
            per_death=params.get("per_death", 10),
        )
        target_text = (
            f"控制指标：事故不超过{max_acc}起、死亡不超过{max_deaths}人"
            if target
            else "未下达控制指标（按0起、0人计）"
        )
        result[unit.key] = Measure(
            value={"accidents": n, "deaths": deaths, "overdue_major": late},
            points=points,
            how=(
                f"{ctx.year}年发生事故{n}起、死亡{deaths}人，逾期未整改重大隐患{late}项"
                f"（视同发生事故）；{target_text}；"
                f"每超1起扣{scoring._fmt(params.get('per_accident', 5))}分，"
                f"每超1人扣{scoring._fmt(params.get('per_death', 10))}分。"
            ),
            url=link("accidents:accident_list", unit, period=ctx.year),
        )
    return result


def hazard_closure_rate(ctx: Context, item: dict) -> dict[str, Measure]:
    result = {}
    for unit in ctx.units:
        h = ctx.hazards(unit)
        n, closed = h["found"], h["closed"]
        result[unit.key] = Measure(
            value=pct(closed, n),
            points=scoring.rate_points(item["max_points"], closed, n),
            how=(
                f"{ctx.year}年发现隐患{n}项，已整改销号{closed}项，整改率{_pct_text(closed, n)}"
                + ("；当年未发现隐患，得满分。" if not n else "；得分＝满分×整改率。")
            ),
            url=link("hazards:hazard_list", unit, found=ctx.year),
        )
    return result


def hazard_overdue(ctx: Context, item: dict) -> dict[str, Measure]:
    per = (item.get("params") or {}).get("per_item", 1)
    result = {}
    for unit in ctx.units:
        n = ctx.hazards(unit)["overdue"]
        result[unit.key] = Measure(
            value=n,
            points=scoring.deduction_points(item["max_points"], n, per),
            how=f"目前逾期未整改隐患{n}项，每项扣{scoring._fmt(per)}分，扣完为止。",
            url=link("hazards:hazard_list", unit, overdue=1),
        )
    return result


def major_hazard_supervision(ctx: Context, item: dict) -> dict[str, Measure]:
    result = {}
    for unit in ctx.units:
        h = ctx.hazards(unit)
        n, done = h["major"], h["supervised"]
        result[unit.key] = Measure(
            value=pct(done, n),
            points=scoring.rate_points(item["max_points"], done, n),
            how=(
                f"{ctx.year}年发现重大隐患{n}项，挂牌督办{done}项，督办率{_pct_text(done, n)}"
                + ("；当年无重大隐患，得满分。" if not n else "；得分＝满分×督办率。")
            ),
            url=link("hazards:hazard_list", unit, grade=HazardGrade.MAJOR, found=ctx.year),
        )
    return result


def campaign_reporting(ctx: Context, item: dict) -> dict[str, Measure]:
    inspected = Inspection.objects.filter(
        campaign_id=OuterRef("campaign_id"),
        enterprise_id=OuterRef("enterprise_id"),
        kind=InspectionKind.INSPECTION,
    )
    found = cells(
        CampaignTarget.objects.filter(
            campaign__starts_on__lte=ctx.end, campaign__ends_on__gte=ctx.start
        ).annotate(done=Exists(inspected)),
        "enterprise__town_id",
        "enterprise__sector_id",
        n=Count("id"),
        done=Count("id", filter=Q(done=True)),
    )
    result = {}
    for unit in ctx.units:
        n, done = ctx.sums(found, unit)[:2]
        result[unit.key] = Measure(
            value=pct(done, n),
            points=scoring.rate_points(item["max_points"], done, n),
            how=(
                f"{ctx.year}年专项整治检查对象{n}家，已完成政府检查{done}家，"
                f"完成率{_pct_text(done, n)}"
                + ("；当年无专项整治对象，得满分。" if not n else "；得分＝满分×完成率。")
            ),
            url=reverse("inspections:campaign_list"),
        )
    return result


def inspections(ctx: Context, item: dict) -> dict[str, Measure]:
    done_q = Inspection.objects.filter(
        enterprise_id=OuterRef("pk"),
        kind=InspectionKind.INSPECTION,
        inspected_on__gte=ctx.start,
        inspected_on__lte=ctx.end,
    )
    found = cells(
        Enterprise.objects.filter(status=EnterpriseStatus.OPERATING).annotate(done=Exists(done_q)),
        "town_id",
        "sector_id",
        n=Count("id"),
        done=Count("id", filter=Q(done=True)),
    )
    result = {}
    for unit in ctx.units:
        n, done = ctx.sums(found, unit)[:2]
        result[unit.key] = Measure(
            value=pct(done, n),
            points=scoring.rate_points(item["max_points"], done, n),
            how=(
                f"在营生产经营单位{n}家，{ctx.year}年接受政府执法检查{done}家，"
                f"覆盖率{_pct_text(done, n)}；得分＝满分×覆盖率。"
            ),
            url=link(
                "inspections:inspection_list",
                unit if unit.kind == UnitKind.TOWN else Unit.county(),
                kind=InspectionKind.INSPECTION,
                inspected_after=ctx.start.isoformat(),
                inspected_before=ctx.end.isoformat(),
            ),
        )
    return result


def drills(ctx: Context, item: dict) -> dict[str, Measure]:
    held = Drill.objects.filter(
        plan_id=OuterRef("pk"), held_on__gte=ctx.start, held_on__lte=ctx.end
    )
    found = cells(
        EmergencyPlan.objects.filter(enterprise__isnull=False, published_on__lte=ctx.end).annotate(
            done=Exists(held)
        ),
        "enterprise__town_id",
        "enterprise__sector_id",
        n=Count("id"),
        done=Count("id", filter=Q(done=True)),
    )
    result = {}
    for unit in ctx.units:
        n, done = ctx.sums(found, unit)[:2]
        result[unit.key] = Measure(
            value=pct(done, n),
            points=scoring.rate_points(item["max_points"], done, n),
            how=(
                f"辖区单位应急预案{n}份，{ctx.year}年组织演练的{done}份，"
                f"演练率{_pct_text(done, n)}"
                + ("；无应急预案，得满分。" if not n else "；得分＝满分×演练率。")
            ),
            url=link("emergency:plan_list", unit if unit.kind == UnitKind.TOWN else Unit.county()),
        )
    return result


def _unit_key(kind: str, town_id, department_id) -> str:
    return f"{kind}:{town_id if kind == UnitKind.TOWN else department_id}"


def roster_on_time(ctx: Context, item: dict) -> dict[str, Measure]:
    """Each statutory holiday of the year that has begun: on time when a roster covering part
    of it was filed before the holiday's first day."""
    try:
        known = calendar.statutory_holidays(ctx.year)
    except calendar.UnsupportedYear:  # a year whose holidays nobody declared: nothing due
        known = []
    holidays = [h for h in known if h.start.year == ctx.year and h.start <= ctx.today]
    windows = [h.window() for h in holidays]
    filed: dict[str, set[int]] = defaultdict(set)
    if windows:
        first, last = windows[0][0], max(w[1] for w in windows)
        for kind, town_id, dep_id, starts, ends, created in DutyRoster.objects.filter(
            unit_kind__in=(UnitKind.TOWN, UnitKind.DEPARTMENT),
            starts_at__lt=last,
            ends_at__gt=first,
        ).values_list(
            "unit_kind", "town_id", "department_id", "starts_at", "ends_at", "created_at"
        ):
            for index, (w_start, w_end) in enumerate(windows):
                if starts < w_end and ends > w_start and created < w_start:
                    filed[_unit_key(kind, town_id, dep_id)].add(index)
    names = "、".join(h.name for h in holidays) or "无"
    result = {}
    for unit in ctx.units:
        done, n = len(filed.get(unit.key, ())), len(holidays)
        result[unit.key] = Measure(
            value=pct(done, n),
            points=scoring.rate_points(item["max_points"], done, n),
            how=(
                f"{ctx.year}年已到的法定节假日{n}个（{names}），节前按时报备值班表{done}个，"
                f"按时率{_pct_text(done, n)}。"
            ),
            url=link("duty:roster_list", unit),
        )
    return result


def warning_confirmation(ctx: Context, item: dict) -> dict[str, Measure]:
    start, end = ctx.period.bounds()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in (
        AlertRecipient.objects.filter(
            alert__published_at__gte=start,
            alert__published_at__lt=end,
            unit_kind__in=(UnitKind.TOWN, UnitKind.DEPARTMENT),
        )
        .order_by()
        .values("unit_kind", "town_id", "department_id")
        .annotate(n=Count("id"), done=Count("id", filter=Q(confirmed_at__isnull=False)))
    ):
        counts[_unit_key(row["unit_kind"], row["town_id"], row["department_id"])] = [
            row["n"],
            row["done"],
        ]
    result = {}
    for unit in ctx.units:
        n, done = counts.get(unit.key, [0, 0])
        result[unit.key] = Measure(
            value=pct(done, n),
            points=scoring.rate_points(item["max_points"], done, n),
            how=(
                f"{ctx.year}年收到预警{n}次，已签收{done}次，签收率{_pct_text(done, n)}"
                + ("；当年未收到预警，得满分。" if not n else "；得分＝满分×签收率。")
            ),
            url=link("alerts:alert_list", unit),
        )
    return result


def training(ctx: Context, item: dict) -> dict[str, Measure]:
    """Until training records exist on the platform: the safety publicity and training
    activities (宣传培训活动) the unit held in the year, against `params.target`. An app with
    training records replaces this through `anjian.hooks.ASSESSMENT_INDICATORS`."""
    counts: dict[str, int] = defaultdict(int)
    for row in (
        PublicityActivity.objects.filter(
            held_on__gte=ctx.start,
            held_on__lte=ctx.end,
            unit_kind__in=(UnitKind.TOWN, UnitKind.DEPARTMENT),
        )
        .order_by()
        .values("unit_kind", "town_id", "department_id")
        .annotate(n=Count("id"))
    ):
        counts[_unit_key(row["unit_kind"], row["town_id"], row["department_id"])] += row["n"]
    target = (item.get("params") or {}).get("target", 4)
    result = {}
    for unit in ctx.units:
        n = counts.get(unit.key, 0)
        result[unit.key] = Measure(
            value=n,
            points=scoring.count_points(item["max_points"], n, target),
            how=(
                f"{ctx.year}年组织安全宣传培训活动{n}次，目标{scoring._fmt(target)}次；"
                "得分＝满分×完成次数÷目标（达到目标得满分）。"
            ),
            url=link("alerts:publicity_list", unit),
        )
    return result


INDICATORS = {
    "accident_control": accident_control,
    "hazard_closure_rate": hazard_closure_rate,
    "hazard_overdue": hazard_overdue,
    "major_hazard_supervision": major_hazard_supervision,
    "campaign_reporting": campaign_reporting,
    "roster_on_time": roster_on_time,
    "warning_confirmation": warning_confirmation,
    "inspections": inspections,
    "drills": drills,
    "training": training,
}


def registry() -> dict:
    """The indicator functions by code: this module's, then the hooks' (which may replace)."""
    found = dict(INDICATORS)
    for mapping in resolve("ASSESSMENT_INDICATORS"):
        found.update(mapping)
    return found


# --- the vetoes (一票否决) -------------------------------------------------------------------


@dataclass
class Veto:
    reason: str
    record: str
    town_id: int | None
    sector_id: int | None


def vetoes(ctx: Context) -> list[Veto]:
    """Three queries: 较大 or graver accidents of the year; 瞒报/谎报 findings on the year's
    accidents; the year's accidents at a unit that had an overdue major hazard then."""
    from anjian.assessment.models import AccidentFinding

    start, end = ctx.period.bounds()
    year_accidents = Accident.objects.filter(
        kind=Kind.ACCIDENT, occurred_at__gte=start, occurred_at__lt=end
    )
    found: list[Veto] = []
    grades = dict(Accident._meta.get_field("grade").choices)
    for a in year_accidents.filter(grade__in=scoring.VETO_ACCIDENT_GRADES).order_by("occurred_at"):
        local = timezone.localtime(a.occurred_at)
        found.append(
            Veto(
                reason=f"{local.year}年{local.month}月{local.day}日发生{_grade_cn(a.grade, grades)}"
                f"「{a.title}」（死亡{a.deaths}人）",
                record=a.get_absolute_url(),
                town_id=a.town_id,
                sector_id=a.sector_id,
            )
        )
    kinds = {"concealed": "瞒报", "falsified": "谎报"}
    for f in (
        AccidentFinding.objects.filter(
            kind__in=scoring.VETO_FINDING_KINDS,
            accident__occurred_at__gte=start,
            accident__occurred_at__lt=end,
        )
        .select_related("accident")
        .order_by("accident__occurred_at", "pk")
    ):
        found.append(
            Veto(
                reason=f"事故「{f.accident.title}」被认定{kinds.get(f.kind, f.kind)}",
                record=f.accident.get_absolute_url(),
                town_id=f.accident.town_id,
                sector_id=f.accident.sector_id,
            )
        )
    # An accident at a unit that then had a major hazard past its deadline and not closed:
    # the year's accidents at units and those units' major hazards, joined here (a correlated
    # subquery with the accident's local day cost seconds at county scale on SQLite).
    at_units = list(
        year_accidents.filter(enterprise__isnull=False)
        .order_by("occurred_at")
        .values_list("pk", "title", "occurred_at", "town_id", "sector_id", "enterprise_id")
    )
    majors: dict[int, list] = defaultdict(list)
    for enterprise_id, found_on, deadline, closed_at in Hazard.objects.filter(
        grade=HazardGrade.MAJOR,
        enterprise_id__in=year_accidents.values("enterprise_id"),
        deadline__lt=ctx.end,
    ).values_list("enterprise_id", "found_on", "deadline", "closed_at"):
        majors[enterprise_id].append((found_on, deadline, closed_at))
    flagged = [
        a
        for a in at_units
        if any(
            found_on <= timezone.localdate(a[2])
            and deadline < timezone.localdate(a[2])
            and (closed_at is None or closed_at > a[2])
            for found_on, deadline, closed_at in majors.get(a[5], ())
        )
    ]
    # Always one query (an id that no unit has when none is flagged): a fixed query count.
    names = dict(
        Enterprise.objects.filter(pk__in=[a[5] for a in flagged] or [0]).values_list("pk", "name")
    )
    for pk, title, _occurred, town_id, sector_id, enterprise_id in flagged:
        found.append(
            Veto(
                reason=f"事故「{title}」发生时，{names.get(enterprise_id, '')}有逾期未整改的重大隐患",
                record=reverse("accidents:accident_detail", args=[pk]),
                town_id=town_id,
                sector_id=sector_id,
            )
        )
    return found


def _grade_cn(grade: str, labels: dict) -> str:
    return {"large": "较大事故", "major": "重大事故", "extraordinary": "特别重大事故"}.get(
        grade, str(labels.get(grade, grade))
    )
