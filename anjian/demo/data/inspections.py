"""Demo inspections: a county-made pre-holiday checklist, two campaigns half done.

The 危险化学品专项整治 runs over chemicals and fireworks in every town; two towns have not
inspected anything yet (the page shows them as not reported). The 节前安全生产大检查 for the next
holiday has just started. Problems become hazards through `hazard_create`; some of them have been
rectified and closed through the hazards workflow, others are overdue.
"""

import datetime as dt

from lunardate import LunarDate

from anjian.core.actors import SYSTEM
from anjian.hazards.models import PLAN_FIELDS
from anjian.hazards.services import hazard_update
from anjian.hazards.workflow import hazard_transition
from anjian.inspections import campaigns, selectors, services
from anjian.inspections.models import CampaignKind, Outcome

GENERAL_ITEMS = [
    "节日期间值班值守和领导带班制度未落实。",
    "安全出口、疏散通道堵塞或者锁闭。",
    "消防设施、器材缺失、损坏或者超过有效期。",
    "应急预案未修订或者节前未组织演练。",
    "从业人员节前安全教育培训未开展。",
    "动火、高处、有限空间等危险作业未审批。",
    "车辆、设备带病运行或者未按期检验。",
]
NOTES = ["现场检查发现", "查阅台账发现", "抽查发现", "询问从业人员发现"]
PLAN_TEXT = [
    "消除隐患，确保节日期间安全",
    "停用整改，委托专业单位处理",
    "落实整改资金及物资",
    "企业主要负责人牵头整改",
    "限期完成，逐项验收",
    "整改期间设置警戒，专人监护",
]


def next_holiday(today: dt.date) -> tuple[str, dt.date]:
    """The next statutory holiday at least a week away (fixed-date and lunar festivals)."""
    days = []
    for year in (today.year, today.year + 1):
        days += [
            ("元旦", dt.date(year, 1, 1)),
            ("劳动节", dt.date(year, 5, 1)),
            ("国庆节", dt.date(year, 10, 1)),
            ("春节", LunarDate(year, 1, 1).toSolarDate()),
            ("端午节", LunarDate(year, 5, 5).toSolarDate()),
            ("中秋节", LunarDate(year, 8, 15).toSolarDate()),
        ]
    return min((d, n) for n, d in days if d > today + dt.timedelta(days=7))[::-1]


def _general_checklist(ctx):
    checklist = services.checklist_create(
        actor=ctx.admin,
        via="demo",
        data={
            "code": "county-pre-holiday",
            "name": "节前安全生产大检查通用检查表",
            "standard": "示例县安委办",
            "version": str(ctx.today.year),
            "active": True,
            "description": "县安委办编制，适用于节前安全生产大检查各行业领域。",
        },
    )
    for text in GENERAL_ITEMS:
        services.checklist_item_create(
            actor=ctx.admin, checklist=checklist, via="demo", data={"text": text}
        )
    return checklist


