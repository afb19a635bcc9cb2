"""Synthetic registry data at scale (`anjian seed --scale county|city|province`), for benchmarks.

Seeded enterprises are recognisable by their credit-code prefix (`SEED_PREFIX`), so seeding is a
top-up: a second run at the same scale adds nothing, a larger scale adds the difference, and any
other data in the database (the demo county, real imports) is left as it is. Towns are seeded
with codes `seed_0000`, `seed_0001`, …; departments are the county's usual ones
(`accounts.sectors.TYPICAL_DEPARTMENTS`, as in the demo county) and are reused when they exist.

Writes go through the same audited bulk path as imports (`enterprise_bulk_create`, and
`audit.bulk_record_create` for licences), in chunks, one transaction per chunk: an interrupted
run leaves whole chunks behind and the next run tops up from there. Every row passes the model's
field validation (credit code check character included); the per-row database checks of
`full_clean` (foreign keys exist, credit code unique, coordinate ranges) hold by construction
here and are skipped for speed: the foreign keys are objects just read or created, the credit
codes come from a sequence above every seeded code, and coordinates are drawn inside their range.
"""

import datetime as dt
import random
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from anjian.accounts.models import Department, Division, Sector, Town
from anjian.accounts.sectors import TYPICAL_DEPARTMENTS as DEPARTMENTS
from anjian.accounts.services import reference_create
from anjian.core import audit, clock
from anjian.core.actors import SYSTEM
from anjian.core.identifiers import credit_code_check_char
from anjian.core.permissions import check_permission
from anjian.registry.models import Enterprise, EnterpriseStatus, Licence
from anjian.registry.names import GIVEN, SURNAMES, WORDS
from anjian.registry.services import enterprise_bulk_create


@dataclass(frozen=True)
class Scale:
    enterprises: int
    towns: int
    cities: int = 0
    counties: int = 0


# A real county has 10-20 towns and a few thousand units; a city about eight counties; a
# province about 14 cities and 110 counties. The county scale builds no division tree.
SCALES = {
    "county": Scale(enterprises=5_000, towns=20),
    "city": Scale(enterprises=50_000, towns=200, cities=1, counties=10),
    "province": Scale(enterprises=500_000, towns=2_000, cities=14, counties=110),
}
# The seeded region's GB/T 2260-shaped codes: "98" is no real province (the demo's is "99").
SEED_PROVINCE = "980000"

# "91" (enterprise, market regulator) + "45" (Guangxi) + "XY": the demo county's codes have only
# digits after "9145", so a seeded code can never collide with a demo one.
SEED_PREFIX = "9145XY"
SEQUENCE_DIGITS = 17 - len(SEED_PREFIX)
TOWN_CODE_PREFIX = "seed_"


# Sector → (relative weight, name stems, suffix, licence kind or None); weights as in the demo.
SECTORS = {
    "non_coal_mine": (14, ["石料", "矿业", "采石"], "有限公司", "安全生产许可证（非煤矿山）"),
    "fireworks": (12, ["烟花", "爆竹", "花炮"], "有限公司", "烟花爆竹经营许可证"),
    "hazardous_chemicals": (22, ["化工", "油品", "气体"], "有限公司", "危险化学品经营许可证"),
    "road_traffic": (50, ["运输", "客运", "物流"], "有限公司", "道路运输经营许可证"),
    "waterway": (12, ["航运", "渡运", "船务"], "有限公司", "水路运输许可证"),
    "fire": (40, ["商场", "酒店", "宾馆", "超市"], "", None),
    "construction": (40, ["建筑", "建设", "工程"], "有限公司", "建筑施工企业安全生产许可证"),
    "industry_trade": (60, ["木业", "糖业", "机械", "食品"], "有限公司", None),
    "special_equipment": (20, ["电梯", "锅炉", "起重"], "有限公司", "特种设备使用登记证"),
    "gas": (12, ["燃气", "液化气"], "有限公司", "燃气经营许可证"),
    "agri_machinery": (15, ["农机", "农业机械"], "专业合作社", None),
    "tourism": (20, ["景区", "旅游", "文化"], "有限公司", "旅行社业务经营许可证"),
    "education": (25, ["中心小学", "中学", "幼儿园"], "", "办学许可证"),
    "forestry": (12, ["林场", "林业"], "", "林木采伐许可证"),
    "other": (10, ["服务", "贸易"], "有限公司", None),
}

