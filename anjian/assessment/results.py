"""The annual assessment's results: who is assessed, their scores, vetoes, grades and ranks,
live until the year is published, frozen afterwards (docs/assessment.md, "The annual
assessment").

`assess(units, year)` computes for any list of assessed units with a fixed number of queries;
`assessed_units(assessor)` says whom a unit assesses (the county: its towns and departments),
so a division above the county assesses its children through the same two functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from anjian.accounts.units import DivisionUnit, Unit, UnitKind
from anjian.assessment import indicators, scoring
from anjian.assessment.models import AssessmentPublication, HandScore
from anjian.core import clock
from anjian.core.rules import rule_value

PUBLIC_FIELDS = ("unit", "score", "grade", "rank")  # what an officer sees of the others' rows


def assessed_units(assessor: Unit | None = None) -> list[Unit]:
    """The units an assessor assesses: the towns and departments of its division (a town or
    department officer reads the ranking of the division it belongs to); the whole
    installation's where no division is named (v1)."""
    division = _division_of(assessor) if assessor is not None else None
    units = Unit.all() if division is None else division.managed_units()
    return [u for u in units if u.kind in (UnitKind.TOWN, UnitKind.DEPARTMENT)]


def _division_of(unit: Unit) -> DivisionUnit | None:
    if isinstance(unit, DivisionUnit):
        return unit
    if unit.kind == UnitKind.TOWN:
        county = unit.obj.county
        return Unit.of_division(county) if county is not None else None
    if unit.kind == UnitKind.DEPARTMENT:
        return unit.division_unit()
    return None


def scheme_items(year: int) -> list[dict]:
    """The year's scheme (the default of domain-rules §7 until the county admin saves one)."""
    from anjian.assessment.models import AssessmentScheme

    found = AssessmentScheme.objects.filter(year=year).values_list("items", flat=True).first()
    return found if found is not None else [dict(i) for i in scoring.DEFAULT_ITEMS]


def _hand_scores(year: int) -> dict[tuple[str, str], HandScore]:
    return {
        (h.unit.key, h.item): h
        for h in HandScore.objects.filter(year=year).select_related("town", "department")
    }


def assess(units: list[Unit], year: int, *, items: list[dict] | None = None) -> list[dict]:
    """The rows of the contract's `assessment/results/` for `units`, ranked among themselves."""
    items = scheme_items(year) if items is None else items
    ctx = indicators.Context(year=year, units=units)
    functions = indicators.registry()
    measured = {
        item["code"]: functions[item["indicator"]](ctx, item)
        for item in items
        if item.get("indicator")
    }
    hand = _hand_scores(year)
    vetoes = indicators.vetoes(ctx)
    cutoffs = rule_value("assessment.grade_cutoffs", on=clock.today())
    rows = []
    for unit in units:
        row_items, score = [], 0.0
        for item in items:
            if item.get("indicator"):
                m = measured[item["code"]][unit.key]
                entry = {
                    "code": item["code"],
                    "name": item["name"],
                    "points": m.points,
                    "max_points": item["max_points"],
                    "value": m.value,
                    "how": m.how,
                    "url": m.url,
                }
            else:
                h = hand.get((unit.key, item["code"]))
                points = min(float(h.points), item["max_points"]) if h else 0.0
                entry = {
                    "code": item["code"],
                    "name": item["name"],
                    "points": scoring.round_points(points),
                    "max_points": item["max_points"],
                    "value": None,
                    "how": (
                        f"县安委办按佐证材料评分：{h.evidence}"
                        if h
                        else "人工评分项，县安委办尚未评分（计0分）。"
                    ),
                    "url": "",
                }
            score += entry["points"]
            row_items.append(entry)
        unit_vetoes = [
            {"reason": v.reason, "record": v.record}
            for v in vetoes
            if ctx.covers(unit, v.town_id, v.sector_id)
        ]
        score = scoring.round_points(score)
        rows.append(
            {
                "unit": unit.as_dict(),
                "score": score,
                "grade": scoring.grade_for(score, cutoffs=cutoffs, vetoed=bool(unit_vetoes)),
                "vetoed": bool(unit_vetoes),
                "vetoes": unit_vetoes,
                "rank": 0,
                "items": row_items,
            }
        )
    for row, rank in zip(
        rows, scoring.ranks([(r["vetoed"], r["score"]) for r in rows]), strict=True
    ):
        row["rank"] = rank
    rows.sort(key=lambda r: (r["rank"], r["unit"]["kind"], r["unit"]["code"]))
    return rows


def publication(year: int) -> AssessmentPublication | None:
    """The year's latest published version, or None while the results are live."""
    return AssessmentPublication.objects.filter(year=year).order_by("-version").first()


def results_for(*, actor, year: int) -> tuple[list[dict], AssessmentPublication | None]:
    """The year's rows as the actor may see them: the county's government roles every row, a
    town or department officer its own row whole and the others' unit, score, grade and rank;
    enterprise users none (403)."""
    unit = Unit.of(actor)
    if unit is None or unit.kind == UnitKind.ENTERPRISE:
        raise PermissionDenied
    published = publication(year)
    rows = published.results if published else assess(assessed_units(unit), year)
    if isinstance(unit, DivisionUnit):
        return rows, published
    return [
        row if _is(row, unit) else {k: row[k] for k in PUBLIC_FIELDS} for row in rows
    ], published


def _is(row: dict, unit: Unit) -> bool:
    return row["unit"]["kind"] == unit.kind and row["unit"]["code"] == unit.code


def row_for(*, actor, year: int, kind: str, code: str) -> tuple[dict, AssessmentPublication | None]:
    """One unit's whole row (its breakdown): the county's roles any unit's, an officer its own;
    another unit's breakdown is a 404 for an officer, like a record outside its scope."""
    rows, published = results_for(actor=actor, year=year)
    for row in rows:
        if row["unit"]["kind"] == kind and row["unit"]["code"] == code and "items" in row:
            return row, published
    raise Http404


@dataclass(frozen=True)
class Standing:
    """One published row for the meeting briefing: rank, unit name, score, grade (Chinese)."""

    rank: int
    unit: str
    score: str
    grade: str


def standings(*, actor, year: int) -> list[Standing]:
    """The year's published results in rank order, for `anjian briefing` (hooks.BRIEFING_STANDINGS).
    Live (unpublished) results are not standings: nothing is returned until the year is
    published."""
    published = publication(year)
    if published is None:
        return []
    rows = published.results
    return [
        Standing(
            rank=row["rank"],
            unit=row["unit"]["name"],
            score=f"{row['score']:g}" if isinstance(row["score"], float) else str(row["score"]),
            grade=scoring.GRADE_LABELS.get(row["grade"], row["grade"]),
        )
        for row in sorted(rows, key=lambda r: r["rank"])
    ]
