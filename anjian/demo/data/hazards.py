"""Demo hazards: every state, some overdue, some major and supervised (with plans), self-checks,
public places, each with its history. Written through the same services as the web."""

import datetime as dt

from django.utils import timezone

from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.hazards.models import PLAN_FIELDS, HazardCriterion, HazardSource, HazardTransition
from anjian.hazards.policy import is_government_owner
from anjian.hazards.services import hazard_create
from anjian.hazards.workflow import hazard_transition

DESCRIPTIONS = {
    "hazardous_chemicals": ["储罐区可燃气体检测报警器未定期检定", "动火作业未办理作业票",
                            "危化品仓库超量储存", "安全阀超期未校验"],
    "fireworks": ["中转库药量超核定量", "防静电设施失效", "工房人员超员"],
    "non_coal_mine": ["排土场边坡出现裂缝", "安全出口被杂物堵塞", "未按规定开展边坡稳定性分析"],
    "road_traffic": ["客车安全带损坏未修复", "危货车辆动态监控离线", "驾驶员超时驾驶未处理"],
    "waterway": ["渡船救生衣配备不足", "码头护栏缺失", "船舶消防设备过期"],
    "fire": ["疏散通道堵塞", "应急照明损坏", "消防栓无水", "安全出口上锁"],
    "construction": ["脚手架连墙件缺失", "基坑临边未设防护", "塔吊限位失效"],
    "industry_trade": ["粉尘作业区电气设备不防爆", "有限空间未设置警示标识", "配电箱未接地"],
    "special_equipment": ["电梯超期未检验", "锅炉安全阀失灵", "压力容器未登记"],
    "gas": ["燃气管道腐蚀", "液化气钢瓶超期未检", "燃气报警器缺失"],
}
MEASURES = ["立即停用并更换", "清理整改并加强巡查", "委托专业单位维修", "制定专项整改方案"]
PUBLIC_PLACES = [("fire", "集贸市场"), ("fire", "客运站候车厅"), ("tourism", "景区观景台"),
                 ("road_traffic", "村道急弯路段"), ("education", "中心小学围墙"),
                 ("waterway", "渡口码头")]
# (target state, days found ago, days to deadline from found, overdue wanted)
STATES = ["pending", "rectifying", "awaiting_acceptance", "closed", "closed", "rectifying"]
STEPS = {"pending": [], "rectifying": ["acknowledge"],
         "awaiting_acceptance": ["acknowledge", "submit"],
         "closed": ["acknowledge", "submit", "accept"]}


def _plan(description: str) -> dict:
    texts = [f"消除“{description}”隐患，杜绝事故发生", "停产整改，更换设备，专家论证",
             "落实整改资金20万元及所需物资", "企业主要负责人牵头成立整改小组",
             "30日内完成，分阶段验收", "设置警戒区，落实专人监护，编制现场处置方案"]
    return dict(zip(PLAN_FIELDS, texts, strict=True))


