"""The demo's forest fire prevention: last season's fire on 青山岭 (a hill of the first town),
now a watch area with its leader, rangers and a week of patrols (today not yet patrolled: one
gap), today's fire-danger levels (one town at level 4, whose notice waits for its 签收) and two
field-fire applications. Everything goes through the services."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from anjian.core import clock
from anjian.demo.context import DemoContext
from anjian.forestfire import services
from anjian.forestfire.sweep import fire_seasons_on


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_default_timezone())


def load(ctx: DemoContext) -> None:
    towns = list(ctx.towns.values())
    hill_town, high_town = towns[0], towns[1 % len(towns)]
    seasons = fire_seasons_on(ctx.today)
    season_start = seasons[0] if seasons else ctx.today
    fire_day = season_start - dt.timedelta(days=200)
    lng = Decimal(getattr(ctx.county, "lng", None) or "108.300000") + Decimal("0.061")
    lat = Decimal(getattr(ctx.county, "lat", None) or "22.800000") + Decimal("0.043")
    services.fire_create(
        actor=ctx.admin,
        via="demo",
        data={
            "town": hill_town,
            "place": "青山岭东坡",
            "lng": lng,
            "lat": lat,
            "started_at": _at(fire_day, 13, 10),
            "discovered_at": _at(fire_day, 13, 40),
            "reported_at": _at(fire_day, 13, 48),
            "extinguished_at": _at(fire_day, 18, 30),
            "damaged_area_ha": Decimal("2.400"),
            "burned_area_ha": Decimal("3.100"),
            "cause": "清明祭祀用火",
        },
    )
    services.fire_create(
        actor=ctx.admin,
        via="demo",
        data={
            "town": high_town,
            "place": "石门坳",
            "started_at": _at(fire_day + dt.timedelta(days=30), 15),
            "discovered_at": _at(fire_day + dt.timedelta(days=30), 15, 20),
            "reported_at": _at(fire_day + dt.timedelta(days=30), 15, 25),
            "damaged_area_ha": Decimal("0.040"),
            "burned_area_ha": Decimal("0.050"),
            "cause": "烧田埂失火",
        },
    )
    areas = services.open_watch_areas(season_start=season_start, actor=ctx.admin)
    hill = next(a for a in areas if a.town_id == hill_town.pk)
    services.area_update(
        actor=ctx.admin,
        area=hill,
        via="demo",
        data={"name": "青山岭重点监测区", "leader": "覃副镇长", "rangers": ["黄德明", "韦春生"]},
    )
    now = clock.now()
    for area in areas:
        if area.pk != hill.pk:
            services.area_update(
                actor=ctx.admin,
                area=area,
                via="demo",
                data={"leader": "蒙副镇长", "rangers": ["蒙永福"]},
            )
            for minutes in (1, 2):  # level 4 today: two patrols, both done
                services.patrol_log(
                    actor=ctx.admin,
                    via="demo",
                    data={
                        "area": area,
                        "ranger": "蒙永福",
                        "at": now - dt.timedelta(minutes=minutes),
                    },
                )
    # A week of patrols, every day covered; today nobody has patrolled yet (the gap).
    for back in range(1, 8):
        day = ctx.today - dt.timedelta(days=back)
        if day < hill.opened_on:
            continue
        services.patrol_log(
            actor=ctx.admin,
            via="demo",
            data={
                "area": hill,
                "ranger": "黄德明" if back % 2 else "韦春生",
                "at": _at(day, 9, 30),
                "points": [[float(lng), float(lat)], [float(lng) + 0.003, float(lat) + 0.002]],
                "findings": "无异常" if back != 3 else "发现一处祭祀残留火种，已清理",
            },
        )
    yesterday = ctx.today - dt.timedelta(days=1)
    for town in towns:
        services.danger_set(actor=ctx.admin, town=town, date=yesterday, level=3, via="demo")
        level = 4 if town == high_town else (3 if town == hill_town else 2)
        services.danger_set(actor=ctx.admin, town=town, date=ctx.today, level=level, via="demo")
    approved = services.permit_create(
        actor=ctx.admin,
        via="demo",
        data={
            "applicant": "石门村村民委员会",
            "purpose": "烧除病虫害松枝",
            "town": high_town,
            "starts_at": _at(ctx.today, 8),
            "ends_at": _at(ctx.today + dt.timedelta(days=2), 17),
            "measures": "开设10米隔离带，8人扑火队在场，烧后留2人看守4小时",
        },
    )
    services.permit_decide(actor=ctx.admin, permit=approved, approve=True, via="demo")
    services.permit_create(
        actor=ctx.admin,
        via="demo",
        data={
            "applicant": "青山村农户韦某",
            "purpose": "炼山造林",
            "town": hill_town,
            "starts_at": _at(ctx.today + dt.timedelta(days=5), 8),
            "ends_at": _at(ctx.today + dt.timedelta(days=5), 12),
            "measures": "隔离带，村护林员看守",
        },
    )
