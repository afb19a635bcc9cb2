"""The demo county (示例县): towns, departments, sectors, several hundred units, the demo logins.

Each area's demo data lives in `anjian.demo.data.<area>` (`load(ctx)`, in `LOADERS` order);
everything is written through the same services as the web and API, so the audit log and
validation apply.
"""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from anjian.accounts.models import County, Department, Division, Role, Sector, Town
from anjian.accounts.services import reference_create, user_create
from anjian.core import clock
from anjian.core.identifiers import ALPHABET, credit_code_check_char
from anjian.demo import names, neighbour
from anjian.demo.context import DemoContext
from anjian.demo.data import LOADERS
from anjian.registry.models import Enterprise, EnterpriseStatus
from anjian.registry.services import enterprise_create, licence_create

PASSWORD = "Demo@2024"
DEMO_ACCOUNTS = [
    ("county_admin", Role.COUNTY_ADMIN, "县安委办"),
    ("dept_officer", Role.DEPARTMENT_OFFICER, "县交通运输局"),
    ("town_officer", Role.TOWN_OFFICER, "青山镇"),
    ("enterprise_user", Role.ENTERPRISE_USER, "企业安全负责人"),
    ("leader", Role.LEADER, "县领导"),
    ("auditor", Role.AUDIT_ADMIN, "审计管理员"),
    ("city_admin", Role.CITY_ADMIN, "示例市安委办"),
]
# 邻县's own admin (the outsider of the isolation tests), not printed with the demo logins.
NEIGHBOUR_ADMIN = "linxian_admin"


def is_loaded() -> bool:
    return County.objects.exists()


def credit_code(rng: random.Random) -> str:
    body = (
        "9145"
        + "".join(rng.choice("0123456789") for _ in range(4))
        + "".join(rng.choice(ALPHABET[:10] + "ABCDEFGHJK") for _ in range(9))
    )
    return body + credit_code_check_char(body)


def _divisions(ctx: DemoContext) -> None:
    """示例省 → 示例市 → 示例县 and 邻县 (the towns of 邻县 come after 示例县's data)."""
    code, name = names.PROVINCE
    province = reference_create(
        actor=None, model=Division, code=code, name=name, level="province", via="demo"
    )
    code, name, lng, lat = names.CITY
    ctx.city = reference_create(
        actor=None,
        model=Division,
        code=code,
        name=name,
        level="city",
        parent=province,
        lng=lng,
        lat=lat,
        via="demo",
    )
    _code, name, lng, lat = names.COUNTY
    ctx.division = reference_create(
        actor=None,
        model=Division,
        code=names.COUNTY_DIVISION,
        name=name,
        level="county",
        parent=ctx.city,
        lng=lng,
        lat=lat,
        via="demo",
    )


def _places(ctx: DemoContext) -> None:
    ctx.sectors = {s.code: s for s in Sector.objects.all()}
    for i, (code, name) in enumerate(names.TOWNS):
        ctx.towns[code] = reference_create(
            actor=None,
            model=Town,
            code=code,
            name=name,
            ordering=i,
            county=ctx.division,
            via="demo",
        )
    for i, (code, name, sectors) in enumerate(names.DEPARTMENTS):
        ctx.departments[code] = reference_create(
            actor=None,
            model=Department,
            code=code,
            name=name,
            ordering=i,
            division=ctx.division,
            via="demo",
            sectors=[ctx.sectors[s] for s in sectors],
        )


def _person(rng: random.Random) -> str:
    return rng.choice(names.SURNAMES) + rng.choice(names.GIVEN)


