"""Excel exports: the hazard ledger (隐患台账) and the enterprises' quarterly hazard statistics.

The ledger starts with the import template's columns (so `anjian export hazards` matches the
template), followed by the ledger's own columns (state, 五定, supervision).
"""


from anjian.core import clock
from anjian.core.excel import write_workbook

from . import selectors
from .imports import COLUMNS, GRADE_LABELS, SOURCE_LABELS
from .models import HazardStatus

STATUS_LABELS = {HazardStatus.PENDING: "待整改", HazardStatus.RECTIFYING: "整改中",
                 HazardStatus.AWAITING_ACCEPTANCE: "待验收", HazardStatus.CLOSED: "已销号"}
LEDGER_EXTRA = ["编号", "状态", "是否逾期", "挂牌督办", "整改责任人", "整改措施", "整改资金（元）",
                "应急预案", "原整改期限", "销号时间"]


def export_hazards(*, actor, stream, empty: bool = False, filters: dict | None = None) -> int:
    """The ledger of the hazards in the actor's scope (optionally filtered like the list)."""
    qs = selectors.hazard_list(actor=actor, **(filters or {})).order_by("found_on", "pk")
    today = clock.today()
    count = 0 if empty else qs.count()

    def rows():
        if empty:
            return
        for h in qs.iterator(chunk_size=2000):
            overdue = h.status != HazardStatus.CLOSED and h.deadline < today
            yield [
                h.enterprise.name if h.enterprise_id else "",
                h.enterprise.credit_code if h.enterprise_id else "",
                h.town.name, h.sector.name, h.location, h.description,
                GRADE_LABELS.get(h.grade, h.grade), h.found_on, h.found_by,
                SOURCE_LABELS.get(h.source, h.source), h.deadline,
                h.pk, STATUS_LABELS.get(h.status, h.status), "是" if overdue else "否",
                "是" if h.supervised else "否", h.responsible_person, h.measures,
                float(h.funds) if h.funds is not None else None, h.contingency_plan,
                h.original_deadline, h.closed_at,
            ]

    headers = [c.header for c in COLUMNS] + ([] if empty else LEDGER_EXTRA)
    write_workbook(stream, headers, rows(), title="隐患台账")
    return count


QUARTER_HEADERS = ["单位名称", "统一社会信用代码", "所属镇", "行业领域", "本季度排查隐患",
                   "已整改", "整改率（%）", "逾期未整改", "重大隐患"]


def export_quarter_stats(*, actor, stream, quarter: selectors.Quarter) -> int:
    """Per enterprise: hazards found, rectified, overdue and major in one quarter."""
    stats = list(selectors.enterprise_quarter_stats(actor=actor, quarter=quarter))

    def rows():
        for e in stats:
            rate = round(100 * e.rectified / e.found, 1) if e.found else None
            yield [e.name, e.credit_code, e.town.name, e.sector.name, e.found, e.rectified, rate,
                   e.overdue, e.major]

    write_workbook(stream, QUARTER_HEADERS, rows(), title=f"{quarter.label}隐患统计")
    return len(stats)


EXPORTERS = {"hazards": export_hazards}
