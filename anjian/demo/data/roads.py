"""Demo dangerous road sections (two open, on a school bus route) and the route."""

import datetime as dt

from anjian.roads import services


def load(ctx) -> None:
    town = next(iter(ctx.towns.values()))
    owner, police = ctx.departments["transport"], ctx.departments["traffic_police"]
    for road, start, end, kind in (
        ("X231", 12.4, 13.1, "water_cliff"),
        ("X231", 18.0, 19.5, "sharp_bend"),
    ):
        services.section_create(
            actor=ctx.admin,
            via="demo",
            deadline=ctx.today + dt.timedelta(days=45),
            data={
                "town": town,
                "road": road,
                "from_km": start,
                "to_km": end,
                "kind": kind,
                "owner": owner,
                "police": police,
            },
        )
    services.route_create(
        actor=ctx.admin,
        via="demo",
        data={
            "name": f"{town.name}中心小学校车1号线",
            "town": town,
            "operator": "示例县校车服务有限公司",
            "segments": [{"road": "X231", "from_km": 10, "to_km": 14}],
        },
    )
