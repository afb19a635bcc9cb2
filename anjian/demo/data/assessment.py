"""Demo responsibilities: the department–sector matrix, leaders' assignments for the year with
a sector and a town left without a leader (the 监管盲区 page finds them), one finding of 迟报,
two accountability records, the demo enterprise's own lists, and the annual assessment's
targets and hand scores with one town vetoed by a 较大 accident."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from anjian.accidents import services as accident_services
from anjian.accidents.models import Accident
from anjian.accounts.units import Unit
from anjian.assessment import results, scoring_services, services
from anjian.hazards.models import Hazard

# (person, title, sectors in charge); the towns but the last are linked in turn. `forestry`
# and the last town are left to nobody on purpose (the gaps page finds them).
LEADERS = [
    ("王建国", "县委书记", []),
    ("李明华", "县长", ["hazardous_chemicals", "non_coal_mine", "fireworks"]),
    ("张卫东", "常务副县长", ["industry_trade", "construction", "gas", "other"]),
    ("陈志强", "副县长（公安局长）", ["road_traffic", "waterway", "fire"]),
    ("刘海燕", "副县长", ["education", "tourism", "special_equipment", "agri_machinery"]),
]


def _matrix(ctx) -> None:
    for sector in ctx.sectors.values():
        departments = list(sector.departments.order_by("ordering", "code"))
        if departments:
            services.sector_duty_set(
                actor=ctx.admin,
                sector=sector,
                lead=departments[0],
                cooperating=departments[1:],
                via="demo",
            )


def _leaders(ctx) -> None:
    linked = list(ctx.towns.values())[:-1]
    leader_user = ctx.users.get("leader")
    for i, (person, title, sectors) in enumerate(LEADERS):
        services.responsibility_create(
            actor=ctx.admin,
            via="demo",
            data={
                "person": person,
                "title": title,
                "year": ctx.today.year,
                "user": leader_user if i == 1 else None,
                "sectors": [ctx.sectors[c] for c in sectors if c in ctx.sectors],
                "towns": linked[i :: len(LEADERS)],
            },
        )


def _findings_and_accountability(ctx) -> None:
    late = Accident.objects.filter(report_late=True).order_by("-occurred_at").first()
    if late is not None:
        services.finding_create(
            actor=ctx.admin,
            accident=late,
            kind="late",
            via="demo",
            note="事故发生后超过1小时才向县应急管理局报告，经调查认定为迟报。",
        )
        services.accountability_create(
            actor=ctx.admin,
            unit=Unit.of_town(late.town),
            via="demo",
            data={
                "kind": "interview",
                "date": ctx.today - dt.timedelta(days=20),
                "reason": "辖区内发生生产安全事故且迟报，约谈镇主要负责人。",
                "decided_by": "县安全生产委员会",
                "accident": late,
            },
        )
    overdue = (
        Hazard.objects.open()
        .overdue(on=ctx.today)
        .filter(enterprise__isnull=False)
        .select_related("enterprise")
        .first()
    )
    if overdue is not None:
        services.accountability_create(
            actor=ctx.admin,
            unit=Unit.of_enterprise(overdue.enterprise),
            via="demo",
            data={
                "kind": "rectification_order",
                "date": ctx.today - dt.timedelta(days=5),
                "reason": "隐患逾期未整改，责令限期整改到位。",
                "decided_by": "县应急管理局",
                "hazard": overdue,
            },
        )


def _enterprise_lists(ctx) -> None:
    """The demo enterprise's 责任制 (one position not yet signed) and four of the 五到位."""
    user = ctx.users.get("enterprise_user")
    if user is None or user.enterprise_id is None:
        return
    enterprise = user.enterprise
    signed_on = ctx.today - dt.timedelta(days=60)
    for position, holder, duties, signed in [
        (
            "主要负责人",
            "黄志刚",
            "建立健全并落实本单位全员安全生产责任制，组织制定安全生产规章制度和操作规程，"
            "保证安全生产投入的有效实施。",
            True,
        ),
        (
            "安全管理人员",
            "周丽",
            "组织开展隐患排查治理，督促落实重大危险源的安全管理措施，"
            "制止和纠正违章指挥、强令冒险作业。",
            True,
        ),
        ("班组长", "吴强", "落实班前安全讲话和岗位安全检查，组织班组人员参加安全培训。", False),
    ]:
        services.safety_position_create(
            actor=user,
            enterprise=enterprise,
            via="demo",
            data={
                "position": position,
                "holder": holder,
                "duties": duties,
                "signed": signed,
                "signed_on": signed_on if signed else None,
            },
        )
    for item, note in [
        ("responsibility", "责任书已逐级签订"),
        ("management", "制度汇编已印发"),
        ("investment", "按规定提取安全生产费用"),
        ("training", "年度全员培训已完成"),
    ]:
        services.five_in_place_set(
            actor=user, enterprise=enterprise, item=item, in_place=True, note=note, via="demo"
        )


def _annual_assessment(ctx) -> None:
    """The year's default scheme, control targets for every town and department, the items
    scored by hand with their evidence, and one 较大 accident this year in the second town
    (its veto shows on the results page)."""
    year = ctx.today.year
    scoring_services.scheme_get_or_default(year)
    rng = ctx.rng
    for unit in results.assessed_units(Unit.county()):
        town = unit.kind == "town"
        scoring_services.target_set(
            actor=ctx.admin,
            year=year,
            unit=unit,
            max_accidents=3 if town else 5,
            max_deaths=2 if town else 3,
            via="demo",
        )
        scoring_services.hand_score_set(
            actor=ctx.admin,
            year=year,
            unit=unit,
            item="responsibility",
            points=rng.choice([11, 12, 13, 13.5, 14, 15]),
            evidence="安全生产责任书、党政领导述职材料和“三个必须”落实台账",
            via="demo",
        )
        if rng.random() < 0.4:
            scoring_services.hand_score_set(
                actor=ctx.admin,
                year=year,
                unit=unit,
                item="bonus",
                points=rng.choice([1, 2, 3]),
                evidence="安全生产工作经验在市级以上推广",
                via="demo",
            )
    towns = list(ctx.towns.values())
    if len(towns) < 2:
        return
    town = towns[1]
    occurred = timezone.make_aware(
        dt.datetime.combine(ctx.today - dt.timedelta(days=45), dt.time(9, 40))
    )
    if occurred.year != year:
        occurred = timezone.make_aware(dt.datetime.combine(ctx.today, dt.time(0, 30)))
    accident_services.accident_report(
        actor=ctx.admin,
        via="demo",
        data={
            "title": f"{town.name}建材厂粉尘爆炸较大事故",
            "occurred_at": occurred,
            "reported_at": occurred + dt.timedelta(minutes=40),
            "town": town,
            "sector": ctx.sectors["industry_trade"],
            "accident_type": "18",
            "deaths": 3,
            "serious_injuries": 2,
            "direct_loss": Decimal("4200000"),
            "description": "车间除尘系统发生粉尘爆炸，造成3人死亡、2人重伤。",
            "cause": "除尘系统未按规定清理，现场违规动火作业。",
        },
    )


def load(ctx) -> None:
    _matrix(ctx)
    _leaders(ctx)
    _findings_and_accountability(ctx)
    _enterprise_lists(ctx)
    _annual_assessment(ctx)
