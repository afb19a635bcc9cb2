"""Demo plans and drills: the county, every town and the high-risk units (some drills overdue,
some plans filed late), all written through the services."""

import datetime as dt

from anjian.accounts.units import Unit
from anjian.emergency import rules, services
from anjian.emergency.workdays import is_workday

HIGH_RISK_UNITS = 8


def _days(ctx, n: int) -> dt.date:
    return ctx.today - dt.timedelta(days=n)


def _filed(ctx, published: dt.date, *, late: bool) -> dict:
    deadline = rules.filing_deadline(published, is_workday=is_workday)
    filed = (
        deadline + dt.timedelta(days=ctx.rng.randint(3, 20))
        if late
        else (published + dt.timedelta(days=ctx.rng.randint(3, 15)))
    )
    filed = min(filed, ctx.today)
    return {"filed_on": filed, "filing_number": f"备{published.year}-{ctx.rng.randint(100, 999)}"}


def _plan(ctx, *, drills: list[int], **data):
    plan = services.plan_create(actor=ctx.admin, via="demo", data=data)
    for age in drills:
        services.drill_create(
            actor=ctx.admin,
            plan=plan,
            via="demo",
            data={
                "held_on": _days(ctx, age),
                "form": ctx.rng.choice(["tabletop", "functional", "full_scale"]),
                "participants": ctx.rng.randint(12, 120),
                "evaluation": "响应程序基本顺畅，分工明确。",
                "problems": ctx.rng.choice(
                    ["", "应急物资清单未及时更新。", "通讯联络表部分号码失效。"]
                ),
            },
        )
    return plan


def load(ctx) -> None:
    published = _days(ctx, 900)
    _plan(
        ctx,
        drills=[820],
        unit=Unit.of_division(ctx.division) if ctx.division is not None else "county",
        kind="comprehensive",
        title="示例县生产安全事故应急预案",
        published_on=published,
        evaluated_on=published,
        **_filed(ctx, published, late=False),
    )
    for n, town in enumerate(ctx.towns.values()):
        published = _days(ctx, 400 + 30 * n)
        # Every third town has not drilled for over two years: overdue.
        drills = [] if n % 3 == 2 else [ctx.rng.randint(30, 300)]
        if n % 3 == 2:
            published = _days(ctx, 800)
        _plan(
            ctx,
            drills=drills,
            unit=town.code,
            kind="comprehensive",
            title=f"{town.name}生产安全事故应急预案",
            published_on=published,
            **_filed(ctx, published, late=n % 4 == 1),
        )
    own = ctx.users["enterprise_user"].enterprise
    risky = [
        e
        for e in ctx.enterprises
        if e.sector.code in rules.HIGH_RISK_SECTORS and e.pk != getattr(own, "pk", None)
    ][:HIGH_RISK_UNITS]
    if own is not None:
        risky.insert(0, own)
    for n, enterprise in enumerate(risky):
        published = _days(ctx, 500 + 10 * n)
        late = n % 3 == 1
        overdue = n % 2 == 1
        _plan(
            ctx,
            drills=[] if overdue else [ctx.rng.randint(20, 150)],
            enterprise=enterprise,
            kind="comprehensive",
            title=f"{enterprise.name}生产安全事故综合应急预案",
            published_on=published,
            **_filed(ctx, published, late=late),
        )
        _plan(
            ctx,
            drills=[200] if overdue else [ctx.rng.randint(10, 120)],
            enterprise=enterprise,
            kind="onsite",
            title=f"{enterprise.name}泄漏着火现场处置方案",
            published_on=published,
        )
