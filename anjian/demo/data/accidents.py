"""Demo accidents: the previous years in full and the current year up to today.

Road traffic dominates, with some construction, fire and industry, as in a real county; the
first quarter of the current year falls entirely in road traffic, as in the seed's speech.
Older accidents are bulk-created (audited) and forwarded; the current month's go through
`accident_report` so that the county admin is notified as for a real report.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from anjian.accidents import services
from anjian.accidents.models import Kind
from anjian.core import clock

# sector → (weight, [(GB 6441 type, title pattern)])
SECTORS = {
    "road_traffic": (68, [("02", "{place}两车相撞事故"), ("02", "{place}货车侧翻事故"),
                          ("02", "{place}摩托车与小客车碰撞事故"), ("02", "{place}行人被撞事故"),
                          ("02", "{place}农用车翻车事故")]),
    "construction": (9, [("09", "{unit}施工工地高处坠落事故"), ("10", "{unit}基坑坍塌事故"),
                         ("04", "{unit}塔吊起重伤害事故"), ("01", "{unit}物体打击事故")]),
    "fire": (7, [("08", "{unit}火灾事故"), ("08", "{place}民房火灾事故")]),
    "industry_trade": (7, [("03", "{unit}机械伤害事故"), ("05", "{unit}触电事故"),
                           ("19", "{unit}有限空间中毒窒息事故")]),
    "special_equipment": (3, [("04", "{unit}叉车伤害事故"), ("17", "{unit}压力容器爆炸事故")]),
    "waterway": (2, [("06", "{place}渡船落水事故")]),
    "agri_machinery": (2, [("02", "{place}拖拉机翻车事故")]),
    "non_coal_mine": (2, [("10", "{unit}采石场边坡坍塌事故"), ("01", "{unit}物体打击事故")]),
}
ROADS = ["G323线", "S210线", "县道X512", "乡道Y031", "环城路", "二级公路"]


def _pick_sector(rng, on: dt.date, today: dt.date) -> str:
    if on.year == today.year and on.month <= 3:
        return "road_traffic"
    codes = list(SECTORS)
    return rng.choices(codes, weights=[SECTORS[c][0] for c in codes])[0]


def _figures(rng, sector: str) -> dict:
    deaths = rng.choices([0, 1, 2], weights=[35, 55, 10])[0]
    serious = rng.choices([0, 1, 2, 3], weights=[40, 35, 15, 10])[0]
    minor = rng.choices([0, 1, 2, 4], weights=[30, 35, 25, 10])[0]
    loss = Decimal(rng.randrange(8, 160)) * 1000
    if sector == "fire":
        loss *= 4
    return {"deaths": deaths, "missing": 0, "serious_injuries": serious,
            "minor_injuries": minor, "direct_loss": loss}


def _accident(ctx, on: dt.date, today: dt.date) -> dict:
    rng = ctx.rng
    sector = _pick_sector(rng, on, today)
    accident_type, pattern = rng.choice(SECTORS[sector][1])
    town = rng.choice(list(ctx.towns.values()))
    units = [e for e in ctx.enterprises if e.sector.code == sector]
    enterprise = None
    if sector != "road_traffic" and units:
        local = [e for e in units if e.town_id == town.pk]
        enterprise = rng.choice(local or units)
        town = enterprise.town
    occurred = timezone.make_aware(dt.datetime.combine(on, dt.time(rng.randint(6, 22),
                                                                    rng.choice([0, 15, 30, 45]))))
    delay = rng.choices([rng.randint(8, 55), 60, rng.randint(61, 240)], weights=[84, 4, 12])[0]
    place = town.name + rng.choice(ROADS) if sector == "road_traffic" else town.name
    title = pattern.format(place=place, unit=enterprise.name if enterprise else place)
    return {"kind": Kind.ACCIDENT, "title": title, "occurred_at": occurred,
            "reported_at": occurred + dt.timedelta(minutes=delay), "town": town,
            "sector": ctx.sectors[sector], "enterprise": enterprise,
            "accident_type": accident_type, **_figures(rng, sector),
            "description": "事故发生后，属地镇和行业部门立即赶赴现场，组织救援并开展调查。",
            "cause": "驾驶人操作不当、安全防护措施不到位。" if sector == "road_traffic" else
            "企业安全生产主体责任落实不到位，现场安全管理缺失。"}


def _days(ctx, today: dt.date) -> list[dt.date]:
    """About three or four accidents a month from 1 January two years ago up to today."""
    rng, days = ctx.rng, []
    month = dt.date(today.year - 2, 1, 1)
    while month <= today:
        following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        last = min(following - dt.timedelta(days=1), today)
        for _ in range(rng.choices([1, 2, 3, 4, 5, 6], weights=[6, 16, 26, 26, 16, 10])[0]):
            days.append(month + dt.timedelta(days=rng.randint(0, (last - month).days)))
        month = following
    return sorted(days)


def load(ctx) -> None:
    today = ctx.today
    admin = ctx.admin
    this_month = dt.date(today.year, today.month, 1)
    older, recent = [], []
    for on in _days(ctx, today):
        data = _accident(ctx, on, today)
        if data["occurred_at"] > clock.now():
            continue
        (recent if on >= this_month else older).append(data)
    # One 较大 accident last year: a bus crash with three deaths.
    big = _accident(ctx, dt.date(today.year - 1, 7, 14), today)
    big.update(title=big["town"].name + "G323线客车侧翻较大事故", sector=ctx.sectors["road_traffic"],
               enterprise=None, accident_type="02", deaths=3, serious_injuries=6,
               minor_injuries=11, direct_loss=Decimal("2860000"))
    older.append(big)
    built = [services.accident_build(data=d) for d in older]
    services.accident_bulk_create(actor=admin, accidents=built, via="demo")
    for accident in built:
        services.accident_forward(actor=admin, accident=accident, level="city", via="demo",
                                  forwarded_at=accident.reported_at + dt.timedelta(minutes=50))
    for data in recent:
        services.accident_report(actor=admin, data=data, via="demo")
    _revisions(ctx, built)
    _dangerous_occurrence(ctx, today)


def _revisions(ctx, accidents: list) -> None:
    """A few 补报: an injured person died in hospital days later (regraded where it counts)."""
    injured = [a for a in accidents if a.serious_injuries and a.sector.code != "road_traffic"]
    for accident in injured[:3] + [a for a in accidents if a.grade == "large"]:
        services.accident_revise(
            actor=ctx.admin, accident=accident, via="demo",
            now=accident.occurred_at + dt.timedelta(days=3),
            figures={"deaths": accident.deaths + 1,
                     "serious_injuries": accident.serious_injuries - 1},
            note="一名重伤人员经抢救无效死亡，补报死亡人数。")


def _dangerous_occurrence(ctx, today: dt.date) -> None:
    town = ctx.towns[next(iter(ctx.towns))]
    occurred = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=40),
                                                       dt.time(15, 20)))
    services.accident_report(actor=ctx.admin, via="demo", data={
        "kind": Kind.DANGEROUS_OCCURRENCE, "title": town.name + "商贸城火情人员疏散事件",
        "occurred_at": occurred, "reported_at": occurred + dt.timedelta(minutes=25),
        "town": town, "sector": ctx.sectors["fire"], "accident_type": "08",
        "evacuated": 620, "endangered": 40, "direct_loss": Decimal("35000"),
        "description": "商贸城一楼商铺电气线路起火，及时扑灭，疏散群众620人，无人员伤亡。"})
