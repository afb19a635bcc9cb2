"""Demo risk points: several per unit for most units, public places in every town, town outlines.

Everything goes through the services (assemble, bulk create with audit, outlines replace).
"""

import datetime as dt
import json
import math
from decimal import Decimal

from anjian.demo import names
from anjian.risks import maps, rules, services
from anjian.risks.models import RiskPoint

# Sector → points: (name, location, GB 6441 codes, measures).
POINTS = {
    "non_coal_mine": [
        ("露天采场边坡", "采场", ["10", "01"], "定期边坡监测；台阶高度、坡面角符合设计；雨后先检查后作业"),
        ("爆破作业", "爆破区", ["13", "14"], "持证爆破员作业；设警戒区和警戒人员；爆破器材专库专人管理"),
        ("破碎筛分车间", "破碎车间", ["03", "01"], "设备防护罩齐全；检修挂牌上锁；粉尘收集"),
        ("矿区运输道路", "运输道路", ["02"], "限速；设挡车墙；车辆定期检验"),
    ],
    "fireworks": [
        ("药物混合工房", "一号工房", ["14"], "定员定量；防静电；严禁烟火；人员持证"),
        ("成品仓库", "成品库区", ["14", "08"], "限量储存；防雷防静电；24小时值守"),
        ("装药筑药工房", "二号工房", ["14", "07"], "单人单间；工具防爆；及时转运"),
    ],
    "hazardous_chemicals": [
        ("危险化学品储罐区", "储罐区", ["17", "08", "19"], "液位、温度、压力监测报警；防火堤完好；罐区动火审批"),
        ("有限空间作业", "污水池、储罐内", ["19"], "先通风、再检测、后作业；监护人在场；配备呼吸器"),
        ("装卸作业区", "装卸站台", ["08", "18"], "静电接地；防溢流；装卸人员持证"),
        ("特殊动火作业", "生产装置区", ["08", "18"], "动火审批；可燃气体检测；专人监火"),
        ("压力容器", "反应车间", ["17"], "定期检验；安全阀、压力表校验"),
    ],
    "road_traffic": [
        ("营运车辆动态监控", "车队", ["02"], "GPS动态监控；超速疲劳驾驶提醒；驾驶员安全教育"),
        ("停车场车辆进出", "停车场", ["02", "01"], "限速标志；专人指挥；视线盲区设凸面镜"),
        ("车辆维修车间", "维修车间", ["03", "08"], "举升设备定期检查；禁止明火"),
    ],
    "waterway": [
        ("渡船载客", "渡口", ["06"], "严禁超载；救生衣配齐；恶劣天气停航"),
        ("码头装卸", "码头", ["04", "06"], "临水作业穿救生衣；起重设备定期检验"),
    ],
    "fire": [
        ("人员密集场所疏散通道", "营业区", ["08"], "疏散通道畅通；应急照明、指示标志完好"),
        ("厨房燃气使用", "后厨", ["08", "18"], "燃气泄漏报警；定期清洗烟道"),
        ("电气线路", "配电房", ["05", "08"], "定期检测；禁止私拉乱接"),
    ],
    "construction": [
        ("临边高处作业", "主体结构施工层", ["09"], "临边防护栏杆；安全网；高处作业系安全带"),
        ("深基坑", "基坑", ["10"], "支护设计审查；基坑监测；坑边堆载限制"),
        ("塔式起重机", "塔吊", ["04"], "司机、信号工持证；限位装置完好；大风停止作业"),
        ("施工用电", "施工现场", ["05"], "三级配电两级保护；专业电工作业"),
    ],
    "industry_trade": [
        ("粉尘涉爆区域", "打磨车间", ["18", "08"], "除尘系统运行；定期清扫；防爆电气"),
        ("冲压设备", "冲压车间", ["03"], "双手操作按钮；光电保护装置"),
        ("有限空间作业", "污水处理池", ["19"], "作业审批；先通风、再检测、后作业"),
        ("叉车作业", "仓库", ["02"], "持证驾驶；限速；人车分流"),
    ],
    "special_equipment": [
        ("锅炉房", "锅炉房", ["16", "07"], "持证司炉；水位、压力监测；定期检验"),
        ("起重机械", "生产车间", ["04"], "定期检验；限位器完好；持证操作"),
        ("电梯", "电梯机房", ["09", "03"], "维保单位每半月维保；应急救援演练"),
    ],
    "gas": [
        ("液化石油气储罐", "储配站", ["17", "08"], "泄漏报警；静电接地；定期检验"),
        ("钢瓶充装", "充装间", ["17", "08"], "充装前检查；严禁超装"),
        ("燃气管网", "中压管网", ["08", "18"], "巡线；第三方施工监护"),
    ],
    "agri_machinery": [
        ("拖拉机道路行驶", "田间道路", ["02"], "持证驾驶；严禁载人；定期年检"),
        ("收割机作业", "田间", ["03"], "停机清理；防护罩齐全"),
    ],
    "tourism": [
        ("游客集中区域", "景区入口", ["01", "20"], "限流；节假日专人疏导"),
        ("玻璃栈道", "观景台", ["09"], "定期检测；恶劣天气关闭"),
        ("景区水域", "景区河段", ["06"], "设警示牌；配救生员"),
    ],
    "education": [
        ("校园食堂", "食堂", ["07", "08"], "燃气报警；食品安全管理"),
        ("学生上下学交通", "校门口", ["02"], "护学岗；校车定期检查"),
        ("防溺水", "校外水域", ["06"], "防溺水教育；家校联系"),
    ],
    "forestry": [
        ("林区防火", "林区", ["08"], "防火巡查；禁止野外用火"),
        ("木材采伐", "采伐作业区", ["01", "03"], "持证作业；采伐警戒"),
    ],
    "other": [
        ("仓储货架", "仓库", ["01", "10"], "限载标识；定期检查"),
        ("电气线路", "办公区", ["05", "08"], "定期检测"),
    ],
}
HIGH_HAZARD = {"non_coal_mine", "fireworks", "hazardous_chemicals", "gas", "construction"}
LS_SECTORS = {"road_traffic", "waterway", "tourism", "education", "agri_machinery"}

