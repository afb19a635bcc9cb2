"""Special fund export: one row per allocation (a fund without any: one row), amounts in 万元."""

from decimal import Decimal

from anjian.core.excel import write_workbook
from anjian.funds import selectors
from anjian.funds.models import Allocation

# The workbook is Chinese whatever the reader's language.
PROJECT_LABELS = {
    "major_hazard": "重大隐患整治",
    "equipment": "装备",
    "training": "培训",
    "publicity": "宣传",
    "emergency": "应急救援",
    "information": "信息化",
    "other": "其他",
}

HEADERS = [
    "年度",
    "资金名称",
    "资金来源",
    "资金总额（万元）",
    "已分配（万元）",
    "已支出（万元）",
    "结余（万元）",
    "项目",
    "项目分配（万元）",
    "项目支出（万元）",
]


def _wan(value) -> float:
    return float((Decimal(value or 0) / 10000).quantize(Decimal("0.0001")))


def export_funds(*, actor, stream) -> int:
    funds = list(selectors.fund_list(actor=actor))
    allocations: dict[int, list] = {}
    for a in selectors.allocations_with_spent(
        Allocation.objects.filter(fund__in=[f.pk for f in funds])
    ):
        allocations.setdefault(a.fund_id, []).append(a)

    def rows():
        for f in funds:
            head = [
                f.year,
                f.name,
                f.source,
                _wan(f.amount),
                _wan(f.allocated),
                _wan(f.spent),
                _wan(f.balance),
            ]
            for a in allocations.get(f.pk) or [None]:
                if a is None:
                    yield [*head, "", None, None]
                else:
                    yield [
                        *head,
                        PROJECT_LABELS.get(a.project, a.project),
                        _wan(a.amount),
                        _wan(a.spent),
                    ]

    write_workbook(stream, HEADERS, rows(), title="安全生产专项资金")
    return len(funds)


EXPORTERS = {"funds": export_funds}
