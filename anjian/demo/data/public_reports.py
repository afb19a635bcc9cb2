"""Demo 12350 reports: three, in different states (received; accepted and transferred to a
town; verified true, rewarded and turned into a hazard). Written through the services."""

import datetime as dt

from anjian.core import clock
from anjian.public_reports import services
from anjian.public_reports.models import PublicReport


def load(ctx) -> None:
    if PublicReport.objects.exists():
        return
    towns = list(ctx.towns.values())
    admin = ctx.admin
    services.public_report_submit(
        data={
            "content": "镇东头废品收购站夜间私自存放大量烟花爆竹，周边有居民楼。",
            "town": towns[0],
            "place": "东街废品收购站",
            "enterprise_name": "",
            "anonymous": True,
        }
    )
    second = services.public_report_submit(
        data={
            "content": "某砖厂破碎机防护罩拆除后一直未恢复，工人作业很危险。",
            "town": towns[0],
            "place": "",
            "enterprise_name": "示例红砖厂",
            "contact_name": "王先生",
            "contact_phone": "13900001111",
        }
    )
    services.public_report_accept(actor=admin, report=second, sector="industry_trade")
    # To the first town: the demo's town officer handles it.
    services.public_report_transfer(actor=admin, report=second, to=towns[0].code)
    third = services.public_report_submit(
        data={
            "content": "集贸市场二楼安全出口被货物堵死，消防通道上锁。",
            "town": towns[0],
            "place": "中心集贸市场二楼",
            "anonymous": False,
            "contact_name": "李女士",
            "contact_phone": "13800002222",
        }
    )
    PublicReport.objects.filter(pk=third.pk).update(received_at=clock.now() - dt.timedelta(days=20))
    services.public_report_accept(actor=admin, report=third, sector="fire")
    services.public_report_verify(
        actor=admin, report=third, finding="true", note="现场核查属实，已责令立即清理。"
    )
    services.public_report_reward(actor=admin, report=third, basis="fine", fine=50000)
    services.public_report_make_hazard(
        actor=admin,
        report=third,
        description="集贸市场二楼安全出口堵塞、消防通道上锁",
        deadline=ctx.today + dt.timedelta(days=7),
        sector="fire",
    )