class _Demo:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = ctx.today
        self.town_officer = ctx.users.get("town_officer")
        self.dept_officer = ctx.users.get("dept_officer")
        self.enterprise_user = ctx.users.get("enterprise_user")
        self.criteria = {}
        for c in HazardCriterion.objects.select_related("sector"):
            if c.sector:
                self.criteria.setdefault(c.sector.code, []).append(c)
        self.count = 0

    def finder(self, *, town_id, sector_code):
        """The government unit that finds it: the demo town or department when theirs."""
        if self.town_officer and town_id == self.town_officer.town_id and self.rng.random() < .6:
            return self.town_officer, {}
        if self.dept_officer and sector_code in ("road_traffic", "waterway"):
            return self.dept_officer, {}
        owner = self.ctx.towns.get(next(
            (code for code, t in self.ctx.towns.items() if t.pk == town_id), ""))
        return self.ctx.admin, ({"owner_town": owner} if owner and self.rng.random() < .5 else {})

    def unit_actor(self, hazard):
        """Who rectifies: the demo enterprise user for its unit, the demo town officer for a
        public place in its town; the system speaks for units that have no account."""
        if hazard.enterprise_id and self.enterprise_user and \
                hazard.enterprise_id == self.enterprise_user.enterprise_id:
            return self.enterprise_user
        if hazard.enterprise_id is None and self.town_officer and \
                hazard.town_id == self.town_officer.town_id:
            return self.town_officer
        return SYSTEM

    def acceptor(self, hazard):
        if hazard.source == HazardSource.SELF_CHECK and not hazard.is_major:
            return self.unit_actor(hazard)
        for officer in (self.town_officer, self.dept_officer):
            if officer and is_government_owner(officer, hazard):
                return officer
        return self.ctx.admin

    def make(self, *, index: int, enterprise=None, town=None, sector_code: str, place: str = ""):
        rng, today = self.rng, self.today
        state = STATES[index % len(STATES)]
        major = index % 7 == 3
        overdue = state != "closed" and index % 4 == 1
        found_ago = rng.randint(20, 200)
        found_on = today - dt.timedelta(days=found_ago)
        span = rng.randint(5, max(6, found_ago - 2)) if overdue else found_ago + rng.randint(0, 30)
        deadline = found_on + dt.timedelta(days=span)
        if overdue and deadline >= today:
            deadline = today - dt.timedelta(days=1)
        description = rng.choice(DESCRIPTIONS.get(sector_code, ["安全警示标志缺失"]))
        data = {"description": description, "found_on": found_on,
                "found_by": rng.choice(["李明", "王芳", "张伟", "刘洋", "陈静", "黄勇"]),
                "deadline": deadline, "responsible_person": rng.choice(["赵强", "孙丽", "周涛"]),
                "measures": rng.choice(MEASURES), "funds": rng.choice([500, 2000, 8000, 50000]),
                "contingency_plan": "整改期间设置警示标志，专人值守"}
        if major:
            data["grade"] = "major"
            options = [c for c in self.criteria.get(sector_code, []) if c.in_force_on(found_on)]
            if options:
                data["criterion"] = rng.choice(options)
            data.update(_plan(description))
        if enterprise is not None:
            data["enterprise"] = enterprise
            self_check = index % 3 == 2
        else:
            data.update({"town": town, "sector": self.ctx.sectors[sector_code], "location": place})
            self_check = False
        town_id = enterprise.town_id if enterprise is not None else town.pk
        if self_check:
            own = self.enterprise_user
            actor = own if own and own.enterprise_id == enterprise.pk else self.ctx.admin
            data["source"] = HazardSource.SELF_CHECK
        else:
            actor, owner = self.finder(town_id=town_id, sector_code=sector_code)
            data.update(owner)
            data["source"] = (HazardSource.PUBLIC_REPORT if enterprise is None and index % 2
                              else rng.choice([HazardSource.INSPECTION, HazardSource.CAMPAIGN]))
        hazard = hazard_create(actor=actor, data=data, via="demo")
        self._walk(hazard, state, index)
        self.count += 1
        return hazard

    def _walk(self, hazard, state: str, index: int) -> None:
        steps = list(STEPS[state])
        if state == "closed" and index % 5 == 0:
            steps = ["acknowledge", "submit", "reject", "submit", "accept"]
        moment = timezone.make_aware(dt.datetime.combine(hazard.found_on, dt.time(9)))
        for action in steps:
            actor = self.acceptor(hazard) if action in ("accept", "reject") \
                else self.unit_actor(hazard)
            comment = {"reject": "整改不彻底，照片不清晰，请重新整改",
                       "accept": "经现场复查，整改到位，同意销号",
                       "submit": "已按要求完成整改"}.get(action, "")
            step = hazard_transition(actor=actor, hazard=hazard, action=action, comment=comment,
                                     via="demo")
            moment += dt.timedelta(days=self.rng.randint(1, 4), hours=self.rng.randint(0, 6))
            HazardTransition.objects.filter(pk=step.pk).update(at=min(moment, clock.now()))


def load(ctx) -> None:
    demo = _Demo(ctx)
    chosen = []
    if demo.enterprise_user:
        own = demo.enterprise_user.enterprise
        chosen += [own] * 6
    qingshan = demo.town_officer.town_id if demo.town_officer else None
    in_town = [e for e in ctx.enterprises if e.town_id == qingshan and e.status == "operating"]
    transport = [e for e in ctx.enterprises
                 if e.sector.code in ("road_traffic", "waterway") and e.status == "operating"]
    others = [e for e in ctx.enterprises if e.status == "operating"]
    chosen += in_town[:12] + transport[:12] + demo.rng.sample(others, min(70, len(others)))
    for index, enterprise in enumerate(chosen):
        demo.make(index=index, enterprise=enterprise, sector_code=enterprise.sector.code)
    towns = list(ctx.towns.values())
    for index, (sector_code, place) in enumerate(PUBLIC_PLACES):
        town = towns[0] if index < 2 else towns[index % len(towns)]
        demo.make(index=index + 1, town=town, sector_code=sector_code,
                  place=f"{town.name}{place}")