# Town names: 50 × 40 two-character combinations; the first characters differ from the demo's.
TOWN_FIRST = "平安和顺福寿康宁永乐太丰瑞祥兴隆昌盛富华光明清泉云峰凤鸣鹤岗桃源杏花梅竹兰桂荷塘茶岭稻香麦田渔樵"
TOWN_SECOND = "坪塘岭坡湾洲圩寨铺岗垌坝口桥溪江湖海峰岩田庄村屯场埠渡关门头尾源林阳阴城堡营"
STATUS_WEIGHTS = [
    (EnterpriseStatus.OPERATING, 88),
    (EnterpriseStatus.SUSPENDED, 6),
    (EnterpriseStatus.CLOSED, 3),
    (EnterpriseStatus.CONVERTED, 3),
]
# Licence expiry relative to today: some expired, some due within 30/60/90 days, most valid.
EXPIRY_OFFSETS = [-120, -20, 12, 25, 45, 75, 200, 400, 600, 800]
# Checked by `full_clean` through the database, true by construction here (see the docstring).
DB_CHECKED_FIELDS = ["town", "sector", "department"]


@dataclass
class SeedResult:
    scale: str
    towns: int = 0
    towns_created: int = 0
    enterprises: int = 0
    enterprises_created: int = 0
    licences_created: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"seed {self.scale}: {self.enterprises} seeded enterprises "
            f"(+{self.enterprises_created}), {self.towns} seeded towns (+{self.towns_created}), "
            f"+{self.licences_created} licences, "
            f"+{self.enterprises_created + self.licences_created} audit entries "
            f"in {self.seconds:.1f} s"
        )


def seed_credit_code(n: int) -> str:
    body = f"{SEED_PREFIX}{n:0{SEQUENCE_DIGITS}d}"
    return body + credit_code_check_char(body)


