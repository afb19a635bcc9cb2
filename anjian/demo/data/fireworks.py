"""The demo's fireworks: 宾州 and 龙宾 (the seed's companies) still operating on expired
production licences — the two plants on the watch list —, one plant converting (转产, followed
up quarterly), two 打非 cases and the county's firing rules for the coming Spring Festival.
The other demo fireworks units whose licences had run out are renewed, so the watch list shows
the seed's two. Everything goes through the services."""

import datetime as dt

from django.db.models import Max
from django.utils import timezone
from lunardate import LunarDate

from anjian.core.identifiers import ALPHABET, credit_code_check_char
from anjian.demo.context import DemoContext
from anjian.fireworks import services
from anjian.registry.models import EnterpriseStatus
from anjian.registry.services import enterprise_create, licence_create

PRODUCTION = "烟花爆竹安全生产许可证"


def credit_code(rng) -> str:
    """A valid 统一社会信用代码 (as the demo loader draws them)."""
    body = (
        "9145"
        + "".join(rng.choice("0123456789") for _ in range(4))
        + "".join(rng.choice(ALPHABET[:10] + "ABCDEFGHJK") for _ in range(9))
    )
    return body + credit_code_check_char(body)


def _plant(ctx, town, name: str, expired_days: int):
    plant = enterprise_create(
        actor=ctx.admin,
        via="demo",
        data={
            "name": name,
            "credit_code": credit_code(ctx.rng),
            "sector": ctx.sectors["fireworks"],
            "town": town,
            "department": ctx.departments.get("emergency"),
            "address": f"示例县{town.name}花炮工业区",
            "employees": 45,
            "status": EnterpriseStatus.OPERATING,
        },
    )
    expires = ctx.today - dt.timedelta(days=expired_days)
    licence_create(
        actor=ctx.admin,
        enterprise=plant,
        via="demo",
        data={
            "kind": PRODUCTION,
            "number": f"（桂）WH安许证字〔{expires.year - 3}〕{plant.pk:04d}号",
            "issued_on": expires - dt.timedelta(days=3 * 365),
            "expires_on": expires,
        },
    )
    return plant


def _renew_others(ctx) -> list:
    """The demo's other fireworks units with every licence expired get a renewed one."""
    fireworks = [e for e in ctx.enterprises if e.sector_id == ctx.sectors["fireworks"].pk]
    kept = []
    for enterprise in fireworks:
        latest = enterprise.licences.aggregate(m=Max("expires_on"))["m"]
        if latest is not None and latest < ctx.today:
            licence_create(
                actor=ctx.admin,
                enterprise=enterprise,
                via="demo",
                data={
                    "kind": enterprise.licences.first().kind,
                    "number": f"（桂）续字〔{ctx.today.year}〕{enterprise.pk:05d}号",
                    "issued_on": latest + dt.timedelta(days=1),
                    "expires_on": latest + dt.timedelta(days=3 * 365),
                },
            )
        kept.append(enterprise)
    return kept


def _spring_festival(today: dt.date) -> tuple[dt.date, dt.date]:
    """腊月二十三 to 正月十五 of the coming (or current) Spring Festival."""
    for year in (today.year - 1, today.year, today.year + 1):
        start = LunarDate(year, 12, 23).to_solar_date()
        end = LunarDate(year + 1, 1, 15).to_solar_date()
        if end >= today:
            return start, end
    raise ValueError(today)


def load(ctx: DemoContext) -> None:
    towns = list(ctx.towns.values())
    town = towns[2 % len(towns)]
    others = _renew_others(ctx)
    _plant(ctx, town, "宾州烟花制品有限公司", expired_days=75)
    _plant(ctx, town, "龙宾花炮厂", expired_days=18)
    converting = next(
        (e for e in others if e.status == EnterpriseStatus.OPERATING), None
    ) or _plant(ctx, town, "和平爆竹厂", expired_days=0)
    services.conversion_record(
        actor=ctx.admin,
        via="demo",
        data={
            "enterprise": converting,
            "kind": "converted",
            "on": ctx.today - dt.timedelta(days=40),
            "licences_cancelled": True,
            "stock_disposal": "剩余产品凭临时销售许可售完",
            "workshops": "涉药工房已拆除2栋，改作仓储1栋（现场核实）",
        },
    )
    tz = timezone.get_default_timezone()
    now = dt.datetime.combine(ctx.today, dt.time(9), tzinfo=tz)
    storage = services.case_create(
        actor=ctx.admin,
        via="demo",
        data={
            "clue_source": "grid",
            "received_at": now - dt.timedelta(days=6),
            "town": town,
            "place": "石村废弃民房",
            "kind": "storage",
            "description": "网格员发现废弃民房内堆放成箱烟花",
        },
    )
    services.case_act(actor=ctx.admin, case=storage, action="transfer", data={"to": "emergency"})
    storage.refresh_from_db()
    services.case_act(actor=ctx.admin, case=storage, action="verify", data={"found": True})
    services.case_create(
        actor=ctx.admin,
        via="demo",
        data={
            "clue_source": "online",
            "received_at": now - dt.timedelta(hours=20),
            "town": towns[0],
            "place": "某网店（发货地县城东街）",
            "kind": "trade",
            "description": "网店销售专业燃放类产品",
        },
    )
    start, end = _spring_festival(ctx.today)
    services.firing_rule_create(
        actor=ctx.admin,
        via="demo",
        data={
            "kind": "ban",
            "area": "县城建成区、山林等重点防火区及其边缘50米",
            "starts_on": start,
            "ends_on": end,
            "note": "禁止燃放一切烟花爆竹",
        },
    )
    services.firing_rule_create(
        actor=ctx.admin,
        via="demo",
        data={
            "kind": "limit",
            "area": "各镇镇区",
            "starts_on": start,
            "ends_on": end,
            "hours": "07:00–22:00",
            "note": "仅限C、D级个人燃放类产品",
        },
    )
