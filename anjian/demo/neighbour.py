"""邻县: the smaller county beside 示例县 in 示例市 (three towns, 30 units, two years of
accidents), written through the services by its own county admin. It exists so that the city
admin sees two counties and 示例县's admin can be shown to see none of it."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from anjian.accidents import services as accidents
from anjian.accidents.models import Kind
from anjian.accounts.models import Department, Division, Role, Town
from anjian.accounts.services import reference_create, user_create
from anjian.alerts import services as alerts
from anjian.core import clock
from anjian.demo import names
from anjian.registry.services import enterprise_create

UNITS = 30


def load(ctx) -> None:
    from anjian.demo.loader import NEIGHBOUR_ADMIN, PASSWORD, credit_code

    rng = ctx.rng
    code, name, lng, lat = names.NEIGHBOUR
    county = reference_create(
        actor=None,
        model=Division,
        code=code,
        name=name,
        level="county",
        parent=ctx.city,
        lng=lng,
        lat=lat,
        via="demo",
    )
    towns = [
        reference_create(
            actor=None, model=Town, code=c, name=n, ordering=200 + i, county=county, via="demo"
        )
        for i, (c, n) in enumerate(names.NEIGHBOUR_TOWNS)
    ]
    departments = {}
    for i, (c, n, sectors) in enumerate(names.NEIGHBOUR_DEPARTMENTS):
        departments[c] = reference_create(
            actor=None,
            model=Department,
            code=c,
            name=n,
            ordering=200 + i,
            division=county,
            sectors=[ctx.sectors[s] for s in sectors],
            via="demo",
        )
    admin = user_create(
        actor=None,
        username=NEIGHBOUR_ADMIN,
        password=PASSWORD,
        role=Role.COUNTY_ADMIN,
        division=county,
        full_name="邻县安委办",
        via="demo",
    )
    ctx.users[NEIGHBOUR_ADMIN] = admin
    dept_of = {s: d for d in departments.values() for s in d.sectors.values_list("code", flat=True)}
    units = []
    for i in range(UNITS):
        sector, stem = names.NEIGHBOUR_UNITS[i % len(names.NEIGHBOUR_UNITS)]
        town = towns[i % len(towns)]
        units.append(
            enterprise_create(
                actor=admin,
                via="demo",
                data={
                    "name": f"邻县{town.name[:2]}{names.WORDS[i % len(names.WORDS)]}{stem}{i + 1}",
                    "credit_code": credit_code(rng),
                    "sector": ctx.sectors[sector],
                    "town": town,
                    "department": dept_of[sector],
                    "address": f"邻县{town.name}{rng.choice(names.WORDS)}路{rng.randint(1, 99)}号",
                    "lng": Decimal(f"{float(lng) + rng.uniform(-0.06, 0.06):.6f}"),
                    "lat": Decimal(f"{float(lat) + rng.uniform(-0.05, 0.05):.6f}"),
                    "legal_representative": rng.choice(names.SURNAMES) + rng.choice(names.GIVEN),
                    "safety_manager": rng.choice(names.SURNAMES) + rng.choice(names.GIVEN),
                    "phone": f"0771-{rng.randint(6000000, 6999999)}",
                    "employees": rng.choice([10, 25, 40, 80]),
                    "status": "operating",
                },
            )
        )
    _accidents(ctx, admin, towns, units)
    _city_warning(ctx)


def _city_warning(ctx) -> None:
    """示例市's warning to both counties: 示例县 passed it on to its towns within the hour; 邻县
    has not yet confirmed it."""
    published = clock.now() - dt.timedelta(hours=5)
    warning = alerts.alert_publish(
        actor=ctx.users["city_admin"],
        via="demo",
        now=published,
        counties=list(Division.objects.filter(parent=ctx.city, level="county")),
        data={
            "title": "关于做好近期强对流天气安全防范工作的预警",
            "level": "yellow",
            "kind": "weather",
            "content": "据市气象台预报，未来三天我市大部将出现雷暴大风、短时强降水等强对流天气。"
            "请各县（市、区）立即转发至乡镇和有关部门，加强在建工地、户外广告牌、"
            "人员密集场所和山区道路的巡查，落实24小时值班和领导带班制度。",
            "valid_from": published,
            "valid_to": published + dt.timedelta(days=3),
        },
    )
    alerts.alert_pass_on(
        actor=ctx.admin,
        alert=warning,
        towns=list(ctx.towns.values()),
        now=published + dt.timedelta(minutes=40),
        via="demo",
    )


def _accidents(ctx, admin, towns: list, units: list) -> None:
    """About one accident a month from 1 January two years ago up to last month."""
    rng, today = ctx.rng, ctx.today
    built = []
    month = dt.date(today.year - 2, 1, 1)
    while month < dt.date(today.year, today.month, 1):
        day = month + dt.timedelta(days=rng.randint(0, 27))
        occurred = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(7, 20), 30)))
        if rng.random() < 0.6:
            town, sector, unit, kind = rng.choice(towns), "road_traffic", None, "02"
            title = f"{town.name}乡道车辆碰撞事故"
        else:
            unit = rng.choice(units)
            town, sector, kind = unit.town, unit.sector.code, "03"
            title = f"{unit.name}机械伤害事故"
        built.append(
            accidents.accident_build(
                data={
                    "kind": Kind.ACCIDENT,
                    "title": title,
                    "occurred_at": occurred,
                    "reported_at": occurred + dt.timedelta(minutes=rng.randint(10, 50)),
                    "town": town,
                    "sector": ctx.sectors[sector],
                    "enterprise": unit,
                    "accident_type": kind,
                    "deaths": rng.choices([0, 1], weights=[60, 40])[0],
                    "serious_injuries": rng.randint(0, 2),
                    "minor_injuries": rng.randint(0, 3),
                    "direct_loss": Decimal(rng.randrange(5, 90)) * 1000,
                    "description": "事故发生后，属地镇和行业部门立即赶赴现场处置。",
                }
            )
        )
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    accidents.accident_bulk_create(actor=admin, accidents=built, via="demo")