def _enterprises(ctx: DemoContext) -> None:
    rng, admin = ctx.rng, ctx.admin
    lng0, lat0 = float(names.COUNTY[2]), float(names.COUNTY[3])
    town_codes = list(ctx.towns)
    dept_for_sector = {}
    for code, _name, sectors in names.DEPARTMENTS:
        for s in sectors:
            dept_for_sector.setdefault(s, ctx.departments[code])
    used = set()
    for sector_code, (count, stems, suffix, licence_kind) in names.ENTERPRISE_KINDS.items():
        for i in range(count):
            town_code = town_codes[(i * 7 + len(sector_code)) % len(town_codes)]
            town = ctx.towns[town_code]
            name = f"{names.TOWNS[town_codes.index(town_code)][1][:-1]}{rng.choice(names.WORDS)}{stems[i % len(stems)]}{suffix}"
            while name in used:
                name = f"{names.TOWNS[town_codes.index(town_code)][1][:-1]}{rng.choice(names.WORDS)}{rng.choice(names.WORDS)}{stems[i % len(stems)]}{suffix}"
            used.add(name)
            t_index = town_codes.index(town_code)
            status = rng.choices(list(EnterpriseStatus.values), weights=[88, 6, 3, 3])[0]
            enterprise = enterprise_create(
                actor=admin,
                via="demo",
                data={
                    "name": name,
                    "credit_code": credit_code(rng),
                    "sector": ctx.sectors[sector_code],
                    "town": town,
                    "department": dept_for_sector[sector_code],
                    "address": f"示例县{town.name}{rng.choice(names.WORDS)}路{rng.randint(1, 300)}号",
                    "lng": Decimal(
                        f"{lng0 + (t_index % 5 - 2) * 0.09 + rng.uniform(-0.04, 0.04):.6f}"
                    ),
                    "lat": Decimal(
                        f"{lat0 + (t_index // 5 - 0.5) * 0.12 + rng.uniform(-0.05, 0.05):.6f}"
                    ),
                    "legal_representative": _person(rng),
                    "safety_manager": _person(rng),
                    "phone": f"0771-{rng.randint(5000000, 5999999)}",
                    "employees": rng.choice([8, 15, 30, 45, 60, 120, 260, 520]),
                    "status": status,
                },
            )
            ctx.enterprises.append(enterprise)
            if licence_kind:
                _licence(ctx, enterprise, licence_kind, i)


def _licence(ctx: DemoContext, enterprise: Enterprise, kind: str, i: int) -> None:
    # Spread expiry dates: some expired, some expiring within 30/60/90 days, most valid.
    offsets = [-120, -20, 12, 25, 45, 75, 200, 400, 600, 800]
    expires = ctx.today + dt.timedelta(days=offsets[i % len(offsets)] + ctx.rng.randint(0, 4))
    issued = expires - dt.timedelta(days=3 * 365)
    licence_create(
        actor=ctx.admin,
        enterprise=enterprise,
        via="demo",
        data={
            "kind": kind,
            "number": f"（桂）{kind[:2]}字〔{issued.year}〕{enterprise.pk:05d}号",
            "issued_on": issued,
            "expires_on": expires,
        },
    )


def _accounts(ctx: DemoContext) -> None:
    first_town = ctx.towns[names.TOWNS[0][0]]
    own = next(
        e
        for e in ctx.enterprises
        if e.town_id == first_town.pk and e.sector.code == "hazardous_chemicals"
    )
    units = {
        "county_admin": {},
        "leader": {"division": ctx.division},
        "auditor": {},
        "city_admin": {"division": ctx.city},
        "dept_officer": {"department": ctx.departments["transport"]},
        "town_officer": {"town": first_town},
        "enterprise_user": {"enterprise": own},
    }
    for username, role, label in DEMO_ACCOUNTS:
        if username == "county_admin":
            continue
        ctx.users[username] = user_create(
            actor=ctx.admin,
            username=username,
            password=PASSWORD,
            role=role,
            full_name=label,
            via="demo",
            **units[username],
        )


def load(*, today: dt.date | None = None, seed: int = 2024) -> DemoContext:
    """Load the demo county once; a second call does nothing and returns None."""
    if is_loaded():
        return None
    with transaction.atomic():
        rng = random.Random(seed)
        code, name, lng, lat = names.COUNTY
        county = reference_create(
            actor=None, model=County, code=code, name=name, lng=lng, lat=lat, via="demo"
        )
        ctx = DemoContext(today=today or clock.today(), rng=rng, county=county)
        _divisions(ctx)
        _places(ctx)
        ctx.admin = user_create(
            actor=None,
            username="county_admin",
            password=PASSWORD,
            role=Role.COUNTY_ADMIN,
            division=ctx.division,
            full_name="县安委办",
            via="demo",
        )
        ctx.users["county_admin"] = ctx.admin
        _enterprises(ctx)
        _accounts(ctx)
        for module in LOADERS:
            module.load(ctx)
        neighbour.load(ctx)
    return ctx