LEC_PROFILES = {
    rules.MAJOR: [(6, 6, 15), (3, 6, 40), (10, 6, 7)],
    rules.LARGE: [(3, 6, 15), (6, 3, 15), (1, 6, 40)],
    rules.GENERAL: [(3, 6, 7), (1, 6, 15), (3, 3, 15)],
    rules.LOW: [(1, 6, 7), (1, 3, 3), ("0.5", 6, 15)],
}
LS_PROFILES = {
    rules.MAJOR: [(4, 5), (5, 5), (5, 4)],
    rules.LARGE: [(3, 5), (4, 4), (5, 3)],
    rules.GENERAL: [(3, 3), (3, 4), (2, 5)],
    rules.LOW: [(2, 3), (1, 5), (2, 2)],
}

# Public places per town: (name, location suffix, sector, GB 6441 codes, level, measures).
PUBLIC = [
    ("急弯陡坡隐患路段", "县道急弯处", "road_traffic", ["02"], rules.LARGE,
     "设置警示标志和减速带；增设波形护栏；交警重点巡逻"),
    ("河道游泳区", "河段", "waterway", ["06"], rules.MAJOR,
     "设立禁止游泳警示牌；配置救生圈；暑期村干部巡河"),
    ("林区", "林区", "forestry", ["08"], rules.GENERAL,
     "防火期封山；护林员巡山；设置防火隔离带"),
    ("地质灾害隐患点", "山体边坡", "other", ["10"], rules.LOW,
     "群测群防；雨季加密巡查；设避险路线"),
    ("农村集市道路", "圩日集市", "road_traffic", ["02", "01"], rules.GENERAL,
     "圩日交通疏导；临时限速"),
]


def _factors(rng, method: str, level: str) -> dict:
    if method == "LEC":
        l, e, c = rng.choice(LEC_PROFILES[level])  # noqa: E741
        return {"l": str(l), "e": str(e), "c": str(c), "s": None}
    l, s = rng.choice(LS_PROFILES[level])  # noqa: E741
    return {"l": str(l), "s": str(s), "e": None, "c": None}


def _level(rng, sector: str) -> str:
    weights = [15, 30, 35, 20] if sector in HIGH_HAZARD else [3, 15, 45, 37]
    return rng.choices(rules.LEVELS, weights=weights)[0]


def _person(rng) -> str:
    return rng.choice(names.SURNAMES) + rng.choice(names.GIVEN)


