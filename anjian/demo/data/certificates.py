"""Demo certificates: the principal, the safety manager and two special-operation workers of
the operating units, issued over the past years so that some expire within 60 days, some have
expired and some special-operation certificates are due for their 复审; written through the
service like every other path."""

import datetime as dt

from anjian.certificates import rules, services
from anjian.registry import names

UNITS = 40
OPERATIONS = ("电工作业", "焊接与热切割作业", "高处作业", "危险化学品安全作业")


def _id_number(ctx, n: int) -> str:
    born = dt.date(1965, 1, 1) + dt.timedelta(days=ctx.rng.randint(0, 12000))
    first17 = f"450102{born:%Y%m%d}{n % 1000:03d}"
    return first17 + rules.id_check_character(first17)


def load(ctx) -> None:
    units = [e for e in ctx.enterprises if e.status == "operating"][:UNITS]
    n = 0
    for i, enterprise in enumerate(units):
        for kind, category, age in (
            ("principal", "", 1095 - 20 if i % 7 == 0 else ctx.rng.randint(30, 900)),
            ("safety_manager", "", 1095 + 15 if i % 9 == 1 else ctx.rng.randint(30, 900)),
            ("special_operation", OPERATIONS[i % 4], 1095 - 30 if i % 5 == 2 else 400),
            ("special_operation", OPERATIONS[(i + 1) % 4], 2190 + 10 if i % 8 == 3 else 200),
        ):
            n += 1
            services.certificate_create(
                actor=ctx.admin,
                via="demo",
                data={
                    "enterprise": enterprise,
                    "holder": ctx.rng.choice(names.SURNAMES) + ctx.rng.choice(names.GIVEN),
                    "id_number": _id_number(ctx, n),
                    "kind": kind,
                    "category": category,
                    "number": f"{enterprise.credit_code[-6:]}-{n:04d}",
                    "issued_on": ctx.today - dt.timedelta(days=age),
                },
            )