class _Run:
    def __init__(self, ctx):
        self.ctx, self.rng, self.today = ctx, ctx.rng, ctx.today
        self.town_officer = ctx.users.get("town_officer")
        self.dept_officer = ctx.users.get("dept_officer")
        self.enterprise_user = ctx.users.get("enterprise_user")

    def inspector(self, enterprise):
        if self.town_officer and enterprise.town_id == self.town_officer.town_id:
            return self.town_officer
        if self.dept_officer and enterprise.sector.code in ("road_traffic", "waterway"):
            return self.dept_officer
        return self.ctx.admin

    def inspect(self, campaign, enterprise, *, day, problem_rate, actor=None):
        checklist = campaign.checklist or selectors.checklists_for(enterprise=enterprise).first()
        if checklist is None:
            return None
        items = list(checklist.items.filter(active=True))
        problems = set()
        if self.rng.random() < problem_rate:
            problems = set(self.rng.sample(range(len(items)), k=self.rng.choice([1, 1, 2])))
        results = [
            {
                "item": item,
                "note": self.rng.choice(NOTES) if i in problems else "",
                "outcome": Outcome.PROBLEM
                if i in problems
                else (Outcome.NOT_APPLICABLE if self.rng.random() < 0.1 else Outcome.OK),
            }
            for i, item in enumerate(items)
        ]
        return services.inspection_create(
            actor=actor or self.inspector(enterprise),
            via="demo",
            results=results,
            hazard_deadline=day + dt.timedelta(days=self.rng.choice([10, 15, 30])),
            data={
                "enterprise": enterprise,
                "checklist": checklist,
                "campaign": campaign,
                "inspected_on": day,
                "inspectors": self.rng.choice(["李明、王芳", "张伟、刘洋", "陈静、黄勇"]),
            },
        )

    def rectify(self, inspection) -> None:
        """Walk the hazards of an inspection to closed (the unit fixes, the county accepts)."""
        for result in inspection.results.filter(hazard__isnull=False).select_related("hazard"):
            hazard = result.hazard
            data = {"responsible_person": "赵强", "measures": "已按要求整改到位", "funds": 1000,
                    "contingency_plan": "整改期间设置警示标志，专人值守"}
            if hazard.is_major:
                data.update(dict(zip(PLAN_FIELDS, PLAN_TEXT, strict=True)))
            hazard = hazard_update(actor=self.ctx.admin, hazard=hazard, data=data, via="demo")
            for action in ("acknowledge", "submit"):
                hazard_transition(actor=SYSTEM, hazard=hazard, action=action, via="demo")
            hazard_transition(
                actor=self.ctx.admin,
                hazard=hazard,
                action="accept",
                comment="经现场复查，整改到位，同意销号",
                via="demo",
            )

    def run(
        self,
        campaign,
        *,
        share: float,
        problem_rate: float,
        skip_towns=(),
        rectify_rate: float = 0.0,
        within_days: int = 366,
    ) -> None:
        span = max(
            0, min((min(self.today, campaign.ends_on) - campaign.starts_on).days, within_days)
        )
        targets = campaign.targets.select_related("enterprise__sector").order_by("pk")
        for target in targets:
            enterprise = target.enterprise
            if enterprise.town_id in skip_towns or self.rng.random() >= share:
                continue
            day = campaign.starts_on + dt.timedelta(days=self.rng.randint(0, span))
            inspection = self.inspect(campaign, enterprise, day=day, problem_rate=problem_rate)
            if inspection and self.rng.random() < rectify_rate:
                self.rectify(inspection)


def load(ctx) -> None:
    run = _Run(ctx)
    general = _general_checklist(ctx)
    towns = list(ctx.towns.values())
    special = campaigns.campaign_create(
        actor=ctx.admin,
        via="demo",
        data={
            "name": f"{ctx.today.year}年危险化学品和烟花爆竹专项整治",
            "kind": CampaignKind.SPECIAL,
            "sectors": [ctx.sectors["hazardous_chemicals"], ctx.sectors["fireworks"]],
            "towns": towns,
            "starts_on": ctx.today - dt.timedelta(days=45),
            "ends_on": ctx.today + dt.timedelta(days=30),
            "description": "对全县危险化学品生产经营单位和烟花爆竹生产经营单位开展重大事故隐患排查，"
            "依据重大事故隐患判定标准逐项检查。",
        },
    )
    run.run(
        special,
        share=0.65,
        problem_rate=0.35,
        rectify_rate=0.4,
        within_days=25,
        skip_towns={t.pk for t in towns[-2:]},
    )
    own = run.enterprise_user.enterprise if run.enterprise_user else None
    if own and special.targets.filter(enterprise=own).exists():
        run.inspect(
            special,
            own,
            day=ctx.today - dt.timedelta(days=3),
            problem_rate=0,
            actor=run.enterprise_user,
        )
    name, holiday = next_holiday(ctx.today)
    pre = campaigns.campaign_create(
        actor=ctx.admin,
        via="demo",
        data={
            "name": f"{holiday.year}年{name}前安全生产大检查",
            "kind": CampaignKind.PRE_HOLIDAY,
            "sectors": [ctx.sectors[s] for s in ("fire", "road_traffic", "tourism", "gas")],
            "towns": towns,
            "starts_on": ctx.today - dt.timedelta(days=5),
            "ends_on": holiday - dt.timedelta(days=1),
            "checklist": general,
            "description": f"{name}前对人员密集场所、道路交通、旅游景区和城镇燃气开展安全生产大检查。",
        },
    )
    run.run(pre, share=0.35, problem_rate=0.25)