def seed_town_name(i: int) -> str:
    first, second = (
        TOWN_FIRST[i % len(TOWN_FIRST)],
        TOWN_SECOND[i // len(TOWN_FIRST) % len(TOWN_SECOND)],
    )
    lap = i // (len(TOWN_FIRST) * len(TOWN_SECOND))
    return f"{first}{second}{lap + 1 if lap else ''}镇"


def seeded_enterprises():
    return Enterprise.objects.filter(credit_code__startswith=SEED_PREFIX)


def _towns(actor, count: int, result: SeedResult) -> list[Town]:
    existing = {t.code: t for t in Town.objects.filter(code__startswith=TOWN_CODE_PREFIX)}
    taken = set(Town.objects.values_list("name", flat=True))
    for i in range(count):
        code = f"{TOWN_CODE_PREFIX}{i:04d}"
        if code in existing:
            continue
        name = seed_town_name(i)
        if name in taken:  # a real town of that name exists: keep ours apart
            name = f"{name[:-1]}{i}镇"
        existing[code] = reference_create(
            actor=actor, model=Town, code=code, name=name, ordering=1000 + i, via="seed"
        )
        result.towns_created += 1
    result.towns = len(existing)
    return [existing[f"{TOWN_CODE_PREFIX}{i:04d}"] for i in range(count)]


def _divisions(actor, target: Scale, towns: list[Town]) -> None:
    """The seeded province (at province scale), its cities and counties, and each seeded town
    in one county (contiguous runs of towns per county); the towns' denormalised city and
    province ids are written with it."""
    if not target.counties:
        return
    province = None
    if target.cities > 1:
        province = Division.objects.filter(code=SEED_PROVINCE).first() or reference_create(
            actor=actor,
            model=Division,
            code=SEED_PROVINCE,
            name="种子省",
            level="province",
            via="seed",
        )
    counties: list[tuple[Division, Division]] = []
    for c in range(target.cities):
        code = f"98{c + 1:02d}00"
        city = Division.objects.filter(code=code).first() or reference_create(
            actor=actor,
            model=Division,
            code=code,
            name=f"种子{c + 1}市",
            level="city",
            parent=province,
            via="seed",
        )
        share = range(
            c * target.counties // target.cities, (c + 1) * target.counties // target.cities
        )
        for k, _n in enumerate(share):
            code = f"98{c + 1:02d}{21 + k:02d}"
            county = Division.objects.filter(code=code).first() or reference_create(
                actor=actor,
                model=Division,
                code=code,
                name=f"种子{c + 1}市{k + 1}县",
                level="county",
                parent=city,
                via="seed",
            )
            counties.append((county, city))
    for i, town in enumerate(towns):
        county, city = counties[i * len(counties) // len(towns)]
        town.county_id, town.city_id = county.pk, city.pk
        town.province_id = province.pk if province else None
    Town.objects.bulk_update(towns, ["county", "city", "province"], batch_size=500)


def _departments(actor) -> dict[str, Department]:
    """Sector code → the (first) department supervising it, creating missing departments."""
    sectors = {s.code: s for s in Sector.objects.all()}
    found = {
        d.code: d for d in Department.objects.filter(code__in=[c for c, _n, _s in DEPARTMENTS])
    }
    for i, (code, name, sector_codes) in enumerate(DEPARTMENTS):
        if code not in found:
            found[code] = reference_create(
                actor=actor,
                model=Department,
                code=code,
                name=name,
                ordering=i,
                via="seed",
                sectors=[sectors[s] for s in sector_codes],
            )
    by_sector: dict[str, Department] = {}
    for code, _name, sector_codes in DEPARTMENTS:
        for sector_code in sector_codes:
            by_sector.setdefault(sector_code, found[code])
    return by_sector


def _enterprise(
    n: int, rng: random.Random, town: Town, sector: Sector, department: Department
) -> Enterprise:
    weight, stems, suffix, _kind = SECTORS[sector.code]
    short = town.name[:-1]
    return Enterprise(
        name=f"{short}{rng.choice(WORDS)}{rng.choice(stems)}{suffix}",
        credit_code=seed_credit_code(n),
        sector=sector,
        town=town,
        department=department,
        address=f"{town.name}{rng.choice(WORDS)}路{rng.randint(1, 300)}号",
        lng=Decimal(f"{108.3 + rng.uniform(-1.5, 1.5):.6f}"),
        lat=Decimal(f"{22.8 + rng.uniform(-1.5, 1.5):.6f}"),
        legal_representative=rng.choice(SURNAMES) + rng.choice(GIVEN),
        safety_manager=rng.choice(SURNAMES) + rng.choice(GIVEN),
        phone=f"0771-{rng.randint(5000000, 5999999)}",
        employees=rng.choice([8, 15, 30, 45, 60, 120, 260, 520]),
        status=rng.choices(*zip(*STATUS_WEIGHTS, strict=True))[0],
    )


def _licence(
    n: int, rng: random.Random, enterprise: Enterprise, kind: str, today: dt.date
) -> Licence:
    expires = today + dt.timedelta(days=EXPIRY_OFFSETS[n % len(EXPIRY_OFFSETS)] + rng.randint(0, 4))
    issued = expires - dt.timedelta(days=3 * 365)
    return Licence(
        enterprise=enterprise,
        kind=kind,
        number=f"SEED-{n:0{SEQUENCE_DIGITS}d}",
        issued_on=issued,
        expires_on=expires,
    )


def _chunk(
    actor,
    start: int,
    stop: int,
    towns: list[Town],
    plan: list[tuple[Sector, Department]],
    weights: list[int],
    today: dt.date,
) -> int:
    """Create the seeded enterprises numbered [start, stop) and their licences; return licences."""
    rng = random.Random(start)
    enterprises = []
    for n in range(start, stop):
        sector, department = rng.choices(plan, cum_weights=weights)[0]
        enterprise = _enterprise(n, rng, towns[rng.randrange(len(towns))], sector, department)
        enterprise.clean_fields(exclude=DB_CHECKED_FIELDS)
        enterprises.append(enterprise)
    with transaction.atomic():
        enterprise_bulk_create(actor=actor, enterprises=enterprises, via="seed")
        licences = []
        for enterprise, n in zip(enterprises, range(start, stop), strict=True):
            kind = SECTORS[enterprise.sector.code][3]
            if kind:
                licence = _licence(n, rng, enterprise, kind, today)
                licence.clean_fields(exclude=["enterprise"])
                licences.append(licence)
        Licence.objects.bulk_create(licences, batch_size=2000)
        audit.bulk_record_create(actor=actor, instances=licences, via="seed")
    return len(licences)


def seed(
    *,
    scale: str,
    actor: Any = SYSTEM,
    enterprises: int | None = None,
    towns: int | None = None,
    chunk_size: int = 2000,
    progress=None,
) -> SeedResult:
    """Top the seeded data up to `scale` (or explicit counts); see the module docstring."""
    check_permission(actor, "county_admin")
    target = SCALES[scale] if scale in SCALES else None
    if target is None:
        raise ValueError(f"unknown scale {scale!r}; one of: {', '.join(SCALES)}")
    wanted = target.enterprises if enterprises is None else enterprises
    began = time.monotonic()
    result = SeedResult(scale=scale)
    with transaction.atomic():
        town_list = _towns(actor, target.towns if towns is None else towns, result)
        _divisions(actor, target, town_list)
        by_sector = _departments(actor)
    sectors = {s.code: s for s in Sector.objects.filter(code__in=list(SECTORS))}
    plan = [(sectors[code], by_sector[code]) for code in SECTORS]
    weights = []
    for code in SECTORS:
        weights.append((weights[-1] if weights else 0) + SECTORS[code][0])
    last = (
        seeded_enterprises().order_by("-credit_code").values_list("credit_code", flat=True).first()
    )
    start = int(last[len(SEED_PREFIX) : 17]) + 1 if last else 0
    have = seeded_enterprises().count()
    stop = start + max(0, wanted - have)
    today = clock.today()
    for chunk_start in range(start, stop, chunk_size):
        chunk_stop = min(stop, chunk_start + chunk_size)
        result.licences_created += _chunk(
            actor, chunk_start, chunk_stop, town_list, plan, weights, today
        )
        result.enterprises_created += chunk_stop - chunk_start
        if progress:
            progress(result)
    result.enterprises = have + result.enterprises_created
    result.seconds = time.monotonic() - began
    return result
