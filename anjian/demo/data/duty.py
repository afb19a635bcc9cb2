"""The demo county's duty: the calendar settings (三月三, 汛期, 森林防火期, the work the seed lists
for each period), the rosters for the next holiday (one with gaps), a month of handovers,
information reports and spot-checks. Everything goes through the services."""

import datetime as dt

from django.utils import timezone

from anjian.accounts.units import Unit
from anjian.demo.context import DemoContext
from anjian.duty import calendar, services
from anjian.duty.models import (
    DateSystem,
    DeclaredHoliday,
    LocalFestival,
    PeriodWork,
    ReportKind,
    Season,
    WorkTiming,
)

# (period, timing, title, detail) — from the seed's "三、突出抓好当前几项重点工作" and (三).
PERIOD_WORK = [
    (
        "*",
        WorkTiming.BEFORE,
        "节前安全生产大检查",
        "各镇、各行业主管部门组织开展安全生产大检查和督查",
    ),
    (
        "*",
        WorkTiming.BEFORE,
        "值班值守",
        "领导带班、专人24小时值班，保证通讯畅通，做好交接班和信息上报",
    ),
    ("*", WorkTiming.DURING, "信息报送", "紧急情况第一时间上报县委、县政府，杜绝瞒报、漏报、迟报"),
    (
        "春节",
        WorkTiming.BEFORE,
        "烟花爆竹监管",
        "生产、运输、储存、销售、燃放各环节监管，打击非法生产经营",
    ),
    ("清明节", WorkTiming.DURING, "森林防火", "扫墓祭祀用火管控，去年有火情的山林派人监测"),
    (
        "三月三",
        WorkTiming.BEFORE,
        "道路交通安全",
        "客流量骤增，排查道路隐患点，整治危险路段，打击非法载客",
    ),
    (
        "劳动节",
        WorkTiming.BEFORE,
        "人员密集场所消防检查",
        "商场、宾馆、景区等人员密集场所消防隐患排查",
    ),
    ("国庆节", WorkTiming.BEFORE, "道路交通和文化旅游安全检查", "客运、景区安全检查"),
    ("汛期", WorkTiming.BEFORE, "汛前安全生产大检查", "尾矿库水患治理，病、险、危尾矿库安全监控"),
    ("汛期", WorkTiming.DURING, "防汛", "防范降水、雷电、大风引发的事故，学生防溺水"),
    ("森林防火期", WorkTiming.DURING, "林区巡护", "各镇及林业部门加强林区巡护和火情监测"),
]

# Flood season and the forest-fire season as Guangxi keeps them (the county may change them).
SEASONS = [("汛期", 4, 1, 9, 30), ("森林防火期", 9, 1, 4, 30)]


def _county(ctx: DemoContext) -> Unit:
    """The demo county's unit: its county-level records name 示例县."""
    return Unit.of_division(ctx.division) if ctx.division is not None else Unit.county()


def _calendar(ctx: DemoContext) -> None:
    admin = ctx.admin
    services.calendar_item_save(
        actor=admin,
        instance=LocalFestival(),
        via="demo",
        data={"name": "三月三", "date_system": DateSystem.LUNAR, "month": 3, "day": 3, "days": 2},
    )
    for name, sm, sd, em, ed in SEASONS:
        services.calendar_item_save(
            actor=admin,
            instance=Season(),
            via="demo",
            data={"name": name, "start_month": sm, "start_day": sd, "end_month": em, "end_day": ed},
        )
    for i, (period, timing, title, detail) in enumerate(PERIOD_WORK):
        services.calendar_item_save(
            actor=admin,
            instance=PeriodWork(),
            via="demo",
            data={
                "period": period,
                "timing": timing,
                "title": title,
                "detail": detail,
                "ordering": i,
            },
        )
    _declare_new_year_if_unknown(ctx)


def _declare_new_year_if_unknown(ctx: DemoContext) -> None:
    """Near the year end, when the package does not know next year yet, the demo county admin
    enters 元旦 by hand (as a real one would from the State Council's notice): New Year's Day
    and, when it falls on Friday to Sunday, the rest of that weekend."""
    year = ctx.today.year + 1
    if year in calendar.PACKAGE_YEARS or (ctx.today + dt.timedelta(days=45)).year < year:
        return
    first = dt.date(year, 1, 1)
    last = first + dt.timedelta(days=6 - first.weekday()) if first.weekday() >= 4 else first
    services.calendar_item_save(
        actor=ctx.admin,
        instance=DeclaredHoliday(),
        via="demo",
        data={"name": "元旦", "start": first, "end": last},
    )


