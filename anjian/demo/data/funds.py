"""Demo special funds: this year's county fund with its allocations and a year of spending,
each payment with a voucher (a small PDF, checked by content like every upload)."""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.funds import services

VOUCHER = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ALLOCATIONS = [
    ("major_hazard", Decimal("1200000")),
    ("equipment", Decimal("600000")),
    ("training", Decimal("300000")),
    ("publicity", Decimal("150000")),
]
PAYMENTS = [
    ("major_hazard", 150, Decimal("420000"), "液氯储存单元重大隐患整改补助"),
    ("major_hazard", 60, Decimal("265000"), "燃气管网隐患整治"),
    ("equipment", 120, Decimal("188000"), "乡镇应急救援装备采购"),
    ("training", 90, Decimal("46500"), "主要负责人和安全管理人员培训"),
    ("training", 20, Decimal("38200"), "特种作业人员复审培训"),
    ("publicity", 25, Decimal("52000"), "安全生产月宣传活动"),
]


def load(ctx) -> None:
    fund = services.fund_create(
        actor=ctx.admin,
        via="demo",
        data={
            "year": ctx.today.year,
            "name": "安全生产专项资金",
            "source": "县级财政预算",
            "amount": Decimal("2500000"),
            "allocations": [{"project": p, "amount": a} for p, a in ALLOCATIONS],
        },
    )
    allocations = {a.project: a for a in fund.allocations.all()}
    start = dt.date(ctx.today.year, 1, 1)
    for project, age, amount, description in PAYMENTS:
        spent_on = max(start, ctx.today - dt.timedelta(days=age))
        services.spending_add(
            actor=ctx.admin,
            via="demo",
            allocation=allocations[project],
            data={"spent_on": spent_on, "amount": amount, "description": description},
            voucher=SimpleUploadedFile(f"凭证-{description}.pdf", VOUCHER, "application/pdf"),
        )
