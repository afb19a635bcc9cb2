"""Demo inspectors and trainings: the enforcement teams of the main departments and of every town
(one certificate expiring soon in the demo town officer's town, one expired), their trainings this
year, and the demo enterprise's principal, safety-manager and new-staff training, all written
through the services. Loaded before the inspections, whose 双随机 draw takes its inspectors from
this register."""

import datetime as dt

from anjian.accounts.units import Unit
from anjian.demo import names
from anjian.workforce import services

DEPARTMENT_TEAMS = ("emergency", "transport", "fire_rescue", "housing", "market")


def _ago(ctx, n: int) -> dt.date:
    """`n` days ago, but within this year (so the figures show on the year's pages)."""
    return max(dt.date(ctx.today.year, 1, 1), ctx.today - dt.timedelta(days=n))


def _person(ctx) -> str:
    return ctx.rng.choice(names.SURNAMES) + ctx.rng.choice(names.GIVEN)


def _inspectors(ctx) -> dict[str, list]:
    teams: dict[str, list] = {}
    serial = 0
    units = [
        (code, Unit.of_department(ctx.departments[code]), 3)
        for code in DEPARTMENT_TEAMS
        if code in ctx.departments
    ] + [(code, Unit.of_town(town), 2) for code, town in ctx.towns.items()]
    officer = ctx.users.get("town_officer")
    home = officer.town.code if officer is not None else next(iter(ctx.towns), "")
    linked = {"transport": ctx.users.get("dept_officer"), home: officer}
    for code, unit, size in units:
        for n in range(size):
            serial += 1
            issued = ctx.today - dt.timedelta(days=ctx.rng.randint(200, 1500))
            expires = issued + dt.timedelta(days=5 * 365)
            if code == home and n == 1:
                expires = ctx.today + dt.timedelta(days=20)  # expiring: the sweep and todo/ show it
            if code == "market" and n == 0:
                expires = ctx.today - dt.timedelta(days=15)  # expired: never drawn
            user = linked.get(code) if n == 0 else None
            teams.setdefault(code, []).append(
                services.inspector_create(
                    actor=ctx.admin,
                    via="demo",
                    data={
                        "name": ((user.get_full_name() or user.username) if user else _person(ctx)),
                        "department": unit,
                        "user": user,
                        "certificate_number": f"桂执证{ctx.today.year % 100:02d}{serial:05d}",
                        "certificate_issued_on": issued,
                        "certificate_expires_on": expires,
                    },
                )
            )
    return teams


def _trainings(ctx, teams: dict[str, list]) -> None:
    everyone = [i for team in teams.values() for i in team]
    services.training_create(
        actor=ctx.admin,
        via="demo",
        data={
            "title": f"{ctx.today.year}年全县安全生产行政执法人员培训班",
            "held_on": _ago(ctx, 120),
            "hours": 24,
            "kind": "inspector",
            "inspectors": everyone,
        },
    )
    for n, team in enumerate(teams.values()):
        if n % 2:
            continue  # half the teams are still short of the yearly hours
        services.training_create(
            actor=ctx.admin,
            via="demo",
            data={
                "title": "执法案卷评查与文书制作",
                "held_on": _ago(ctx, 30 + n),
                "hours": 16,
                "kind": "inspector",
                "inspectors": team,
            },
        )


def _enterprise_training(ctx) -> None:
    own = ctx.users["enterprise_user"]
    for title, kind, hours, initial, age in (
        ("主要负责人安全生产知识和管理能力初次培训", "principal", 48, True, 700),
        ("主要负责人年度再培训", "principal", 16, False, 60),
        ("安全生产管理人员初次培训", "safety_manager", 48, True, 700),
        ("安全生产管理人员年度再培训", "safety_manager", 8, False, 45),  # short of 16
        ("全员安全生产教育培训", "all_staff", 4, False, 20),
        ("特种作业人员（危险化学品安全作业）复审培训", "special_operation", 8, False, 10),
    ):
        held_on = ctx.today - dt.timedelta(days=age) if initial else _ago(ctx, age)
        services.training_create(
            actor=own,
            via="demo",
            data={
                "title": title,
                "held_on": held_on,
                "hours": hours,
                "kind": kind,
                "initial": initial,
                "attendees": 1 if kind in ("principal", "safety_manager") else 30,
            },
        )
    for worker, levels in (("新员工甲", (24, 24, 24)), ("新员工乙", (24, 24, 16))):
        services.induction_create(
            actor=own,
            via="demo",
            data={
                "worker": worker,
                "starts_on": _ago(ctx, 15),
                "company_hours": levels[0],
                "workshop_hours": levels[1],
                "team_hours": levels[2],
            },
        )
    for enterprise in ctx.enterprises[:12]:
        if enterprise.pk == own.enterprise_id:
            continue
        services.training_create(
            actor=ctx.admin,
            via="demo",
            data={
                "title": f"{enterprise.name}主要负责人年度再培训",
                "held_on": _ago(ctx, ctx.rng.randint(10, 150)),
                "hours": ctx.rng.choice([8, 12, 16]),
                "kind": "principal",
                "enterprise": enterprise,
                "attendees": 1,
            },
        )


def load(ctx) -> None:
    teams = _inspectors(ctx)
    _trainings(ctx, teams)
    _enterprise_training(ctx)
