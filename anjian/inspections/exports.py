"""The campaign progress table as an Excel workbook: per town, per department, units pending."""

from openpyxl import Workbook

from anjian.core.excel import append_row
from anjian.core.pii import mask
from anjian.inspections.progress import ProgressRow, campaign_progress
from anjian.inspections.selectors import campaign_pending_targets

PROGRESS_HEADERS = [
    "单位",
    "目标单位数",
    "已检查",
    "未检查",
    "检查率（%）",
    "企业自查",
    "发现隐患",
    "其中重大隐患",
    "已整改销号",
    "逾期未整改",
]
PENDING_HEADERS = [
    "所属镇",
    "单位名称",
    "统一社会信用代码",
    "行业领域",
    "行业主管部门",
    "安全负责人",
    "联系电话",
]


def _row(row: ProgressRow) -> list:
    return [
        row.name,
        row.targets,
        row.inspected,
        row.pending,
        row.rate,
        row.self_checked,
        row.hazards,
        row.major,
        row.closed,
        row.overdue,
    ]


def export_campaign_progress(*, actor, campaign, stream) -> None:
    """Write the workbook (scoped to the actor) to `stream`."""
    progress = campaign_progress(actor=actor, campaign=campaign)
    workbook = Workbook(write_only=True)
    for title, rows in (("按镇", progress.by_town), ("按部门", progress.by_department)):
        sheet = workbook.create_sheet(title=title)
        append_row(sheet, [campaign.name])
        sheet.append(PROGRESS_HEADERS)
        for row in rows:
            append_row(sheet, _row(row))
        progress.total.name = "合计"
        append_row(sheet, _row(progress.total))
    sheet = workbook.create_sheet(title="未检查单位")
    sheet.append(PENDING_HEADERS)
    for target in campaign_pending_targets(actor=actor, campaign=campaign).iterator(
        chunk_size=2000
    ):
        e = target.enterprise
        append_row(
            sheet,
            [
                e.town.name,
                e.name,
                e.credit_code,
                e.sector.name,
                e.department.name,
                e.safety_manager,
                mask(actor, e.phone),
            ],
        )
    workbook.save(stream)
