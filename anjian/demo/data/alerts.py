"""Demo warnings and publicity activities (no channel configurations: the demo sends nothing out)."""

import datetime as dt

from django.utils import timezone

from anjian.accounts.units import Unit, UnitKind
from anjian.alerts import services
from anjian.alerts.models import Alert
from anjian.core import clock


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _officers(ctx):
    units = [(Unit.of(u), u) for u in ctx.users.values()]
    towns = {unit.pk: u for unit, u in units if unit and unit.kind == UnitKind.TOWN}
    departments = {unit.pk: u for unit, u in units if unit and unit.kind == UnitKind.DEPARTMENT}
    return towns, departments


def _warnings(ctx) -> None:
    admin, today = ctx.admin, ctx.today
    towns, departments = list(ctx.towns.values()), list(ctx.departments.values())
    town_officers, dept_officers = _officers(ctx)
    first_town = towns[0]

    # An older, fully confirmed sector warning to the first town and the traffic departments.
    older_at = _at(today - dt.timedelta(days=20), 9)
    older_depts = [ctx.departments["transport"]]
    older = services.alert_publish(actor=admin, via="demo", now=older_at, towns=[first_town],
                                   departments=older_depts, data={
        "title": "关于加强节前道路交通安全隐患排查的预警",
        "level": "yellow", "kind": "sector",
        "content": "节日临近，客货运输量明显增加。请各有关单位立即开展道路交通安全隐患排查，"
                   "重点检查“两客一危”车辆、农村面包车和临水临崖路段，严禁超员超载、疲劳驾驶。",
        "valid_from": older_at, "valid_to": older_at + dt.timedelta(days=7)})
    older = Alert.objects.prefetch_related("recipients").get(pk=older.pk)
    services.alert_confirm(actor=town_officers[first_town.pk], alert=older, via="demo",
                           now=older_at + dt.timedelta(minutes=35))
    services.alert_confirm(actor=dept_officers[older_depts[0].pk], alert=older, via="demo",
                           now=older_at + dt.timedelta(minutes=80))

    # The current weather warning to every town and several departments: the traffic
    # department confirmed, the first town (the demo town officer) and the others have not.
    current_at = clock.now() - dt.timedelta(hours=3)
    recipients = [ctx.departments[c] for c in
                  ("transport", "traffic_police", "housing", "forestry", "emergency")
                  if c in ctx.departments]
    current = services.alert_publish(actor=admin, via="demo", now=current_at, towns=towns,
                                     departments=recipients, data={
        "title": "寒潮蓝色预警：强降温及道路结冰",
        "level": "blue", "kind": "weather",
        "content": "据县气象台预报，受强冷空气影响，未来48小时我县气温将下降8～10℃，"
                   "高海拔路段可能出现道路结冰。请各镇、各有关部门督促企业做好防寒防冻、"
                   "燃气和用电安全，加强山区道路巡查，必要时采取交通管制措施。",
        "valid_from": current_at, "valid_to": current_at + dt.timedelta(days=2)})
    current = Alert.objects.prefetch_related("recipients").get(pk=current.pk)
    services.alert_confirm(actor=dept_officers[ctx.departments["transport"].pk], alert=current,
                           via="demo", now=current_at + dt.timedelta(minutes=25))

    # A holiday warning ahead of the next 元旦, to every town and every department.
    new_year = dt.date(today.year + 1, 1, 1)
    holiday_at = _at(max(today, new_year - dt.timedelta(days=5)), 8, 30)
    if holiday_at <= clock.now():
        services.alert_publish(actor=admin, via="demo", now=holiday_at, towns=towns,
                               departments=departments, data={
            "title": "元旦期间安全防范工作预警",
            "level": "orange", "kind": "holiday",
            "content": "元旦假期人员流动和聚集增多，请严格落实领导带班和24小时值班制度，"
                       "加强烟花爆竹、人员密集场所、道路交通和森林防火等重点领域安全检查，"
                       "确保信息报送渠道畅通，严禁迟报、漏报、瞒报。",
            "valid_from": holiday_at, "valid_to": _at(new_year + dt.timedelta(days=2), 18)})


def _publicity(ctx) -> None:
    year = ctx.today.year if ctx.today.month >= 6 else ctx.today.year - 1
    first_town = list(ctx.towns.values())[0]
    users = ctx.users
    services.publicity_create(actor=ctx.admin, via="demo", data={
        "title": f"{year}年“安全生产月”集中宣传咨询日", "held_on": dt.date(year, 6, 16),
        "place": "示例县人民广场", "participants": 1200,
        "material": "宣传册3000份、宣传展板40块、应急包200个",
        "description": "县安委会各成员单位设立咨询台，现场讲解安全生产法律法规和应急避险知识。",
        "town": first_town})
    services.publicity_create(actor=users["town_officer"], via="demo", data={
        "title": "安全生产知识进农村宣讲", "held_on": dt.date(year, 6, 21),
        "place": f"{first_town.name}文化活动中心", "participants": 180,
        "material": "农村用电、用气安全明白纸500份",
        "description": "结合“安全生产月”，组织村民学习用电用气和防溺水安全知识。"})
    services.publicity_create(actor=users["dept_officer"], via="demo", data={
        "title": "道路交通安全警示教育进客运企业", "held_on": dt.date(year, 6, 25),
        "place": "示例县汽车客运站", "participants": 95, "sector": ctx.sectors["road_traffic"],
        "material": "事故警示教育片、驾驶员安全承诺书",
        "description": "组织客运驾驶员观看事故警示教育片并签订安全承诺书。"})
    services.publicity_create(actor=users["enterprise_user"], via="demo", data={
        "title": "危险化学品泄漏应急处置演示", "held_on": dt.date(year, 6, 28),
        "place": "企业厂区", "participants": 60, "material": "应急处置卡60张",
        "description": "结合安全生产月开展全员安全培训和泄漏应急处置演示。"})


def load(ctx) -> None:
    _warnings(ctx)
    _publicity(ctx)
