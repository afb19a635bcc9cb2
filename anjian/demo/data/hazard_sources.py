"""Demo major hazard sources: three at chemical and gas units (GB 18218-2018), one due for review.

Written through the service like every other path, so S, R and the grade are computed."""

import datetime as dt

from anjian.registry.hazard_sources.services import hazard_source_create

SOURCES = [
    (
        "hazardous_chemicals",
        "液氯储存单元",
        "storage",
        60,
        [{"name": "chlorine", "quantity_t": 20}, {"name": "ammonia", "quantity_t": 8}],
    ),
    (
        "hazardous_chemicals",
        "二氧化硫储罐区",
        "storage",
        60,
        [{"name": "sulphur dioxide", "quantity_t": 200}],
    ),
    ("gas", "液化石油气储配站", "storage", 120, [{"name": "LPG", "quantity_t": 150}]),
]


def load(ctx) -> None:
    for i, (sector, name, kind, people, substances) in enumerate(SOURCES):
        enterprise = next(
            (
                e
                for e in ctx.enterprises
                if e.sector_id == ctx.sectors[sector].pk
                and e.status == "operating"
                and e.lng is not None
            ),
            None,
        )
        if enterprise is None:
            continue
        same = [e for e in ctx.enterprises if e.sector_id == enterprise.sector_id]
        if i == 1 and len(same) > 1:  # the second chemicals source at another unit
            enterprise = next((e for e in same[1:] if e.status == "operating"), enterprise)
        # The first was filed more than 3 years ago and never reviewed: the sweep warns.
        filed = ctx.today - dt.timedelta(days=3 * 365 + 30 if i == 0 else 200 + 100 * i)
        hazard_source_create(
            actor=ctx.admin,
            enterprise=enterprise,
            via="demo",
            data={
                "name": name,
                "unit_kind": kind,
                "people_within_500m": people,
                "substances": substances,
                "filed_on": filed,
                "filing_number": f"重大危险源备案〔{filed.year}〕{i + 1:03d}号",
            },
        )
