"""Demo tailings ponds: a head-top pond (头顶库) whose phreatic line is at orange, a risky pond
(险库, a supervised major hazard), and an ordinary one; written through the services."""

import datetime as dt

from anjian.core import clock
from anjian.mines import services


def _mine_units(ctx):
    return [
        e
        for e in ctx.enterprises
        if e.sector_id == ctx.sectors["non_coal_mine"].pk and e.status == "operating"
    ]


def load(ctx) -> None:
    units = _mine_units(ctx)
    if not units:
        return
    overhead = services.pond_create(
        actor=ctx.admin,
        enterprise=units[0],
        via="demo",
        data={
            "name": "大岭尾矿库",
            "total_capacity": 480,
            "dam_height": 62,
            "design_capacity": 650,
            "design_height": 70,
            "wet": True,
            "construction": "upstream",
            "safety_degree": "normal",
            "assessed_on": ctx.today - dt.timedelta(days=200),
            "downstream_within_1km": 86,
        },
    )
    thresholds = {"blue": 8, "yellow": 6, "orange": 5.5, "red": 5}
    for code, value in (("JR1", 5.4), ("JR2", 7.2), ("JR3", 9.1)):
        point = services.point_create(
            actor=ctx.admin,
            pond=overhead,
            via="demo",
            data={"code": code, "item": "phreatic_depth", **thresholds},
        )
        for hours, drift in ((30, 1.2), (20, 0.6), (2, 0.0)):
            services.reading_add(
                actor=ctx.admin,
                point=point,
                via="demo",
                data={"value": value + drift, "at": clock.now() - dt.timedelta(hours=hours)},
            )
    beach = services.point_create(
        actor=ctx.admin,
        pond=overhead,
        via="demo",
        data={
            "code": "GT1",
            "item": "beach_length",
            "blue": 100,
            "yellow": 90,
            "orange": 80,
            "red": 70,
        },
    )
    services.reading_add(
        actor=ctx.admin,
        point=beach,
        via="demo",
        data={"value": 126, "at": clock.now() - dt.timedelta(hours=2)},
    )
    if len(units) > 1:
        services.pond_create(
            actor=ctx.admin,
            enterprise=units[1],
            via="demo",
            data={
                "name": "石门沟尾矿库",
                "total_capacity": 60,
                "dam_height": 28,
                "construction": "upstream",
                "safety_degree": "risky",
                "assessed_on": ctx.today - dt.timedelta(days=40),
                "downstream_within_1km": 0,
            },
        )
    if len(units) > 2:
        services.pond_create(
            actor=ctx.admin,
            enterprise=units[2],
            via="demo",
            data={
                "name": "青山尾矿库",
                "total_capacity": 1200,
                "dam_height": 45,
                "construction": "downstream",
                "wet": False,
                "downstream_within_1km": 0,
            },
        )
