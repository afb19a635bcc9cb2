"""Demo non-coal mines: a head-top pond (头顶库) whose phreatic line is at orange, a risky pond
(险库, a supervised major hazard), and an ordinary one; the flood-season checks, mined-out areas,
small quarries and a 一矿一策 plan. Written through the services."""

import datetime as dt
from decimal import Decimal

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
    stone_gate = None
    if len(units) > 1:
        stone_gate = services.pond_create(
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
    _flood_checks(ctx, overhead, stone_gate)
    _registers(ctx, units)


def _flood_checks(ctx, done, missing) -> None:
    """大岭 has its 汛前调洪演算 with one checklist item open; 石门沟 has none, so from the
    season's start it is a hazard (what the sweep would do on the day)."""
    from anjian.core.rules import rule_value
    from anjian.mines import rules

    start = rules.flood_season_start(ctx.today.year, rule_value("mines.flood_season"))
    routed_on = min(start - dt.timedelta(days=10), ctx.today)
    services.flood_check_save(
        actor=ctx.admin,
        pond=done,
        year=ctx.today.year,
        via="demo",
        data={
            "routed_on": routed_on,
            "routed_by": "广西冶金矿山设计研究院",
            "control_water_level": Decimal("318.5"),
            "beach_length": 110,
            "freeboard": Decimal("1.6"),
            "drainage_clear": True,
            "freeboard_beach_ok": True,
            "materials_ready": False,
            "monitoring_working": True,
            "note": "防汛沙袋缺口约200袋，6月底前补齐",
        },
    )
    if missing is not None and rules.flood_routing_missing(
        today=ctx.today, start=start, routed_on=None
    ):
        services.flood_check_raise_hazard(pond=missing, year=ctx.today.year, via="demo")


def _registers(ctx, units) -> None:
    """Two mined-out areas (one untreated: a hazard), two quarries (one with a 一面墙 face: a
    supervised major hazard) and a 一矿一策 plan."""
    services.void_create(
        actor=ctx.admin,
        enterprise=units[0],
        via="demo",
        data={
            "location": "大岭矿区北采区 -80m 中段",
            "lng": Decimal("108.412"),
            "lat": Decimal("23.105"),
            "volume": 18500,
            "treatment": "untreated",
            "affected_area": 6200,
            "monitoring": "地表沉降观测点4个，每月观测一次",
            "responsible": "覃志军",
            "deadline": ctx.today + dt.timedelta(days=120),
        },
    )
    services.void_create(
        actor=ctx.admin,
        enterprise=units[0],
        via="demo",
        data={
            "location": "大岭矿区南采区 -40m 中段",
            "volume": 7200,
            "treatment": "filled",
            "affected_area": 1500,
            "monitoring": "充填体沉降观测",
            "responsible": "覃志军",
        },
    )
    quarry_unit = units[-1]
    services.quarry_create(
        actor=ctx.admin,
        enterprise=quarry_unit,
        via="demo",
        data={
            "name": "那坡石场",
            "licence_number": "C4501002015067130001",
            "expires_on": ctx.today + dt.timedelta(days=540),
            "annual_output": 300_000,
            "blasting": "deep_hole",
            "safety_manager": True,
            "principal_certified": True,
        },
    )
    services.quarry_create(
        actor=ctx.admin,
        enterprise=quarry_unit,
        via="demo",
        data={
            "name": "岜山采石场",
            "licence_number": "C4501002012037130002",
            "expires_on": ctx.today - dt.timedelta(days=20),
            "annual_output": 80_000,
            "blasting": "one_wall",
            "safety_manager": False,
            "principal_certified": True,
        },
    )
    services.plan_create(
        actor=ctx.admin,
        enterprise=units[0],
        via="demo",
        data={
            "risks": "头顶库溃坝（下游1公里内86人）；浸润线偏高；北采区采空区塌陷；雨季排洪不畅",
            "measures": "浸润线在线监测并每日复核；汛前调洪演算；采空区120天内充填；"
            "下游居民应急撤离演练每年两次",
            "responsible": "黄永明（矿长）",
            "review_on": ctx.today + dt.timedelta(days=150),
        },
    )