def _town_geometry(t: int) -> dict:
    """A fictional town outline: its cell of the 5 × 2 grid the loader places units on, with
    wavy edges computed from absolute coordinates so neighbours share their borders."""
    lng0, lat0 = float(names.COUNTY[2]), float(names.COUNTY[3])
    col, row = t % 5, t // 5
    x0, x1 = lng0 + (col - 2.5) * 0.09, lng0 + (col - 1.5) * 0.09
    y0, y1 = lat0 + (row - 1) * 0.12, lat0 + row * 0.12

    def wiggle(a: float, b: float) -> float:
        return 0.005 * math.sin(a * 1234.5 + b * 987.6)

    def edge(p, q, steps=4):
        out = []
        for i in range(steps):
            f = i / steps
            x, y = p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f
            if 0 < i:
                if p[0] == q[0]:
                    x += wiggle(round(x, 6), round(y, 6))
                else:
                    y += wiggle(round(x, 6), round(y, 6))
            out.append([round(x, 6), round(y, 6)])
        return out

    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    ring = []
    for i in range(4):
        ring += edge(corners[i], corners[(i + 1) % 4])
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def _outlines(ctx) -> None:
    features = [{"type": "Feature", "properties": {"code": code},
                 "geometry": _town_geometry(t)} for t, code in enumerate(ctx.towns)]
    parsed = maps.parse_outlines(json.dumps({"type": "FeatureCollection", "features": features}))
    services.town_outlines_replace(actor=ctx.admin, outlines=parsed, via="demo")


def _enterprise_points(ctx, cache: dict) -> list[RiskPoint]:
    rng, points = ctx.rng, []
    own = ctx.users.get("enterprise_user")
    own_id = own.enterprise_id if own else None
    for enterprise in ctx.enterprises:
        sector = enterprise.sector.code
        templates = POINTS.get(sector, POINTS["other"])
        if enterprise.pk == own_id:
            count = len(templates)
        elif rng.random() < 0.25:
            continue  # not assessed yet: grey on the map
        else:
            count = rng.randint(1, min(4, len(templates)))
        for name, location, types, measures in rng.sample(templates, count):
            method = "LS" if sector in LS_SECTORS else rng.choices(["LEC", "LS"], [80, 20])[0]
            level = rules.MAJOR if (enterprise.pk == own_id and not points) else _level(rng, sector)
            if enterprise.pk == own_id and name == "有限空间作业":
                level = rules.MAJOR
            data = {
                "enterprise": enterprise, "name": name, "location": location,
                "accident_types": types, "method": method, **_factors(rng, method, level),
                "measures": measures, "responsible_person": _person(rng),
                "responsible_phone": f"139{rng.randint(10000000, 99999999)}",
                "review_on": ctx.today + dt.timedelta(days=rng.randint(-40, 330)),
            }
            points.append(services.risk_point_assemble(point=RiskPoint(), data=data,
                                                       bands_cache=cache))
    return points


def _public_points(ctx, cache: dict) -> list[RiskPoint]:
    rng, points = ctx.rng, []
    lng0, lat0 = float(names.COUNTY[2]), float(names.COUNTY[3])
    for t, town in enumerate(ctx.towns.values()):
        for name, where, sector, types, level, measures in rng.sample(PUBLIC, rng.randint(2, 4)):
            method = "LS" if sector in LS_SECTORS else "LEC"
            lng = lng0 + (t % 5 - 2) * 0.09 + rng.uniform(-0.035, 0.035)
            lat = lat0 + (t // 5 - 0.5) * 0.12 + rng.uniform(-0.045, 0.045)
            data = {
                "town": town, "sector": ctx.sectors[sector], "name": f"{town.name[:-1]}{name}",
                "location": f"{town.name}{rng.choice(names.WORDS)}{where}",
                "lng": Decimal(f"{lng:.6f}"), "lat": Decimal(f"{lat:.6f}"),
                "accident_types": types, "method": method, **_factors(rng, method, level),
                "measures": measures, "responsible_person": _person(rng),
                "responsible_phone": f"138{rng.randint(10000000, 99999999)}",
            }
            points.append(services.risk_point_assemble(point=RiskPoint(), data=data,
                                                       bands_cache=cache))
    return points


def load(ctx) -> None:
    # One sector with its own (provincial) LS bands, to show that bands are configurable.
    services.risk_bands_create(
        actor=ctx.admin, sector=ctx.sectors["tourism"], method="LS", major=17, large=11,
        general=5, effective_on=ctx.today - dt.timedelta(days=90), via="demo",
        note="参照部分省份风险矩阵分级标准")
    cache: dict = {}
    points = _enterprise_points(ctx, cache) + _public_points(ctx, cache)
    services.risk_point_bulk_create(actor=ctx.admin, points=points, via="demo")
    _outlines(ctx)