def _shifts(
    holiday: calendar.Holiday, rng, *, gaps: bool
) -> tuple[dt.datetime, dt.datetime, list[dict]]:
    """Day (08:00–20:00) and night (20:00–08:00, across midnight) shifts from the evening
    before the holiday to the morning after it; with `gaps`, one night without a leader and
    one day shift missing."""
    start, end = holiday.window()
    roster_start = start - dt.timedelta(hours=4)
    roster_end = end + dt.timedelta(hours=8)
    leaders = ["韦局长", "黄副局长", "陆主任", "蒙副主任", "覃书记"]
    staff = ["李明", "王芳", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "周婷"]
    shifts, cursor, i = [], roster_start, 0
    while cursor < roster_end:
        length = dt.timedelta(hours=12)
        shifts.append(
            {
                "starts_at": cursor,
                "ends_at": min(cursor + length, roster_end),
                "leader": leaders[i % len(leaders)],
                "staff": f"{staff[i % len(staff)]}、{staff[(i + 3) % len(staff)]}",
                "phone": f"0771-{rng.randint(5100000, 5199999)}",
            }
        )
        cursor += length
        i += 1
    if gaps and len(shifts) > 3:
        shifts[0]["leader"] = ""  # the first night: staff but no leader
        del shifts[2]  # the second night uncovered entirely
    return roster_start, roster_end, shifts


def _rosters(ctx: DemoContext) -> None:
    holiday = calendar.next_holiday(ctx.today)
    if holiday is None:
        return
    units = [_county(ctx), *(Unit.of_town(t) for t in ctx.towns.values())]
    if "transport" in ctx.departments:
        units.append(Unit.of_department(ctx.departments["transport"]))
    for index, unit in enumerate(units):
        if index == len(units) - 2:
            continue  # one town has not filed yet: the filing overview shows it
        start, end, shifts = _shifts(holiday, ctx.rng, gaps=index == 1)  # the demo town
        name = ctx.county.name if unit.kind == "county" else unit.name
        services.roster_create(
            actor=ctx.admin,
            unit=unit,
            title=f"{name}{holiday.name}值班表",
            starts_at=start,
            ends_at=end,
            shifts=shifts,
            via="demo",
        )


def _log(ctx: DemoContext) -> None:
    tz = timezone.get_default_timezone()
    rng = ctx.rng
    people = ["李明", "王芳", "张伟", "刘洋", "陈静", "杨帆"]
    first_town = Unit.of_town(next(iter(ctx.towns.values())))
    for days_ago in range(30, 0, -1):
        day = ctx.today - dt.timedelta(days=days_ago)
        at = dt.datetime.combine(day, dt.time(8, 30), tzinfo=tz)
        for unit in (_county(ctx), first_town):
            a, b = rng.sample(people, 2)
            services.handover_create(
                actor=ctx.admin,
                unit=unit,
                via="demo",
                data={
                    "handed_over_at": at,
                    "from_person": a,
                    "to_person": b,
                    "open_matters": rng.choice(
                        ["", "", "跟踪河口镇道路塌方处置进展", "等待县林业局回复火情监测情况"]
                    ),
                },
            )
    events = [
        ("青山镇运输车辆侧翻，1人受伤", False, 25),
        ("石桥镇林地冒烟，已扑灭", False, 40),
        ("河口镇采石场边坡滑塌，2人被困", True, 50),
        ("县城商场电梯故障困人", False, 15),
        ("柳溪镇化工企业储罐泄漏", True, 95),
    ]
    for i, (event, relevant, minutes) in enumerate(events):
        received = dt.datetime.combine(
            ctx.today - dt.timedelta(days=3 + i * 5), dt.time(10, 5), tzinfo=tz
        )
        services.report_create(
            actor=ctx.admin,
            unit=_county(ctx),
            via="demo",
            data={
                "event": event,
                "received_at": received,
                "grade_relevant": relevant,
                "kind": ReportKind.WRITTEN if relevant else ReportKind.PHONE,
                "reported_at": received + dt.timedelta(minutes=minutes),
                "reported_to": "县委办、县政府办",
            },
        )
    checker = ctx.users.get("leader") or ctx.admin
    units = [
        _county(ctx),
        *(Unit.of_town(t) for t in ctx.towns.values()),
        *(Unit.of_department(d) for d in ctx.departments.values()),
    ]
    for i in range(24):
        unit = units[i % len(units)]
        answered = i % 7 != 3
        at = dt.datetime.combine(
            ctx.today - dt.timedelta(days=1 + i), dt.time(21 - i % 5, 10), tzinfo=tz
        )
        services.check_create(
            actor=checker,
            unit=unit,
            via="demo",
            data={
                "checked_at": at,
                "answered": answered,
                "on_duty": rng.choice(people) if answered else "",
                "findings": "值班电话接听及时，值班记录完整"
                if answered
                else "值班电话无人接听，已电话通知单位负责人",
            },
        )


def load(ctx: DemoContext) -> None:
    _calendar(ctx)
    _rosters(ctx)
    _log(ctx)
